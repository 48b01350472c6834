namespace DataParallel.Generators.Emit;

/// <summary>Fully qualified names generated code refers to, in one place.</summary>
internal static class GeneratedNames
{
    public const string GeneratorName = "DataParallel.Generators";
    public const string GeneratorVersion = "0.1.0";
    public const string GeneratedCodeAttribute = $"[global::System.CodeDom.Compiler.GeneratedCode(\"{GeneratorName}\", \"{GeneratorVersion}\")]";
    public const string NoInliningAttribute = "[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]";
    public const string HiddenAttribute = "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";
    public const string Domain = "Dp::Domain";
    public const string Scheduler = "Dp::ChunkScheduler";
    public const string ChunkPlan = "Dp::ChunkPlan";
    public const string Settings = "global::DataParallel.DataParallelSettings";
    public const string Range = "global::System.Range";
    public const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";
}

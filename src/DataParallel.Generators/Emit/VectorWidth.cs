using DataParallel.Compiler.Model;

namespace DataParallel.Generators.Emit;

/// <summary>One of the vector widths generated code is emitted for (the scalar path is emitted separately).</summary>
internal sealed record VectorWidth(int Bits)
{
    public static readonly VectorWidth[] All = [new(512), new(256), new(128)];

    /// <summary>The static class of this width's operations, e.g. <c>Simd::Vector256</c>.</summary>
    public string Api => $"Simd::Vector{Bits}";

    /// <summary>The register type for lanes of <paramref name="lane"/>, e.g. <c>Vector256&lt;float&gt;</c>.</summary>
    public string Type(ScalarKind lane) => $"{Api}<{lane.Keyword()}>";

    /// <summary>Lanes per step for lanes of <paramref name="laneBytes"/> bytes.</summary>
    public int Lanes(int laneBytes) => Bits / 8 / laneBytes;

    /// <summary>
    /// The vector that holds one value per lane for lanes of <paramref name="lane"/> in a kernel whose widest lanes
    /// are <paramref name="laneBytes"/> bytes: the full width for the widest type, half of it for 32-bit values in a
    /// kernel with 64-bit lanes (same number of lanes).
    /// </summary>
    public VectorWidth For(ScalarKind lane, int laneBytes) => new(Bits * lane.Size() / laneBytes);

    /// <summary>The <c>DataParallel.SimdWidth</c> member this width runs under.</summary>
    public string SettingName => $"Vector{Bits}";
}

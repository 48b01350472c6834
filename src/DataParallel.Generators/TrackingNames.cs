namespace DataParallel.Generators;

/// <summary>Names of the generator's pipeline steps, for incrementality tests (<c>GeneratorDriverOptions.TrackIncrementalGeneratorSteps</c>).</summary>
public static class TrackingNames
{
    /// <summary>Every <c>[Parallel]</c> method, read into a value-equatable model (or a failure).</summary>
    public const string Kernels = "DataParallel.Kernels";

    /// <summary>The kernels that generate code.</summary>
    public const string GeneratableKernels = "DataParallel.GeneratableKernels";

    /// <summary>The names the generated files give their namespace aliases, free of the compilation's global aliases.</summary>
    public const string NamespaceAliases = "DataParallel.NamespaceAliases";
}

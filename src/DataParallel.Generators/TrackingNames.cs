namespace DataParallel.Generators;

/// <summary>Names of the generator's pipeline steps, for incrementality tests (<c>GeneratorDriverOptions.TrackIncrementalGeneratorSteps</c>).</summary>
public static class TrackingNames
{
    /// <summary>Every <c>[Parallel]</c> method, read into a value-equatable model (or a failure), with its location.</summary>
    public const string Kernels = "DataParallel.Kernels";

    /// <summary>The models of the kernels that generate code, without their locations.</summary>
    public const string KernelModels = "DataParallel.KernelModels";

    /// <summary>Each kernel's generated file (and any failure making it), lowered from its model.</summary>
    public const string LoweredKernels = "DataParallel.LoweredKernels";

    /// <summary>Every kernel's lowering failures, to be placed in source and reported.</summary>
    public const string LoweringFailures = "DataParallel.LoweringFailures";

    /// <summary>The names the generated files give their namespace aliases, free of the compilation's global aliases.</summary>
    public const string NamespaceAliases = "DataParallel.NamespaceAliases";

    /// <summary>Whether the compilation references DataParallel.Gpu (a bool, so that other edits leave it equal).</summary>
    public const string GpuReferenced = "DataParallel.GpuReferenced";

    /// <summary>Each kernel's GPU file (or nothing, when the kernel stays off the GPU), when DataParallel.Gpu is referenced.</summary>
    public const string GpuKernels = "DataParallel.GpuKernels";
}

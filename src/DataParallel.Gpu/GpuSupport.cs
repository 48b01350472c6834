namespace DataParallel.Gpu;

/// <summary>
/// The marker the DataParallel generator looks for: a compilation that can see this type references the GPU
/// package, and every kernel that can run on a GPU also gets ILGPU entry points (DESIGN §4). It carries nothing else.
/// </summary>
public static class GpuSupport
{
    /// <summary>The metadata name the generator and the analyzers look up.</summary>
    public const string MarkerMetadataName = "DataParallel.Gpu.GpuSupport";
}

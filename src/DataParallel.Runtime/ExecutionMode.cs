namespace DataParallel;

/// <summary>How generated entry points execute; see <see cref="DataParallelSettings.Mode"/>.</summary>
public enum ExecutionMode
{
    /// <summary>Vectorised, on as many cores as pay off for the domain's size. The default.</summary>
    Auto = 0,
    /// <summary>Vectorised, on the calling thread only.</summary>
    Sequential,
    /// <summary>
    /// Calls the kernel method itself for every index, in order, on the calling thread: the reference
    /// semantics, and the mode to step through a kernel in a debugger.
    /// </summary>
    Scalar,
}

namespace DataParallel.Compiler.Planning;

/// <summary>Why a construct keeps a kernel off the GPU (DP3003 says which, plainly).</summary>
internal enum GpuBlockReason
{
    /// <summary>
    /// ILGPU's compiler cannot compile it. Only for a construct that a test shows ILGPU rejecting (issue 13 item 4;
    /// tests/DataParallel.Gpu.Tests/Portability): none today, since the one once reported so, kernels with more
    /// than 13 spans, compiles in ILGPU and is limited only by the typed loaders the launchers use.
    /// </summary>
    IlgpuCannotCompile,
    /// <summary>ILGPU could compile it, but DataParallel's GPU lowering does not cover it yet.</summary>
    NotCoveredYet,
}

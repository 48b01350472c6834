namespace DataParallel.Compiler.Planning;

/// <summary>Why a construct keeps a kernel off the GPU (DP3003 says which, plainly).</summary>
internal enum GpuBlockReason
{
    /// <summary>ILGPU's compiler cannot compile it.</summary>
    IlgpuCannotCompile,
    /// <summary>ILGPU could compile it, but DataParallel's GPU lowering does not cover it yet.</summary>
    NotCoveredYet,
}

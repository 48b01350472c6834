using System;

namespace DataParallel.Gpu;

/// <summary>ILGPU could not compile or load a generated kernel for an accelerator; the message names the kernel.</summary>
public sealed class GpuKernelLoadException : Exception
{
    /// <summary>Creates the exception for <paramref name="kernelName"/>, keeping ILGPU's error as the inner exception.</summary>
    public GpuKernelLoadException(string kernelName, string acceleratorName, Exception inner)
        : base($"ILGPU could not load the GPU kernel of '{kernelName}' on accelerator '{acceleratorName}': {inner.Message}", inner)
    {
        KernelName = kernelName;
    }

    /// <summary>The kernel as the generator names it (namespace, types and method).</summary>
    public string KernelName { get; }
}

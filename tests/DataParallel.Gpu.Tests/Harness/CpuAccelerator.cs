using System;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;

namespace DataParallel.Gpu.Tests.Harness;

/// <summary>
/// ILGPU's CPU accelerator, as the README's GPU example creates a context (algorithms enabled), shared by the tests of
/// a class: it runs a kernel about a thousand times slower than a loop, so sizes stay small.
/// </summary>
public sealed class CpuAccelerator : IDisposable
{
    public CpuAccelerator()
    {
        Context = Context.Create(builder => builder.Default().EnableAlgorithms());
        Accelerator = Context.CreateCPUAccelerator(0);
    }

    public Context Context { get; }

    public Accelerator Accelerator { get; }

    public void Dispose()
    {
        Accelerator.Dispose();
        Context.Dispose();
    }
}

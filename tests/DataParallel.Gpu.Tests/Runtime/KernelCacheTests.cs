using System;
using DataParallel.Gpu.Tests.Harness;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using Xunit;

namespace DataParallel.Gpu.Tests.Runtime;

/// <summary>Kernels load once per accelerator, are released with it, and a failed load poisons nothing.</summary>
public sealed class KernelCacheTests
{
    [Fact]
    public void A_kernel_loads_once_per_accelerator_and_is_released_when_it_is_disposed()
    {
        using Context context = Context.Create(builder => builder.Default().EnableAlgorithms());
        Accelerator gpu = context.CreateCPUAccelerator(0);
        GeneratedKernels.Drive("SaxpySpans", gpu, 2f, new float[4], new float[4]);
        Assert.Equal(1, GpuKernelCache.LoadedCount(gpu));
        GeneratedKernels.Drive("SaxpySpans", gpu, 2f, new float[4], new float[4]);
        GeneratedKernels.Drive("SaxpyRangeSpans", gpu, 2f, new float[4], new float[4]);
        Assert.Equal(1, GpuKernelCache.LoadedCount(gpu));
        gpu.Dispose();
        Assert.Equal(0, GpuKernelCache.LoadedCount(gpu));
    }

    [Fact]
    public void Threads_asking_at_once_get_one_load()
    {
        using Context context = Context.Create(builder => builder.Default().EnableAlgorithms());
        using Accelerator gpu = context.CreateCPUAccelerator(0);
        int loads = 0;
        Action<int> loaded = _ => { };
        Action<int>[] seen = new Action<int>[8];
        System.Threading.Tasks.Parallel.For(0, seen.Length, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = seen.Length }, t =>
            seen[t] = GpuKernelCache.GetOrLoad(gpu, "Probe.Concurrent", _ =>
            {
                System.Threading.Interlocked.Increment(ref loads);
                System.Threading.Thread.Sleep(50);
                return loaded;
            }));
        Assert.Equal(1, loads);
        Assert.All(seen, launcher => Assert.Same(loaded, launcher));
    }

    /// <summary>ILGPU cannot compile an allocation of a class inside a kernel.</summary>
    private static void Uncompilable(Index1D index, ArrayView<int> data) => data[index] = new object().GetHashCode();

    [Fact]
    public void A_failed_load_names_the_kernel_and_leaves_the_accelerator_usable()
    {
        using Context context = Context.Create(builder => builder.Default().EnableAlgorithms());
        using Accelerator gpu = context.CreateCPUAccelerator(0);
        var e = Assert.Throws<GpuKernelLoadException>(() => GpuKernelCache.GetOrLoad(gpu, "Probe.Uncompilable", a => a.LoadAutoGroupedKernel<Index1D, ArrayView<int>>(Uncompilable)));
        Assert.Equal("Probe.Uncompilable", e.KernelName);
        Assert.Contains("Probe.Uncompilable", e.Message);
        Assert.Equal(0, GpuKernelCache.LoadedCount(gpu));

        // Another kernel loads and runs on the same accelerator and context afterwards.
        float[] y = [1, 2, 3];
        GeneratedKernels.Drive("SaxpySpans", gpu, 2f, new float[] { 1, 1, 1 }, y);
        Assert.Equal(new float[] { 3, 4, 5 }, y);

        // And the failing one fails the same way again (the failure is not cached as something else).
        var again = Assert.Throws<GpuKernelLoadException>(() => GpuKernelCache.GetOrLoad(gpu, "Probe.Uncompilable", a => a.LoadAutoGroupedKernel<Index1D, ArrayView<int>>(Uncompilable)));
        Assert.Equal(e.InnerException?.GetType(), again.InnerException?.GetType());
    }
}

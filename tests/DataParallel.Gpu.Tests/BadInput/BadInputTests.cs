using System;
using DataParallel.Gpu.Tests.Harness;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using Xunit;

namespace DataParallel.Gpu.Tests.BadInput;

/// <summary>
/// Every bad call is refused on the host with a clear exception before anything is queued: each runs on a fresh
/// accelerator, on which afterwards no kernel has even been loaded, and the output is unchanged.
/// </summary>
public sealed class BadInputTests : IDisposable
{
    private readonly Context _context = Context.Create(builder => builder.Default().EnableAlgorithms());
    private readonly Accelerator _gpu;

    public BadInputTests()
    {
        _gpu = _context.CreateCPUAccelerator(0);
    }

    public void Dispose()
    {
        _gpu.Dispose();
        _context.Dispose();
    }

    private void AssertNothingLaunched(MemoryBuffer1D<float, Stride1D.Dense> output, float[] before)
    {
        Assert.Equal(0, GpuKernelCache.LoadedCount(_gpu));
        Assert.Equal(before, GeneratedKernels.View(output, 0, before.Length).GetAsArray());
    }

    [Fact]
    public void Views_of_different_lengths_are_refused_as_spans_are()
    {
        float[] y = new float[9];
        using var xs = GeneratedKernels.Upload(_gpu, new float[10]);
        using var ys = GeneratedKernels.Upload(_gpu, y);
        var e = Assert.Throws<ArgumentException>(() => GeneratedKernels.Call("Saxpy", _gpu, 2f, GeneratedKernels.View(xs, 0, 10), GeneratedKernels.View(ys, 0, 9)));
        Assert.Contains("must have the same length", e.Message);
        AssertNothingLaunched(ys, y);
    }

    [Fact]
    public void Overlapping_views_get_the_message_of_overlapping_spans()
    {
        float[] data = new float[20];
        string cpu = Assert.Throws<ArgumentException>(() => GeneratedKernels.Drive("SaxpyCpuOverlapping", data)).Message;
        using var buffer = GeneratedKernels.Upload(_gpu, data);
        var e = Assert.Throws<ArgumentException>(() => GeneratedKernels.Call("Saxpy", _gpu, 2f, GeneratedKernels.View(buffer, 0, 10), GeneratedKernels.View(buffer, 5, 10)));
        Assert.Equal(cpu, e.Message);
        AssertNothingLaunched(buffer, data);
    }

    [Fact]
    public void The_very_same_view_twice_is_allowed_where_the_same_span_is()
    {
        using var buffer = GeneratedKernels.Upload(_gpu, new float[] { 1, 2, 3 });
        GeneratedKernels.Call("Saxpy", _gpu, 2f, GeneratedKernels.View(buffer, 0, 3), GeneratedKernels.View(buffer, 0, 3));
        _gpu.Synchronize();
        Assert.Equal(new float[] { 3, 6, 9 }, GeneratedKernels.View(buffer, 0, 3).GetAsArray());
    }

    [Fact]
    public void A_view_of_another_accelerator_is_refused()
    {
        using Accelerator other = _context.CreateCPUAccelerator(0);
        float[] y = new float[8];
        using var xs = GeneratedKernels.Upload(other, new float[8]);
        using var ys = GeneratedKernels.Upload(_gpu, y);
        var e = Assert.Throws<ArgumentException>(() => GeneratedKernels.Call("Saxpy", _gpu, 2f, GeneratedKernels.View(xs, 0, 8), GeneratedKernels.View(ys, 0, 8)));
        Assert.Equal("x", e.ParamName);
        Assert.Contains("lives on accelerator", e.Message);
        AssertNothingLaunched(ys, y);
    }

    [Fact]
    public void A_disposed_accelerator_is_refused()
    {
        Accelerator gone = _context.CreateCPUAccelerator(0);
        gone.Dispose();
        Assert.Throws<ObjectDisposedException>(() => GeneratedKernels.Drive("SaxpySpans", gone, 2f, new float[4], new float[4]));
        Assert.Throws<ObjectDisposedException>(() => GeneratedKernels.Call("Saxpy", gone, 2f, ArrayView<float>.Empty, ArrayView<float>.Empty));
    }

    [Fact]
    public void A_range_outside_the_views_is_refused()
    {
        float[] y = new float[10];
        using var xs = GeneratedKernels.Upload(_gpu, new float[10]);
        using var ys = GeneratedKernels.Upload(_gpu, y);
        Assert.ThrowsAny<ArgumentException>(() => GeneratedKernels.Call("Saxpy", _gpu, 0..11, 2f, GeneratedKernels.View(xs, 0, 10), GeneratedKernels.View(ys, 0, 10)));
        AssertNothingLaunched(ys, y);
    }

    [Fact]
    public void An_access_the_entry_proof_puts_out_of_bounds_is_refused_before_launch()
    {
        // MatMul reads a[row * k + p] for p < k: with k = 4 and a of 3 × 3 elements, the last rows would read past a.
        ArgumentException e = RefusedMatMul(rows: 3, columns: 3, n: 3, k: 4, aLength: 9, bLength: 12, cLength: 9);
        Assert.Contains("a[row * k + p]", e.Message);
    }

    [Fact]
    public void A_race_requirement_the_call_breaks_is_refused_as_on_the_cpu()
    {
        // c[row * n + col] is race-free only while col stays below n: 4 columns with n = 2 would write elements twice.
        ArgumentException e = RefusedMatMul(rows: 2, columns: 4, n: 2, k: 1, aLength: 16, bLength: 16, cLength: 16);
        Assert.Equal(typeof(ArgumentException), e.GetType());
        Assert.Contains("race-free only while", e.Message);
    }

    /// <summary>Calls MatMul's view entry point with a call it must refuse, and checks that nothing ran.</summary>
    private ArgumentException RefusedMatMul(int rows, int columns, int n, int k, int aLength, int bLength, int cLength)
    {
        float[] c = new float[cLength];
        using var a = GeneratedKernels.Upload(_gpu, new float[aLength]);
        using var b = GeneratedKernels.Upload(_gpu, new float[bLength]);
        using var cs = GeneratedKernels.Upload(_gpu, c);
        var e = Assert.ThrowsAny<ArgumentException>(() => GeneratedKernels.Call("MatMul", _gpu, 0..rows, 0..columns, n, k,
            GeneratedKernels.View(a, 0, aLength), GeneratedKernels.View(b, 0, bLength), GeneratedKernels.View(cs, 0, cLength)));
        AssertNothingLaunched(cs, c);
        return e;
    }
}

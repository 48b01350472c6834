using System;
using System.Linq;
using DataParallel.Gpu.Tests.Harness;
using ILGPU.Runtime;
using Xunit;

namespace DataParallel.Gpu.Tests.Differential;

/// <summary>
/// Span slices, ranges and span locals on ILGPU's CPU accelerator: accesses on the underlying view at offset +
/// position, bit for bit the scalar kernel's results; the slices' own checks proven on the host, so a slice that would
/// leave its span is refused before launch with the exception type the CPU entry point throws.
/// </summary>
public sealed class SliceTests(CpuAccelerator cpu) : IClassFixture<CpuAccelerator>
{
    private readonly Accelerator _gpu = cpu.Accelerator;

    private static float[] Floats(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(9, 7)]
    [InlineData(20, 3)]
    public void A_row_slice_local_sums_as_the_scalar_kernel(int rows, int n)
    {
        float[] a = Floats(rows * n, rows), expected = new float[rows], actual = new float[rows];
        GeneratedKernels.Drive("RowSumsScalar", n, a, expected);
        GeneratedKernels.Drive("RowSumsSpans", _gpu, n, a, actual);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(30)]
    public void A_range_and_an_alias_read_as_the_scalar_kernel(int n)
    {
        int[] x = Enumerable.Range(0, n + 1).Select(v => v * v - 3 * v).ToArray();
        int[] expected = new int[n], actual = new int[n];
        GeneratedKernels.Drive("NeighboursScalar", x, expected);
        GeneratedKernels.Drive("NeighboursSpans", _gpu, x, actual);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    public void Stores_through_a_slice_write_as_the_scalar_kernel(int n)
    {
        float[] x = Floats(n, n), expected = new float[4 * n], actual = new float[4 * n];
        GeneratedKernels.Drive("QuadsScalar", x, expected);
        GeneratedKernels.Drive("QuadsSpans", _gpu, x, actual);
        Assert.Equal(expected, actual);

        // Through views, a stream of its own, with the data offset inside one buffer.
        using var buffer = GeneratedKernels.Upload(_gpu, Enumerable.Repeat(-1f, 5 * n + 3).ToArray());
        using var xs = GeneratedKernels.Upload(_gpu, x);
        using AcceleratorStream stream = _gpu.CreateStream();
        GeneratedKernels.Call("Quads", stream, GeneratedKernels.View(xs, n), GeneratedKernels.View(buffer, 3, 4 * n));
        stream.Synchronize();
        float[] all = GeneratedKernels.View(buffer, 5 * n + 3).GetAsArray();
        Assert.Equal(expected, all.Skip(3).Take(4 * n));
        Assert.All(all.Take(3).Concat(all.Skip(3 + 4 * n)), v => Assert.Equal(-1f, v));
    }

    [Fact]
    public void A_slice_that_would_leave_its_span_is_refused_before_launch_as_on_the_cpu()
    {
        // RowSums over 4 rows of 5 needs 20 elements; 19 makes the last row's slice leave a.
        float[] a = Floats(19, 1), sums = Enumerable.Repeat(7f, 4).ToArray();
        Exception cpuError = Assert.ThrowsAny<Exception>(() => GeneratedKernels.Drive("RowSumsCpu", 5, a, sums));
        Exception gpuError = Assert.ThrowsAny<ArgumentException>(() => GeneratedKernels.Drive("RowSumsSpans", _gpu, 5, a, sums));
        Assert.Equal(cpuError.GetType(), gpuError.GetType());
        Assert.Contains("a.Slice(r * n, n)", gpuError.Message);
        Assert.All(sums, v => Assert.Equal(7f, v));

        // Quads writes 4 per index: 4 indices into 15 elements.
        Assert.ThrowsAny<ArgumentException>(() => GeneratedKernels.Drive("QuadsSpans", _gpu, new float[4], new float[15]));
    }
}

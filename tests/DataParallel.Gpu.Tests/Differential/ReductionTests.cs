using System;
using System.Linq;
using DataParallel.Gpu.Tests.Harness;
using ILGPU.Runtime;
using Xunit;

namespace DataParallel.Gpu.Tests.Differential;

/// <summary>
/// GPU reductions: fixed blocks of 256 indices aligned to absolute indices, each folded in index order, block partials
/// combined in order. Integer results equal the scalar kernel's; a float sum is the same bits on every call and is
/// exactly that block scheme's (so within rounding of the CPU entry point's, whose chunking differs).
/// </summary>
public sealed class ReductionTests(CpuAccelerator cpu) : IClassFixture<CpuAccelerator>
{
    private const int Block = 256;
    private readonly Accelerator _gpu = cpu.Accelerator;

    public static TheoryData<int, int> Ranges => new() { { 0, 0 }, { 0, 1 }, { 5, 5 }, { 0, 700 }, { 200, 900 }, { 255, 257 }, { 511, 1200 } };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void Integer_sums_equal_the_scalar_kernels_over_any_range(int start, int end)
    {
        var random = new Random(start * 31 + end);
        int[] x = Enumerable.Range(0, 1200).Select(_ => random.Next(-50000, 50000)).ToArray();
        long expected = GeneratedKernels.Evaluate<long>("SumSquaresScalar", start, end, x);
        Assert.Equal(expected, GeneratedKernels.Evaluate<long>("SumSquaresRangeSpans", _gpu, start, end, x));
    }

    [Fact]
    public void Xor_and_min_equal_the_scalar_kernels_and_an_empty_domain_gives_the_identity()
    {
        var random = new Random(3);
        uint[] x = Enumerable.Range(0, 999).Select(_ => (uint)random.NextInt64(0, uint.MaxValue)).ToArray();
        Assert.Equal(GeneratedKernels.Evaluate<uint>("ChecksumScalar", x), GeneratedKernels.Evaluate<uint>("ChecksumSpans", _gpu, x));
        int[] values = Enumerable.Range(0, 600).Select(_ => random.Next()).ToArray();
        Assert.Equal(values.Min(), GeneratedKernels.Evaluate<int>("LowestSpans", _gpu, values));
        Assert.Equal(int.MaxValue, GeneratedKernels.Evaluate<int>("LowestSpans", _gpu, Array.Empty<int>()));
        Assert.Equal(0u, GeneratedKernels.Evaluate<uint>("ChecksumSpans", _gpu, Array.Empty<uint>()));
    }

    [Fact]
    public void A_float_dot_is_the_block_schemes_value_the_same_on_every_call_and_close_to_the_cpus()
    {
        const int n = 1000;
        var random = new Random(9);
        float[] x = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        float[] y = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();

        // The scheme, on the host: blocks [256b, 256(b+1)) folded in order, then the partials in order.
        float expected = 0f;
        for (int b = 0; b * Block < n; b++)
        {
            float partial = 0f;
            for (int i = b * Block; i < Math.Min(n, (b + 1) * Block); i++)
                partial += x[i] * y[i];
            expected += partial;
        }

        float viaSpans = GeneratedKernels.Evaluate<float>("DotSpans", _gpu, x, y);
        using var xs = GeneratedKernels.Upload(_gpu, x);
        using var ys = GeneratedKernels.Upload(_gpu, y);
        float viaViews = GeneratedKernels.Call<float>("Dot", _gpu, GeneratedKernels.View(xs, n), GeneratedKernels.View(ys, n));
        using AcceleratorStream stream = _gpu.CreateStream();
        float viaStream = GeneratedKernels.Call<float>("Dot", stream, GeneratedKernels.View(xs, n), GeneratedKernels.View(ys, n));

        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(viaSpans));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(viaViews));
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(viaStream));
        float cpu = GeneratedKernels.Evaluate<float>("DotCpu", x, y);
        Assert.True(Math.Abs(cpu - viaSpans) <= 1e-4f * Math.Max(1f, Math.Abs(cpu)), $"CPU {cpu} vs GPU {viaSpans}");
    }
}

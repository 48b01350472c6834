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

    /// <summary>Values that tell the NaN and signed-zero rules apart: NaN, ±0, ±∞ and ordinary numbers.</summary>
    private static readonly double[] s_specials = [double.NaN, 0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, 1.5, -2.25];

    [Fact]
    public void Float_max_and_double_min_equal_the_scalar_fold_with_nans_signed_zeros_and_infinities()
    {
        // Math.Max and Math.Min's rules: a NaN anywhere gives NaN; −0 < +0. Inputs of 600 values span three blocks and
        // put each special value alone, in pairs and in every block position the random draw gives.
        var random = new Random(11);
        for (int trial = 0; trial < 40; trial++)
        {
            int n = random.Next(0, 600);
            double[] values = Enumerable.Range(0, n)
                .Select(_ => random.Next(4) == 0 ? s_specials[random.Next(s_specials.Length)] : random.NextDouble() * 200 - 100)
                .Select(v => trial % 3 == 0 && double.IsNaN(v) ? 0.0 : v)   // a third of the trials without NaN
                .ToArray();
            float[] floats = values.Select(v => (float)v).ToArray();

            float expectedMax = floats.Aggregate(float.NegativeInfinity, Math.Max);
            AssertSameValue(expectedMax, GeneratedKernels.Evaluate<float>("HighestSpans", _gpu, floats));
            AssertSameValue(expectedMax, GeneratedKernels.Evaluate<float>("HighestCpu", floats));
            double expectedMin = values.Aggregate(double.PositiveInfinity, Math.Min);
            AssertSameValue(expectedMin, GeneratedKernels.Evaluate<double>("LowestDoubleSpans", _gpu, values));
            AssertSameValue(expectedMin, GeneratedKernels.Evaluate<double>("LowestDoubleCpu", values));
        }
    }

    [Fact]
    public void Every_pair_of_special_values_reduces_as_math_max_and_min_take_it()
    {
        // Pairs in both orders, within one block: the device's fold itself, not the host's combination of blocks.
        foreach (double first in s_specials)
        {
            foreach (double second in s_specials)
            {
                float[] floats = [(float)first, (float)second];
                AssertSameValue(Math.Max((float)first, (float)second), GeneratedKernels.Evaluate<float>("HighestSpans", _gpu, floats));
                AssertSameValue(Math.Min(first, second), GeneratedKernels.Evaluate<double>("LowestDoubleSpans", _gpu, new[] { first, second }));
            }
        }
    }

    // Bit for bit, so that −0 and +0 differ; any NaN matches any NaN (the payload is not part of the contract).
    private static void AssertSameValue(double expected, double actual)
    {
        if (double.IsNaN(expected))
            Assert.True(double.IsNaN(actual), $"expected NaN, got {actual}");
        else
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
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

using System;
using System.Collections.Generic;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Deterministic reductions (DESIGN §3, issue 3 item 4): per-lane and per-chunk partials are combined in a fixed
/// order, so at a given vector width a floating Sum or Product has the same bits whatever the number of threads
/// (1, 2, or more threads than cores), even where the order of additions visibly changes the result; Min and Max
/// equal the <see cref="Math.Min(float, float)"/> / <see cref="Math.Max(float, float)"/> fold (NaN wins, −0 &lt; +0) at
/// every width and thread count; and an empty domain returns the reduction's identity.
/// </summary>
/// <remarks><see cref="ReductionDifferentialTests"/> covers the exact reductions on small sizes and Sum's error bound.</remarks>
public sealed class ReductionDeterminismTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel(Reduce = Reduction.Sum)]
            public static float SumF(int i, ReadOnlySpan<float> x) => x[i];

            [Parallel(Reduce = Reduction.Product)]
            public static float ProductF(int i, ReadOnlySpan<float> x) => x[i];

            [Parallel(Reduce = Reduction.Min)]
            public static float MinF(int i, ReadOnlySpan<float> x) => x[i];

            [Parallel(Reduce = Reduction.Max)]
            public static float MaxF(int i, ReadOnlySpan<float> x) => x[i];

            [Parallel(Reduce = Reduction.Sum)]
            public static double SumD(int i, ReadOnlySpan<double> x) => x[i];

            [Parallel(Reduce = Reduction.Product)]
            public static double ProductD(int i, ReadOnlySpan<double> x) => x[i];

            [Parallel(Reduce = Reduction.Min)]
            public static double MinD(int i, ReadOnlySpan<double> x) => x[i];

            [Parallel(Reduce = Reduction.Max)]
            public static double MaxD(int i, ReadOnlySpan<double> x) => x[i];

            // Early returns in a reduction: each returned value is combined, whichever return produced it.
            [Parallel(Reduce = Reduction.Max)]
            public static float MaxMagnitude(int i, ReadOnlySpan<float> x)
            {
                if (x[i] < 0f)
                    return -x[i];
                return x[i];
            }

            [Parallel(Reduce = Reduction.Sum)]
            public static float SumSquaresAbove(int i, float threshold, ReadOnlySpan<float> x)
            {
                if (x[i] <= threshold)
                    return 0f;
                return x[i] * x[i];
            }

            [Parallel(Dimensions = 2, Reduce = Reduction.Sum)]
            public static double SumRows(int row, int col, int width, ReadOnlySpan<double> x) => x[row * width + col];

            [Parallel(Dimensions = 2, Reduce = Reduction.Min)]
            public static float MinRows(int row, int col, int width, ReadOnlySpan<float> x) => x[row * width + col];

            [Parallel(Reduce = Reduction.Sum)]
            public static int SumI(int i, ReadOnlySpan<int> x) => x[i];

            [Parallel(Reduce = Reduction.Product)]
            public static long ProductL(int i, ReadOnlySpan<long> x) => x[i];

            [Parallel(Reduce = Reduction.Min)]
            public static int MinI(int i, ReadOnlySpan<int> x) => x[i];

            [Parallel(Reduce = Reduction.Max)]
            public static uint MaxU(int i, ReadOnlySpan<uint> x) => x[i];

            [Parallel(Reduce = Reduction.And)]
            public static int AndI(int i, ReadOnlySpan<int> x) => x[i];

            [Parallel(Reduce = Reduction.Or)]
            public static long OrL(int i, ReadOnlySpan<long> x) => x[i];

            [Parallel(Reduce = Reduction.Xor)]
            public static uint XorU(int i, ReadOnlySpan<uint> x) => x[i];

            [Parallel(Dimensions = 3, Reduce = Reduction.Max)]
            public static double MaxVolume(int z, int y, int x, int ny, int nx, ReadOnlySpan<double> v) => v[(z * ny + y) * nx + x];
        }

        public static class Drivers
        {
            public static float SumF(float[] x) => Kernels.SumF(x);
            public static float ProductF(float[] x) => Kernels.ProductF(x);
            public static float MinF(float[] x) => Kernels.MinF(x);
            public static float MaxF(float[] x) => Kernels.MaxF(x);
            public static double SumD(double[] x) => Kernels.SumD(x);
            public static double ProductD(double[] x) => Kernels.ProductD(x);
            public static double MinD(double[] x) => Kernels.MinD(x);
            public static double MaxD(double[] x) => Kernels.MaxD(x);
            public static float MaxMagnitude(float[] x) => Kernels.MaxMagnitude(x);
            public static float SumSquaresAbove(float[] x) => Kernels.SumSquaresAbove(0.25f, x);
            public static double SumRows(double[] x) => Kernels.SumRows(0..(x.Length / 1009), 0..1009, 1009, x);
            public static float MinRows(float[] x) => Kernels.MinRows(0..(x.Length / 1009), 0..1009, 1009, x);

            // Empty domains, every way one can be empty.
            public static float SumFRange(float[] x, int start, int end) => Kernels.SumF(start..end, x);
            public static double SumRowsEmpty(int rows, int cols) => Kernels.SumRows(0..rows, 0..cols, cols, new double[rows * cols]);
            public static float MinRowsEmpty(int rows, int cols) => Kernels.MinRows(0..rows, 0..cols, cols, new float[rows * cols]);
            public static double MaxVolumeEmpty(int nz, int ny, int nx) => Kernels.MaxVolume(0..nz, 0..ny, 0..nx, ny, nx, new double[nz * ny * nx]);
            public static int SumI(int[] x) => Kernels.SumI(x);
            public static long ProductL(long[] x) => Kernels.ProductL(x);
            public static int MinI(int[] x) => Kernels.MinI(x);
            public static uint MaxU(uint[] x) => Kernels.MaxU(x);
            public static int AndI(int[] x) => Kernels.AndI(x);
            public static long OrL(long[] x) => Kernels.OrL(x);
            public static uint XorU(uint[] x) => Kernels.XorU(x);
        }
        """;

    private const int Size = DomainSizes.Large; // 1,000,003: odd, several chunks, over the parallel threshold

    private static readonly int[] s_threadCounts = [1, 2, 7];

    private static readonly SimdWidth[] s_widths = [SimdWidth.Scalar, SimdWidth.Vector128, SimdWidth.Vector256, SimdWidth.Vector512];

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    // ------------------------------------------------------------------ data

    /// <summary>Values over many magnitudes with ±0 sprinkled in: any regrouping of a sum changes its bits.</summary>
    private static float[] MixedMagnitudeFloats(int seed, bool withNaN)
    {
        var random = new Random(seed);
        var values = new float[Size];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.Next(16) switch
            {
                0 => 0f,
                1 => -0f,
                _ => (float)((random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-3, 8))),
            };
        }
        if (withNaN)
        {
            for (int k = 0; k < 5; k++)
                values[random.Next(values.Length)] = float.NaN;
        }
        return values;
    }

    private static double[] MixedMagnitudeDoubles(int seed, bool withNaN)
        => MixedMagnitudeFloats(seed, withNaN).Select(v => (double)v * (1 + 1e-9 * (v % 7))).ToArray();

    /// <summary>Factors close to 1 with random signs (a product that neither overflows nor underflows, and whose rounding depends on order).</summary>
    private static float[] Factors(int seed, int zeros)
    {
        var random = new Random(seed);
        var values = new float[Size];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)((1 + (random.NextDouble() - 0.5) * 1e-4) * (random.Next(2) == 0 ? 1 : -1));
        for (int k = 0; k < zeros; k++)
            values[random.Next(values.Length)] = random.Next(2) == 0 ? 0f : -0f;
        return values;
    }

    /// <summary>Only zeros of both signs, and optionally NaNs: Min must give −0, Max +0, NaN must win either way.</summary>
    private static float[] SignedZeros(int seed, bool withNaN)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, Size).Select(_ => random.Next(2) == 0 ? 0f : -0f).ToArray();
        if (withNaN)
            values[random.Next(values.Length)] = float.NaN;
        return values;
    }

    public static TheoryData<string, string> FloatingReductions => new()
    {
        { "SumF", "mixed" }, { "SumF", "mixed+NaN" }, { "SumF", "zeros" }, { "SumF", "±inf" },
        { "ProductF", "factors" }, { "ProductF", "factors+zeros" },
        { "MinF", "mixed" }, { "MinF", "mixed+NaN" }, { "MinF", "zeros" }, { "MinF", "zeros+NaN" },
        { "MaxF", "mixed" }, { "MaxF", "mixed+NaN" }, { "MaxF", "zeros" }, { "MaxF", "zeros+NaN" },
        { "SumD", "mixed" }, { "SumD", "mixed+NaN" }, { "ProductD", "factors+zeros" },
        { "MinD", "mixed+NaN" }, { "MaxD", "mixed" }, { "MaxD", "zeros+NaN" },
        { "MaxMagnitude", "mixed+NaN" }, { "SumSquaresAbove", "mixed" },
        { "SumRows", "mixed" }, { "MinRows", "zeros+NaN" },
    };

    private static Array Data(string kernel, string data)
    {
        bool isDouble = kernel is "SumD" or "ProductD" or "MinD" or "MaxD" or "SumRows";
        float[] floats = data switch
        {
            "mixed" => MixedMagnitudeFloats(1, withNaN: false),
            "mixed+NaN" => MixedMagnitudeFloats(2, withNaN: true),
            "zeros" => SignedZeros(3, withNaN: false),
            "zeros+NaN" => SignedZeros(4, withNaN: true),
            "±inf" => MixedMagnitudeFloats(5, withNaN: false).Select((v, i) => i == 1000 ? float.PositiveInfinity : i == 900_000 ? float.NegativeInfinity : v).ToArray(),
            "factors" => Factors(6, zeros: 0),
            "factors+zeros" => Factors(7, zeros: 3),
            _ => throw new ArgumentOutOfRangeException(nameof(data)),
        };
        if (!isDouble)
            return floats;
        return data.StartsWith("mixed", StringComparison.Ordinal)
            ? MixedMagnitudeDoubles(data == "mixed" ? 1 : 2, withNaN: data != "mixed")
            : floats.Select(v => (double)v).ToArray();
    }

    private static long Bits(object? value) => value switch
    {
        float f => BitConverter.SingleToInt32Bits(f),
        double d => BitConverter.DoubleToInt64Bits(d),
        _ => throw new InvalidOperationException($"Not a floating result: {value}"),
    };

    // ------------------------------------------------------------------ tests

    [Theory]
    [MemberData(nameof(FloatingReductions))]
    public void A_floating_reduction_has_the_same_bits_on_1_2_and_7_threads_at_each_width(string kernel, string data)
    {
        KernelDrivers drivers = Drivers;
        Array values = Data(kernel, data);
        foreach (SimdWidth width in s_widths)
        {
            var results = new List<(int Threads, object? Value)>();
            foreach (int threads in s_threadCounts)
            {
                using (DataParallelSettings.Override(ExecutionMode.Auto, threads, width))
                    results.Add((threads, drivers.Invoke(kernel, values)));
            }
            Assert.True(results.Select(r => Bits(r.Value)).Distinct().Count() == 1,
                $"{kernel} over {data} at width {width}: " + string.Join(", ", results.Select(r => $"{r.Threads} thread(s) → {ElementComparison.Format(r.Value)}")));
        }
    }

    [Theory]
    [InlineData("MinF", "mixed+NaN")]
    [InlineData("MinF", "zeros")]
    [InlineData("MinF", "zeros+NaN")]
    [InlineData("MaxF", "mixed")]
    [InlineData("MaxF", "zeros")]
    [InlineData("MaxF", "zeros+NaN")]
    [InlineData("MinD", "mixed+NaN")]
    [InlineData("MaxD", "zeros+NaN")]
    [InlineData("MaxMagnitude", "mixed+NaN")]
    [InlineData("MinRows", "zeros+NaN")]
    public void Min_and_Max_equal_the_Math_Min_and_Math_Max_fold_at_every_width_and_thread_count(string kernel, string data)
    {
        KernelDrivers drivers = Drivers;
        Array values = Data(kernel, data);
        object expected = kernel switch
        {
            // Each arm boxed on its own: the switch's natural type would otherwise widen the floats to double.
            "MinF" or "MinRows" => (object)((float[])values).Aggregate(float.PositiveInfinity, (acc, v) => Math.Min(acc, v)),
            "MaxF" => (object)((float[])values).Aggregate(float.NegativeInfinity, (acc, v) => Math.Max(acc, v)),
            "MaxMagnitude" => (object)((float[])values).Aggregate(float.NegativeInfinity, (acc, v) => Math.Max(acc, v < 0f ? -v : v)),
            "MinD" => (object)((double[])values).Aggregate(double.PositiveInfinity, (acc, v) => Math.Min(acc, v)),
            "MaxD" => (object)((double[])values).Aggregate(double.NegativeInfinity, (acc, v) => Math.Max(acc, v)),
            _ => throw new ArgumentOutOfRangeException(nameof(kernel)),
        };
        if (data == "zeros")
            Assert.Equal(kernel.StartsWith("Min", StringComparison.Ordinal) ? BitConverter.SingleToInt32Bits(-0f) : 0, Bits(expected));
        foreach (SimdWidth width in s_widths)
        {
            foreach (int threads in s_threadCounts)
            {
                object? actual;
                using (DataParallelSettings.Override(ExecutionMode.Auto, threads, width))
                    actual = drivers.Invoke(kernel, values);
                Assert.True(ElementComparison.Bitwise.SameValue(expected, actual),
                    $"{kernel} over {data}, width {width}, {threads} thread(s): {ElementComparison.Format(actual)}, the Math fold {ElementComparison.Format(expected)}.");
            }
        }
    }

    [Fact]
    public void Every_reduction_of_an_empty_domain_returns_its_identity()
    {
        KernelDrivers drivers = Drivers;
        var configurations = ExecutionConfiguration.All.Concat(s_threadCounts.Select(t => new ExecutionConfiguration(ExecutionMode.Auto, t, SimdWidth.Vector256)));
        foreach (ExecutionConfiguration configuration in configurations)
        {
            using (configuration.Apply())
            {
                void Expect(object expected, string driver, params object[] arguments)
                {
                    object? actual = drivers.Invoke(driver, arguments);
                    Assert.True(Equals(expected, actual) && (expected is not float and not double || Bits(expected) == Bits(actual)),
                        $"{driver}({string.Join(", ", arguments.Select(a => a is Array array ? $"[{array.Length}]" : a))}), {configuration}: {ElementComparison.Format(actual)}, expected the identity {ElementComparison.Format(expected)}.");
                }

                Expect(0f, "SumF", Array.Empty<float>());
                Expect(1f, "ProductF", Array.Empty<float>());
                Expect(float.PositiveInfinity, "MinF", Array.Empty<float>());
                Expect(float.NegativeInfinity, "MaxF", Array.Empty<float>());
                Expect(0d, "SumD", Array.Empty<double>());
                Expect(1d, "ProductD", Array.Empty<double>());
                Expect(double.PositiveInfinity, "MinD", Array.Empty<double>());
                Expect(double.NegativeInfinity, "MaxD", Array.Empty<double>());
                Expect(float.NegativeInfinity, "MaxMagnitude", Array.Empty<float>());
                Expect(0f, "SumSquaresAbove", Array.Empty<float>());
                Expect(0, "SumI", Array.Empty<int>());
                Expect(1L, "ProductL", Array.Empty<long>());
                Expect(int.MaxValue, "MinI", Array.Empty<int>());
                Expect(uint.MinValue, "MaxU", Array.Empty<uint>());
                Expect(-1, "AndI", Array.Empty<int>());
                Expect(0L, "OrL", Array.Empty<long>());
                Expect(0u, "XorU", Array.Empty<uint>());

                // An empty range over data that is not empty.
                Expect(0f, "SumFRange", new[] { 1f, 2f, 3f }, 2, 2);
                Expect(0f, "SumFRange", new[] { 1f, 2f, 3f }, 3, 3);
                // 2-D and 3-D domains empty in one dimension only.
                Expect(0d, "SumRowsEmpty", 0, 17);
                Expect(0d, "SumRowsEmpty", 5, 0);
                Expect(float.PositiveInfinity, "MinRowsEmpty", 0, 33);
                Expect(float.PositiveInfinity, "MinRowsEmpty", 9, 0);
                Expect(double.NegativeInfinity, "MaxVolumeEmpty", 0, 3, 9);
                Expect(double.NegativeInfinity, "MaxVolumeEmpty", 2, 0, 9);
                Expect(double.NegativeInfinity, "MaxVolumeEmpty", 2, 3, 0);
            }
        }
    }

    /// <summary>
    /// The determinism test is only meaningful if regrouping changes the result: the sequential fold of the mixed data
    /// differs from a pairwise one, so a reduction whose grouping depended on the thread count would show.
    /// </summary>
    [Fact]
    public void The_mixed_data_is_sensitive_to_the_order_of_summation()
    {
        float[] values = MixedMagnitudeFloats(1, withNaN: false);
        float sequential = 0f;
        foreach (float v in values)
            sequential += v;
        float[] lanes = new float[8];
        for (int i = 0; i < values.Length; i++)
            lanes[i % 8] += values[i];
        float laned = lanes.Aggregate(0f, (a, b) => a + b);
        Assert.NotEqual(BitConverter.SingleToInt32Bits(sequential), BitConverter.SingleToInt32Bits(laned));
    }
}

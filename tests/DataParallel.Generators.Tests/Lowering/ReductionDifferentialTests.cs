using System;
using System.Collections.Generic;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Reduction kernels. Integer reductions and floating Min/Max are associative, so the generated result must equal
/// the scalar fold exactly. A floating sum is regrouped into per-lane and per-chunk partials, so it is held to the
/// error bound of any summation order, and to the same bits for any thread count (deterministic reductions).
/// </summary>
public sealed class ReductionDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel(Reduce = Reduction.Sum)]
            public static float Dot(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> y) => x[i] * y[i];

            [Parallel(Reduce = Reduction.Sum)]
            public static double SumDouble(int i, ReadOnlySpan<double> x) => x[i];

            [Parallel(Reduce = Reduction.Sum)]
            public static int SumInt(int i, ReadOnlySpan<int> x) => x[i] * 3;

            [Parallel(Reduce = Reduction.Product)]
            public static long ProductLong(int i, ReadOnlySpan<long> x) => x[i] | 1;

            [Parallel(Reduce = Reduction.Min)]
            public static float MinFloat(int i, ReadOnlySpan<float> x) => x[i];

            [Parallel(Reduce = Reduction.Max)]
            public static double MaxDouble(int i, ReadOnlySpan<double> x) => x[i];

            [Parallel(Reduce = Reduction.Max)]
            public static int MaxInt(int i, ReadOnlySpan<int> x) => x[i] - i;

            [Parallel(Reduce = Reduction.Min)]
            public static uint MinUInt(int i, ReadOnlySpan<uint> x) => x[i];

            [Parallel(Reduce = Reduction.And)]
            public static ulong AndULong(int i, ReadOnlySpan<ulong> x) => x[i] | (1UL << (i & 63));

            [Parallel(Reduce = Reduction.Or)]
            public static int OrInt(int i, ReadOnlySpan<int> x) => x[i] & 0x0F0F0F0F;

            [Parallel(Reduce = Reduction.Xor)]
            public static long XorLong(int i, ReadOnlySpan<long> x) => x[i] * 31;
        }

        public static class Drivers
        {
            public static float DotGenerated(float[] x, float[] y) => Kernels.Dot(x, y);
            public static float DotScalar(float[] x, float[] y) { float r = 0; for (int i = 0; i < x.Length; i++) r += Kernels.Dot(i, x, y); return r; }

            public static double SumDoubleGenerated(double[] x) => Kernels.SumDouble(x);
            public static double SumDoubleScalar(double[] x) { double r = 0; for (int i = 0; i < x.Length; i++) r += Kernels.SumDouble(i, x); return r; }

            public static int SumIntGenerated(int[] x) => Kernels.SumInt(x);
            public static int SumIntScalar(int[] x) { int r = 0; for (int i = 0; i < x.Length; i++) r += Kernels.SumInt(i, x); return r; }

            public static long ProductLongGenerated(long[] x) => Kernels.ProductLong(x);
            public static long ProductLongScalar(long[] x) { long r = 1; for (int i = 0; i < x.Length; i++) r *= Kernels.ProductLong(i, x); return r; }

            public static float MinFloatGenerated(float[] x) => Kernels.MinFloat(x);
            public static float MinFloatScalar(float[] x) { float r = float.PositiveInfinity; for (int i = 0; i < x.Length; i++) r = Math.Min(r, Kernels.MinFloat(i, x)); return r; }

            public static double MaxDoubleGenerated(double[] x) => Kernels.MaxDouble(x);
            public static double MaxDoubleScalar(double[] x) { double r = double.NegativeInfinity; for (int i = 0; i < x.Length; i++) r = Math.Max(r, Kernels.MaxDouble(i, x)); return r; }

            public static int MaxIntGenerated(int[] x) => Kernels.MaxInt(x);
            public static int MaxIntScalar(int[] x) { int r = int.MinValue; for (int i = 0; i < x.Length; i++) r = Math.Max(r, Kernels.MaxInt(i, x)); return r; }

            public static uint MinUIntGenerated(uint[] x) => Kernels.MinUInt(x);
            public static uint MinUIntScalar(uint[] x) { uint r = uint.MaxValue; for (int i = 0; i < x.Length; i++) r = Math.Min(r, Kernels.MinUInt(i, x)); return r; }

            public static ulong AndULongGenerated(ulong[] x) => Kernels.AndULong(x);
            public static ulong AndULongScalar(ulong[] x) { ulong r = ulong.MaxValue; for (int i = 0; i < x.Length; i++) r &= Kernels.AndULong(i, x); return r; }

            public static int OrIntGenerated(int[] x) => Kernels.OrInt(x);
            public static int OrIntScalar(int[] x) { int r = 0; for (int i = 0; i < x.Length; i++) r |= Kernels.OrInt(i, x); return r; }

            public static long XorLongGenerated(long[] x) => Kernels.XorLong(x);
            public static long XorLongScalar(long[] x) { long r = 0; for (int i = 0; i < x.Length; i++) r ^= Kernels.XorLong(i, x); return r; }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    public static TheoryData<string> ExactReductions =>
        ["SumInt", "ProductLong", "MinFloat", "MaxDouble", "MaxInt", "MinUInt", "AndULong", "OrInt", "XorLong"];

    private static object[] ExactReductionInput(string kernel, int size) => kernel switch
    {
        "MinFloat" => [TestValues.Floats(size, size)],
        "MaxDouble" => [TestValues.Doubles(size, size)],
        "ProductLong" or "XorLong" => [TestValues.Integers<long>(size, size)],
        "MinUInt" => [TestValues.Integers<uint>(size, size)],
        "AndULong" => [TestValues.Integers<ulong>(size, size)],
        _ => [TestValues.Integers<int>(size, size)],
    };

    [Theory]
    [MemberData(nameof(ExactReductions))]
    public void Associative_reductions_equal_the_scalar_fold_exactly(string kernel)
        => Differential.AssertGeneratedMatchesScalar(Drivers, kernel, size => ExactReductionInput(kernel, size), DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Min_of_floats_without_NaN_treats_negative_zero_as_smaller()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "MinFloat",
            size => [Enumerable.Range(0, size).Select(i => i % 2 == 0 ? 0f : -0f).ToArray()],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Integer_sum_wraps_exactly_on_a_large_domain()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "SumInt",
            size => [TestValues.Integers<int>(size, size)], [DomainSizes.Large], ElementComparison.Bitwise);

    [Fact]
    public void An_empty_domain_returns_the_identity()
    {
        KernelDrivers drivers = Drivers;
        foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
        {
            using (configuration.Apply())
            {
                Assert.Equal(0f, (float)drivers.Invoke("DotGenerated", Array.Empty<float>(), Array.Empty<float>())!);
                Assert.Equal(1L, (long)drivers.Invoke("ProductLongGenerated", Array.Empty<long>())!);
                Assert.Equal(float.PositiveInfinity, (float)drivers.Invoke("MinFloatGenerated", Array.Empty<float>())!);
                Assert.Equal(double.NegativeInfinity, (double)drivers.Invoke("MaxDoubleGenerated", Array.Empty<double>())!);
                Assert.Equal(int.MinValue, (int)drivers.Invoke("MaxIntGenerated", Array.Empty<int>())!);
                Assert.Equal(ulong.MaxValue, (ulong)drivers.Invoke("AndULongGenerated", Array.Empty<ulong>())!);
                Assert.Equal(0L, (long)drivers.Invoke("XorLongGenerated", Array.Empty<long>())!);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(17)]
    [InlineData(1000)]
    [InlineData(DomainSizes.Large)]
    public void A_float_dot_product_is_within_the_summation_bound_and_the_same_on_any_thread_count(int size)
    {
        float[] x = TestValues.ModerateFloats(size, size, magnitude: 4f);
        float[] y = TestValues.ModerateFloats(size, size + 1, magnitude: 4f);

        // Any summation order of n terms errs by at most (n - 1)·u·Σ|term| (u = 2^-24), plus the products' own rounding.
        double exact = 0, magnitude = 0;
        for (int i = 0; i < size; i++)
        {
            double term = (double)x[i] * y[i];
            exact += term;
            magnitude += Math.Abs(term);
        }
        double bound = (size + 1) * Math.Pow(2, -24) * magnitude;

        foreach (var byWidth in ExecutionConfiguration.All.Where(c => c.Mode != ExecutionMode.Scalar).GroupBy(c => c.Width))
        {
            var bits = new HashSet<int>();
            foreach (ExecutionConfiguration configuration in byWidth)
            {
                float result;
                using (configuration.Apply())
                    result = (float)Drivers.Invoke("DotGenerated", x, y)!;
                Assert.True(Math.Abs(result - exact) <= bound, $"size {size}, {configuration}: {result} is {Math.Abs(result - exact)} from {exact}, beyond the bound {bound}.");
                bits.Add(BitConverter.SingleToInt32Bits(result));
            }
            Assert.True(bits.Count == 1, $"size {size}, width {byWidth.Key}: the result depends on the thread count or mode ({bits.Count} different results).");
        }
    }

    [Fact]
    public void A_double_sum_gives_the_same_bits_on_any_thread_count()
    {
        double[] x = TestValues.ModerateDoubles(DomainSizes.Large, 5, magnitude: 1e6);
        foreach (var byWidth in ExecutionConfiguration.All.Where(c => c.Mode != ExecutionMode.Scalar).GroupBy(c => c.Width))
        {
            var bits = new HashSet<long>();
            foreach (ExecutionConfiguration configuration in byWidth)
            {
                using (configuration.Apply())
                    bits.Add(BitConverter.DoubleToInt64Bits((double)Drivers.Invoke("SumDoubleGenerated", x)!));
            }
            Assert.True(bits.Count == 1, $"width {byWidth.Key}: the result depends on the thread count or mode.");
        }
    }
}

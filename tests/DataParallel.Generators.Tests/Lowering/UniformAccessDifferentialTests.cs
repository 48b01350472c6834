using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Reads through a uniform index (a broadcast, not a vector load) and the index used as a value (lane numbers
/// added to the chunk's first index): both must see the absolute index, whatever chunk or tail a lane is in.
/// </summary>
public sealed class UniformAccessDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void ScaleByWeight(int i, int k, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y)
                => y[i] = x[i] * w[k];

            [Parallel]
            public static void ScaleByIndex(int i, ReadOnlySpan<float> x, Span<float> y)
                => y[i] = x[i] * i;

            [Parallel]
            public static void OffsetByIndex(int i, ReadOnlySpan<int> x, Span<int> y)
                => y[i] = x[i] + i * 3 - (i & 5);

            [Parallel]
            public static void IndexAsDouble(int i, double step, Span<double> y)
                => y[i] = i * step;
        }

        public static class Drivers
        {
            public static void ScaleByWeightGenerated(int k, float[] x, float[] w, float[] y) => Kernels.ScaleByWeight(k, x, w, y);
            public static void ScaleByWeightScalar(int k, float[] x, float[] w, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.ScaleByWeight(i, k, x, w, y); }

            public static void ScaleByIndexGenerated(float[] x, float[] y) => Kernels.ScaleByIndex(x, y);
            public static void ScaleByIndexScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.ScaleByIndex(i, x, y); }

            // A domain that does not start at 0: i must be the absolute index, not the offset into the domain.
            public static void ScaleByIndexOffsetGenerated(float[] x, float[] y) => Kernels.ScaleByIndex(5..^2, x, y);
            public static void ScaleByIndexOffsetScalar(float[] x, float[] y) { for (int i = 5; i < y.Length - 2; i++) Kernels.ScaleByIndex(i, x, y); }

            public static void OffsetByIndexGenerated(int[] x, int[] y) => Kernels.OffsetByIndex(3..^0, x, y);
            public static void OffsetByIndexScalar(int[] x, int[] y) { for (int i = 3; i < y.Length; i++) Kernels.OffsetByIndex(i, x, y); }

            // No span is indexed by [i] directly here apart from y; the range overload names the domain.
            public static void IndexAsDoubleGenerated(double step, double[] y) => Kernels.IndexAsDouble(step, y);
            public static void IndexAsDoubleScalar(double step, double[] y) { for (int i = 0; i < y.Length; i++) Kernels.IndexAsDouble(i, step, y); }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(6)]
    public void A_uniform_index_reads_one_element_for_every_lane(int k)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "ScaleByWeight",
            // w is deliberately not the domain's length: only spans indexed by [i] define the domain.
            size => [k, TestValues.Floats(size, size), new[] { 2f, -0f, float.NaN, 0.5f, float.PositiveInfinity, 3f, 1e-40f }, TestValues.Floats(size, size + 1)],
            DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void The_index_as_a_float_value_matches()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "ScaleByIndex",
            size => [TestValues.Floats(size, size), new float[size]],
            DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void The_index_is_absolute_when_the_domain_starts_inside_the_span()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "ScaleByIndexOffset",
            size => [TestValues.ModerateFloats(size, size), new float[size]],
            DomainSizes.Standard.Where(size => size >= 7), ElementComparison.Bitwise);

    [Fact]
    public void The_index_as_an_int_value_matches()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "OffsetByIndex",
            size => [TestValues.Integers<int>(size, size), new int[size]],
            DomainSizes.Standard.Where(size => size >= 3), ElementComparison.Bitwise);

    [Fact]
    public void The_index_converted_to_double_matches()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "IndexAsDouble",
            size => [0.1, new double[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);
}

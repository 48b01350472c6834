using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>The design's first example, in float and double: contiguous loads, a uniform broadcast, a store.</summary>
public sealed class SaxpyDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void SaxpyFloat(int i, float a, ReadOnlySpan<float> x, Span<float> y)
                => y[i] = a * x[i] + y[i];

            [Parallel]
            public static void SaxpyDouble(int i, double a, ReadOnlySpan<double> x, Span<double> y)
                => y[i] = a * x[i] + y[i];
        }

        public static class Drivers
        {
            public static void SaxpyFloatGenerated(float a, float[] x, float[] y) => Kernels.SaxpyFloat(a, x, y);

            public static void SaxpyFloatScalar(float a, float[] x, float[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.SaxpyFloat(i, a, x, y);
            }

            public static void SaxpyDoubleGenerated(double a, double[] x, double[] y) => Kernels.SaxpyDouble(a, x, y);

            public static void SaxpyDoubleScalar(double a, double[] x, double[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.SaxpyDouble(i, a, x, y);
            }

            // The explicit-range overload over the whole span must mean the same as the inferred one.
            public static void SaxpyFloatRangeGenerated(float a, float[] x, float[] y) => Kernels.SaxpyFloat(0..^0, a, x, y);

            public static void SaxpyFloatRangeScalar(float a, float[] x, float[] y) => SaxpyFloatScalar(a, x, y);
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    [Theory]
    [InlineData(2.5f)]
    [InlineData(-0f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Float_saxpy_matches_the_scalar_kernel_bit_for_bit(float a)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "SaxpyFloat",
            size => [a, TestValues.Floats(size, seed: size), TestValues.Floats(size, seed: size + 7)],
            a == 2.5f ? DomainSizes.StandardAndLarge : DomainSizes.Standard, ElementComparison.Bitwise);

    [Theory]
    [InlineData(2.5)]
    [InlineData(-1e300)]
    public void Double_saxpy_matches_the_scalar_kernel_bit_for_bit(double a)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "SaxpyDouble",
            size => [a, TestValues.Doubles(size, seed: size), TestValues.Doubles(size, seed: size + 7)],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void The_whole_range_overload_matches_the_inferred_one()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "SaxpyFloatRange",
            size => [3f, TestValues.Floats(size, seed: size), TestValues.Floats(size, seed: size + 7)],
            DomainSizes.Standard, ElementComparison.Bitwise);
}

using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// A fused expression with transcendental functions: the vector Exp may differ from MathF.Exp in the last bits
/// (DESIGN §3 allows a documented ulp bound), but NaN and infinity must appear exactly where the scalar kernel has them.
/// </summary>
public sealed class FusedTranscendentalDifferentialTests
{
    // The bound the tests hold the generated code to; the documented bound must not be looser.
    private const long MaxUlps = 4;

    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void DampedFloat(int i, ReadOnlySpan<float> x, Span<float> y)
                => y[i] = MathF.Sqrt(x[i] * x[i] + 1f) * MathF.Exp(-x[i]);

            [Parallel]
            public static void DampedDouble(int i, ReadOnlySpan<double> x, Span<double> y)
                => y[i] = Math.Sqrt(x[i] * x[i] + 1d) * Math.Exp(-x[i]);
        }

        public static class Drivers
        {
            public static void DampedFloatGenerated(float[] x, float[] y) => Kernels.DampedFloat(x, y);

            public static void DampedFloatScalar(float[] x, float[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.DampedFloat(i, x, y);
            }

            public static void DampedDoubleGenerated(double[] x, double[] y) => Kernels.DampedDouble(x, y);

            public static void DampedDoubleScalar(double[] x, double[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.DampedDouble(i, x, y);
            }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    [Fact]
    public void Float_result_is_within_the_ulp_bound_with_specials_in_place()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "DampedFloat",
            size => [TestValues.Floats(size, seed: size), new float[size]],
            DomainSizes.Standard, ElementComparison.WithinUlps(MaxUlps));

    [Fact]
    public void Float_result_is_within_the_ulp_bound_over_the_interesting_range()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "DampedFloat",
            size => [TestValues.ModerateFloats(size, seed: size, magnitude: 80f), new float[size]],
            DomainSizes.StandardAndLarge, ElementComparison.WithinUlps(MaxUlps));

    [Fact]
    public void Double_result_is_within_the_ulp_bound_with_specials_in_place()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "DampedDouble",
            size => [TestValues.Doubles(size, seed: size), new double[size]],
            DomainSizes.Standard, ElementComparison.WithinUlps(MaxUlps));

    [Fact]
    public void Double_result_is_within_the_ulp_bound_over_the_interesting_range()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "DampedDouble",
            size => [TestValues.ModerateDoubles(size, seed: size, magnitude: 700d), new double[size]],
            DomainSizes.Standard, ElementComparison.WithinUlps(MaxUlps));
}

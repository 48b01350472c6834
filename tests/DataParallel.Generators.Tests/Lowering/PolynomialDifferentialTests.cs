using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Horner's scheme with uniform coefficients: a chain of multiply-adds that FMA contraction would change in the
/// last bit, so it proves the generator does not contract without <c>FastMath</c>.
/// </summary>
public sealed class PolynomialDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void HornerFloat(int i, float c0, float c1, float c2, float c3, ReadOnlySpan<float> x, Span<float> y)
                => y[i] = ((c3 * x[i] + c2) * x[i] + c1) * x[i] + c0;

            [Parallel]
            public static void HornerDouble(int i, double c0, double c1, double c2, double c3, ReadOnlySpan<double> x, Span<double> y)
            {
                double v = x[i];
                double acc = c3;
                acc = acc * v + c2;
                acc = acc * v + c1;
                y[i] = acc * v + c0;
            }
        }

        public static class Drivers
        {
            public static void HornerFloatGenerated(float c0, float c1, float c2, float c3, float[] x, float[] y)
                => Kernels.HornerFloat(c0, c1, c2, c3, x, y);

            public static void HornerFloatScalar(float c0, float c1, float c2, float c3, float[] x, float[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.HornerFloat(i, c0, c1, c2, c3, x, y);
            }

            public static void HornerDoubleGenerated(double c0, double c1, double c2, double c3, double[] x, double[] y)
                => Kernels.HornerDouble(c0, c1, c2, c3, x, y);

            public static void HornerDoubleScalar(double c0, double c1, double c2, double c3, double[] x, double[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.HornerDouble(i, c0, c1, c2, c3, x, y);
            }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    [Fact]
    public void Float_polynomial_matches_bit_for_bit()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "HornerFloat",
            size => [0.1f, -1.7f, 0.3333333f, 2.1f, TestValues.ModerateFloats(size, seed: size, magnitude: 3f), new float[size]],
            DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void Float_polynomial_propagates_specials_like_the_scalar_kernel()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "HornerFloat",
            size => [1f, -0f, 1e-30f, -3f, TestValues.Floats(size, seed: size), new float[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Double_polynomial_with_locals_matches_bit_for_bit()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "HornerDouble",
            size => [0.1, -1.7, 1.0 / 3, 2.1, TestValues.Doubles(size, seed: size), new double[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);
}

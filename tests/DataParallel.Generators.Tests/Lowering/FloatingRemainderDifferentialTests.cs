using System;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// <c>%</c> on float and double (fmod: exact, the sign of the dividend, NaN for a zero divisor or an infinite
/// dividend) has no vector instruction; it runs lane by lane through the scalar operator while the rest of the
/// kernel stays vectorised.
/// </summary>
public sealed class FloatingRemainderDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Wrap(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y) => y[i] = x[i] % z[i] + x[i] % 3f;

            [Parallel]
            public static void Phase(int i, double period, ReadOnlySpan<double> t, Span<double> y)
            {
                double p = t[i] % period;
                y[i] = p < 0 ? p + period : p;
            }
        }

        public static class Drivers
        {
            public static void WrapGenerated(float[] x, float[] z, float[] y) => Kernels.Wrap(x, z, y);
            public static void WrapScalar(float[] x, float[] z, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Wrap(i, x, z, y); }
            public static void PhaseGenerated(double period, double[] t, double[] y) => Kernels.Phase(period, t, y);
            public static void PhaseScalar(double period, double[] t, double[] y) { for (int i = 0; i < y.Length; i++) Kernels.Phase(i, period, t, y); }
        }
        """;

    private static readonly Lazy<KernelDrivers> s_drivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    [Fact]
    public void Remainders_match_the_scalar_operator_bit_for_bit()
    {
        Differential.AssertGeneratedMatchesScalar(s_drivers.Value, "Wrap",
            size => [TestValues.Floats(size, size), TestValues.Floats(size, size + 1), new float[size]], DomainSizes.Standard, ElementComparison.Bitwise);
        foreach (double period in new[] { 2 * Math.PI, 0.0, -1.5, double.PositiveInfinity })
            Differential.AssertGeneratedMatchesScalar(s_drivers.Value, "Phase",
                size => [period, TestValues.Doubles(size, size + 2), new double[size]], DomainSizes.Standard, ElementComparison.Bitwise);
    }

    [Fact]
    public void Every_kernel_here_vectorises() => GeneratorHarness.Run(Source).AssertEveryKernelVectorises();
}

using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// A three-point stencil over <c>1..^1</c>: offset loads that cross vector and chunk boundaries, and a domain that
/// starts and ends inside the spans.
/// </summary>
public sealed class NeighbourDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Smooth(int i, ReadOnlySpan<float> x, Span<float> y)
                => y[i] = x[i - 1] + 2f * x[i] + x[i + 1];

            [Parallel]
            public static void WideStencil(int i, ReadOnlySpan<int> x, Span<int> y)
                => y[i] = x[i - 3] - x[i + 2] * 5 + x[i];
        }

        public static class Drivers
        {
            public static void SmoothGenerated(float[] x, float[] y) => Kernels.Smooth(1..^1, x, y);

            public static void SmoothScalar(float[] x, float[] y)
            {
                for (int i = 1; i < y.Length - 1; i++)
                    Kernels.Smooth(i, x, y);
            }

            public static void WideStencilGenerated(int[] x, int[] y) => Kernels.WideStencil(3..^2, x, y);

            public static void WideStencilScalar(int[] x, int[] y)
            {
                for (int i = 3; i < y.Length - 2; i++)
                    Kernels.WideStencil(i, x, y);
            }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    [Fact]
    public void Three_point_stencil_over_the_interior_matches_bit_for_bit()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Smooth",
            size => [TestValues.Floats(size, seed: size), TestValues.Floats(size, seed: -size)],
            DomainSizes.StandardAndLarge.Where(size => size >= 2), ElementComparison.Bitwise);

    [Fact]
    public void Asymmetric_integer_stencil_matches_exactly()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "WideStencil",
            size => [TestValues.Integers<int>(size, seed: size), TestValues.Integers<int>(size, seed: -size)],
            DomainSizes.Standard.Where(size => size >= 5), ElementComparison.Bitwise);
}

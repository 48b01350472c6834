using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Control flow that becomes masks (DESIGN §3): if/else and ?: as blends, an early return that ends only its own
/// lane, uniform loops around vector bodies, loops whose trip count varies by lane, and an inlined helper.
/// </summary>
public sealed class ControlFlowDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Branches(int i, float threshold, ReadOnlySpan<float> x, Span<float> y)
            {
                if (x[i] > threshold)
                    y[i] = x[i] * 2f;
                else if (x[i] < -threshold)
                    y[i] = -x[i];
                else
                    y[i] = x[i] >= 0 ? 1f : -1f;
            }

            [Parallel]
            public static void EarlyReturn(int i, ReadOnlySpan<int> x, Span<int> y)
            {
                if (x[i] < 0)
                    return;
                y[i] = x[i] / 2 + 1;
            }

            [Parallel]
            public static void UniformLoop(int i, int terms, ReadOnlySpan<double> x, Span<double> y)
            {
                double sum = 0;
                double power = 1;
                for (int t = 0; t < terms; t++)
                {
                    sum += power / (t + 1);
                    power *= x[i];
                }
                y[i] = sum;
            }

            [Parallel]
            public static void CollatzSteps(int i, int limit, ReadOnlySpan<int> x, Span<int> steps)
            {
                long n = x[i];
                int count = 0;
                while (n > 1 && count < limit)
                {
                    n = (n & 1) == 0 ? n / 2 : 3 * n + 1;
                    count++;
                }
                steps[i] = count;
            }

            [Parallel]
            public static void Inlined(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = Smoothstep(0f, 1f, x[i]);

            private static float Smoothstep(float edge0, float edge1, float v)
            {
                float t = Math.Clamp((v - edge0) / (edge1 - edge0), 0f, 1f);
                return t * t * (3f - 2f * t);
            }
        }

        public static class Drivers
        {
            public static void BranchesGenerated(float threshold, float[] x, float[] y) => Kernels.Branches(threshold, x, y);
            public static void BranchesScalar(float threshold, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Branches(i, threshold, x, y); }

            public static void EarlyReturnGenerated(int[] x, int[] y) => Kernels.EarlyReturn(x, y);
            public static void EarlyReturnScalar(int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.EarlyReturn(i, x, y); }

            public static void UniformLoopGenerated(int terms, double[] x, double[] y) => Kernels.UniformLoop(terms, x, y);
            public static void UniformLoopScalar(int terms, double[] x, double[] y) { for (int i = 0; i < y.Length; i++) Kernels.UniformLoop(i, terms, x, y); }

            public static void CollatzStepsGenerated(int limit, int[] x, int[] steps) => Kernels.CollatzSteps(limit, x, steps);
            public static void CollatzStepsScalar(int limit, int[] x, int[] steps) { for (int i = 0; i < x.Length; i++) Kernels.CollatzSteps(i, limit, x, steps); }

            public static void InlinedGenerated(float[] x, float[] y) => Kernels.Inlined(x, y);
            public static void InlinedScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Inlined(i, x, y); }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    [Fact]
    public void If_else_chains_and_conditionals_blend_like_the_scalar_kernel()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Branches",
            size => [1.5f, TestValues.Floats(size, size), TestValues.Floats(size, size + 1)],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void An_early_return_leaves_that_element_untouched()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "EarlyReturn",
            size => [TestValues.Integers<int>(size, size), TestValues.Integers<int>(size, size + 1)],
            DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    public void A_loop_with_a_uniform_trip_count_matches(int terms)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "UniformLoop",
            size => [terms, TestValues.Doubles(size, size), new double[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void A_loop_whose_trip_count_varies_by_lane_matches()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "CollatzSteps",
            size => [200, TestValues.SmallIntegers<int>(size, size, -5, 100_000), new int[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void A_called_helper_is_inlined_with_the_same_results()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Inlined",
            size => [TestValues.Floats(size, size), new float[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);
}

using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Helpers with control flow called on one side of <c>?:</c>, on the right of <c>&amp;&amp;</c>/<c>||</c> or in a loop
/// condition: inlined as statements under the same guard scalar code evaluates them under (an <c>if</c> ahead of the
/// statement; the loop's test at the top of its body), so an untaken side never overflows or reads for a lane scalar
/// code would not evaluate it for, and a loop condition runs its helper on every test.
/// </summary>
public sealed class GuardedHelperCallDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            private static float Soft(float v, float limit)
            {
                if (float.IsNaN(v))
                    return 0f;
                if (v > limit)
                    return limit + (v - limit) * 0.1f;
                return v;
            }

            private static int Square(int v)
            {
                if (v < 0)
                    return checked(-v * v);
                return checked(v * v);
            }

            private static int Halvings(float v)
            {
                int n = 0;
                while (v > 1f)
                {
                    v *= 0.5f;
                    n++;
                    if (n > 40)
                        return n;
                }
                return n;
            }

            private static int Count(int n)
            {
                if (n > 6)
                    return 6;
                return n;
            }

            [Parallel] public static void Ternary(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i] > 0f ? Soft(x[i], 1f) : -Soft(-x[i], 2f);
            [Parallel] public static void OneSided(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = 1f + (x[i] > 0f ? x[i] * 3f : Soft(x[i] + 4f, 1f));
            [Parallel] public static void Nested(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i] > 0f ? (x[i] > 2f ? Soft(x[i], 3f) : Halvings(x[i] * 8f)) : 0f;
            [Parallel] public static void SquareAnd(int i, int limit, ReadOnlySpan<int> x, Span<int> y) => y[i] = x[i] > -limit && x[i] < limit && Square(x[i]) > 100 ? 1 : 0;
            [Parallel] public static void SquareOr(int i, int limit, ReadOnlySpan<int> x, Span<int> y) => y[i] = x[i] <= -limit || x[i] >= limit || Square(x[i]) < 100 ? 1 : 0;
            [Parallel] public static void SquareBelow(int i, int limit, ReadOnlySpan<int> x, Span<int> y) => y[i] = x[i] < limit && x[i] > -limit ? Square(x[i]) : -1;

            [Parallel]
            public static void WhileSoft(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                float v = x[i];
                while (Soft(v, 1f) > 0.25f)
                    v *= 0.5f;
                y[i] = v;
            }

            [Parallel]
            public static void ForHalvings(int i, int n, ReadOnlySpan<float> x, Span<float> y)
            {
                float s = 0f;
                for (int k = 0; k < Halvings(x[i]) + n; k++)
                {
                    if (k == 2)
                        continue;
                    s += k * x[i];
                }
                y[i] = s;
            }

            [Parallel]
            public static void UniformCount(int i, int n, ReadOnlySpan<float> x, Span<float> y)
            {
                float s = 0f;
                for (int k = 0; k < Count(n); k++)
                    s = s * 0.5f + x[i] * k;
                y[i] = s;
            }

            [Parallel]
            public static void DoSoft(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                float v = x[i];
                int n = 0;
                do
                {
                    v *= 0.75f;
                    n++;
                    if (v < -100f)
                        continue;
                }
                while (n < 50 && Soft(v, 1f) > 0.5f);
                y[i] = v + n;
            }

            [Parallel(Reduce = Reduction.Sum)]
            public static int SumHalvings(int i, ReadOnlySpan<float> x) => x[i] > 0f ? Halvings(x[i]) : Count(-(int)x[i]);
        }

        public static class Drivers
        {
            public static void TernaryGenerated(float[] x, float[] y) => Kernels.Ternary(x, y);
            public static void TernaryScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Ternary(i, x, y); }
            public static void OneSidedGenerated(float[] x, float[] y) => Kernels.OneSided(x, y);
            public static void OneSidedScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.OneSided(i, x, y); }
            public static void NestedGenerated(float[] x, float[] y) => Kernels.Nested(x, y);
            public static void NestedScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Nested(i, x, y); }
            public static void SquareAndGenerated(int limit, int[] x, int[] y) => Kernels.SquareAnd(limit, x, y);
            public static void SquareAndScalar(int limit, int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.SquareAnd(i, limit, x, y); }
            public static void SquareOrGenerated(int limit, int[] x, int[] y) => Kernels.SquareOr(limit, x, y);
            public static void SquareOrScalar(int limit, int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.SquareOr(i, limit, x, y); }
            public static void SquareBelowGenerated(int limit, int[] x, int[] y) => Kernels.SquareBelow(limit, x, y);
            public static void SquareBelowScalar(int limit, int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.SquareBelow(i, limit, x, y); }
            public static void WhileSoftGenerated(float[] x, float[] y) => Kernels.WhileSoft(x, y);
            public static void WhileSoftScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.WhileSoft(i, x, y); }
            public static void ForHalvingsGenerated(int n, float[] x, float[] y) => Kernels.ForHalvings(n, x, y);
            public static void ForHalvingsScalar(int n, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.ForHalvings(i, n, x, y); }
            public static void UniformCountGenerated(int n, float[] x, float[] y) => Kernels.UniformCount(n, x, y);
            public static void UniformCountScalar(int n, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.UniformCount(i, n, x, y); }
            public static void DoSoftGenerated(float[] x, float[] y) => Kernels.DoSoft(x, y);
            public static void DoSoftScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.DoSoft(i, x, y); }
            public static int SumHalvingsGenerated(float[] x) => Kernels.SumHalvings(x);
            public static int SumHalvingsScalar(float[] x) { int s = 0; for (int i = 0; i < x.Length; i++) s += Kernels.SumHalvings(i, x); return s; }
        }
        """;

    private static readonly Lazy<KernelDrivers> s_drivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    private static void Check(string kernel, Func<int, object[]> arguments)
        => Differential.AssertGeneratedMatchesScalar(s_drivers.Value, kernel, arguments, DomainSizes.Standard, ElementComparison.Bitwise);

    /// <summary>Values spread over ±<paramref name="bound"/>, with the extremes at a few positions.</summary>
    private static int[] Ints(int size, int seed, int bound)
    {
        var random = new Random(seed);
        int[] values = Enumerable.Range(0, size).Select(_ => random.Next(-bound, bound)).ToArray();
        for (int position = 0; position < size; position += 7)
            values[position] = position % 2 == 0 ? int.MaxValue : int.MinValue;
        return values;
    }

    [Fact]
    public void Helpers_on_either_side_of_a_conditional_match_the_scalar_kernel()
    {
        Check("Ternary", size => [TestValues.Floats(size, size), new float[size]]);
        Check("OneSided", size => [TestValues.Floats(size, size + 1), new float[size]]);
        Check("Nested", size => [TestValues.Floats(size, size + 2), new float[size]]);
    }

    [Fact]
    public void Helpers_that_would_overflow_in_lanes_a_guard_switches_off_do_not_throw()
    {
        // Square overflows for |v| > 46340: the guards keep those lanes (and int.MinValue/MaxValue) out of it.
        Check("SquareAnd", size => [40000, Ints(size, size + 3, 1 << 20), new int[size]]);
        Check("SquareOr", size => [40000, Ints(size, size + 4, 1 << 20), new int[size]]);
        Check("SquareBelow", size => [40000, Ints(size, size + 5, 1 << 20), new int[size]]);
    }

    [Fact]
    public void An_overflow_in_a_lane_the_guard_lets_through_throws_in_every_configuration()
    {
        foreach (int position in new[] { 0, 5, 63 })
        {
            int[] x = Enumerable.Range(0, 64).ToArray();
            x[position] = 50000;
            foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
            {
                using (configuration.Apply())
                {
                    Assert.Throws<OverflowException>(() => s_drivers.Value.Invoke("SquareAndGenerated", 60000, x, new int[64]));
                    Assert.Throws<OverflowException>(() => s_drivers.Value.Invoke("SquareOrGenerated", 60000, x, new int[64]));
                    Assert.Throws<OverflowException>(() => s_drivers.Value.Invoke("SquareBelowGenerated", 60000, x, new int[64]));
                }
            }
        }
    }

    [Fact]
    public void Helpers_in_loop_conditions_run_on_every_test_and_match_the_scalar_kernel()
    {
        Check("WhileSoft", size => [TestValues.ModerateFloats(size, size + 6, 50f), new float[size]]);
        Check("ForHalvings", size => [3, TestValues.Floats(size, size + 7), new float[size]]);
        Check("ForHalvings", size => [-2, TestValues.ModerateFloats(size, size + 8, 1000f), new float[size]]);
        Check("UniformCount", size => [4, TestValues.Floats(size, size + 9), new float[size]]);
        Check("UniformCount", size => [9, TestValues.Floats(size, size + 10), new float[size]]);
        Check("DoSoft", size => [TestValues.Floats(size, size + 11), new float[size]]);
        Check("SumHalvings", size => [TestValues.ModerateFloats(size, size + 12, 1e6f)]);
    }

    [Fact]
    public void Every_kernel_here_vectorises() => GeneratorHarness.Run(Source).AssertEveryKernelVectorises();
}

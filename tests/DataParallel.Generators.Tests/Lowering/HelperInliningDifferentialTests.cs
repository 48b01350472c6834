using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Helpers with control flow (if/else, early returns, loops, returns inside loops, assigned parameters, void helpers
/// that store) are inlined as statements ahead of the statement that calls them and lowered with masks like the
/// kernel body; where that cannot be done (recursion) the kernel runs scalar and DP3001 names the call. Calls under
/// ?:, &&/|| and in loop conditions: <see cref="GuardedHelperCallDifferentialTests"/>.
/// </summary>
public sealed class HelperInliningDifferentialTests
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
                else if (v < -limit)
                    return -limit;
                return v;
            }

            private static int Steps(float c, int max)
            {
                float z = 0f;
                for (int n = 0; n < max; n++)
                {
                    if (z * z > 4f)
                        return n;
                    z = z * z + c;
                }
                return max;
            }

            private static double Polish(double v, int rounds)
            {
                while (rounds > 0)
                {
                    v = v * 0.5 + 1.0;
                    rounds--;
                }
                return v;
            }

            private static float Pick(float a, float b)
            {
                float m = a;
                if (b > m)
                    m = b;
                return Soft(m, 2f) * 2f;
            }

            private static void Write(int i, float v, Span<float> y)
            {
                if (v < 0f)
                {
                    y[i] = -v;
                    return;
                }
                y[i] = v * 3f;
            }

            private static int Fact(int n) => n <= 1 ? 1 : n * Fact(n - 1);

            [Parallel] public static void SoftClip(int i, float limit, ReadOnlySpan<float> x, Span<float> y) => y[i] = Soft(x[i], limit) + 1f;
            [Parallel] public static void Escape(int i, int max, ReadOnlySpan<float> c, Span<int> y) => y[i] = Steps(c[i], max);
            [Parallel] public static void Polished(int i, int rounds, ReadOnlySpan<double> x, Span<double> y) => y[i] = Polish(x[i], rounds);
            [Parallel] public static void Nested(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y) { float t = Pick(x[i], z[i]); y[i] = t - Soft(t, 1f); }
            [Parallel] public static void Stores(int i, ReadOnlySpan<float> x, Span<float> y) => Write(i, x[i] - 0.5f, y);

            [Parallel(Reduce = Reduction.Sum)]
            public static int StepSum(int i, ReadOnlySpan<float> x) => Steps(x[i], 12) + (int)Soft(x[i], 1.5f);
        }

        public static class Drivers
        {
            public static void SoftClipGenerated(float limit, float[] x, float[] y) => Kernels.SoftClip(limit, x, y);
            public static void SoftClipScalar(float limit, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.SoftClip(i, limit, x, y); }
            public static void EscapeGenerated(int max, float[] c, int[] y) => Kernels.Escape(max, c, y);
            public static void EscapeScalar(int max, float[] c, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.Escape(i, max, c, y); }
            public static void PolishedGenerated(int rounds, double[] x, double[] y) => Kernels.Polished(rounds, x, y);
            public static void PolishedScalar(int rounds, double[] x, double[] y) { for (int i = 0; i < y.Length; i++) Kernels.Polished(i, rounds, x, y); }
            public static void NestedGenerated(float[] x, float[] z, float[] y) => Kernels.Nested(x, z, y);
            public static void NestedScalar(float[] x, float[] z, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Nested(i, x, z, y); }
            public static void StoresGenerated(float[] x, float[] y) => Kernels.Stores(x, y);
            public static void StoresScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Stores(i, x, y); }
            public static int StepSumGenerated(float[] x) => Kernels.StepSum(x);
            public static int StepSumScalar(float[] x) { int s = 0; for (int i = 0; i < x.Length; i++) s += Kernels.StepSum(i, x); return s; }
        }
        """;

    private static readonly Lazy<KernelDrivers> s_drivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    private static void Check(string kernel, Func<int, object[]> arguments)
        => Differential.AssertGeneratedMatchesScalar(s_drivers.Value, kernel, arguments, DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Helpers_with_branches_and_early_returns_match_the_scalar_kernel()
    {
        Check("SoftClip", size => [1.5f, TestValues.Floats(size, size), new float[size]]);
        Check("Nested", size => [TestValues.ModerateFloats(size, size + 1), TestValues.ModerateFloats(size, size + 2), new float[size]]);
        Check("Stores", size => [TestValues.Floats(size, size + 3), new float[size]]);
    }

    [Fact]
    public void Helpers_with_loops_and_returns_inside_them_match_the_scalar_kernel()
    {
        Check("Escape", size => [20, TestValues.ModerateFloats(size, size + 4, 2f), new int[size]]);
        Check("Escape", size => [0, TestValues.ModerateFloats(size, size + 5, 2f), new int[size]]);
        Check("Polished", size => [3, TestValues.Doubles(size, size + 6), new double[size]]);
    }

    [Fact]
    public void A_reduction_over_a_helper_with_control_flow_is_vectorised()
    {
        Check("StepSum", size => [TestValues.ModerateFloats(size, size + 7, 3f)]);
    }

    [Fact]
    public void Every_kernel_here_vectorises() => GeneratorHarness.Run(Source).AssertEveryKernelVectorises();

    [Theory]
    [InlineData("y[i] = Fact((int)x[i]);", "recursive call of Fact")]
    public void Helpers_that_cannot_be_hoisted_run_scalar_and_say_why(string body, string reason)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using System;
            using DataParallel;

            namespace Probe;

            public static partial class Kernels
            {
                private static float Soft(float v, float limit)
                {
                    if (v > limit)
                        return limit;
                    return v;
                }

                private static int Fact(int n) => n <= 1 ? 1 : n * Fact(n - 1);

                [Parallel]
                public static void Blocked(int i, ReadOnlySpan<float> x, Span<float> y) {{(body.StartsWith('{') ? body : "{ " + body + " }")}}
            }
            """);
        run.AssertRunsScalarBecause(reason);
    }
}

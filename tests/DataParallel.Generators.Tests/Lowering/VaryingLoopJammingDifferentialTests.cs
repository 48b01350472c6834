using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Kernels whose loop lets lanes leave at different times run two vectors side by side (<c>LaneJamming</c>): one
/// loop runs until no lane of either copy is left, each copy under its own masks, with its own per-lane ifs,
/// breaks and continues. A copy whose lanes are all done keeps computing values no lane keeps; nothing of it may
/// reach memory. Sizes straddle the jammed step, the single vector and the tail.
/// </summary>
public sealed class VaryingLoopJammingDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Escape(int i, int max, ReadOnlySpan<float> c, Span<float> y)
            {
                float z = 0f, w = 0f;
                int n = 0;
                while (n < max && z * z + w * w <= 4f)
                {
                    float t = z * z - w * w + c[i];
                    w = 2f * z * w + 0.25f;
                    z = t;
                    n++;
                }
                y[i] = n;
            }

            [Parallel]
            public static void Newton(int i, int max, ReadOnlySpan<float> a, Span<float> root, Span<int> steps)
            {
                float x = a[i] > 1f ? a[i] : 1f;
                int k = 0;
                while (k < max)
                {
                    float next = 0.5f * (x + a[i] / x);
                    if (MathF.Abs(next - x) <= 1e-6f * x)
                    {
                        x = next;
                        break;
                    }
                    x = next;
                    k++;
                }
                root[i] = x;
                steps[i] = k;
            }

            [Parallel]
            public static void Collatz(int i, ReadOnlySpan<int> start, Span<int> count)
            {
                long v = start[i];
                int c = 0;
                while (v > 1 && c < 1000)
                {
                    c++;
                    if ((v & 1) == 0)
                    {
                        v >>= 1;
                        continue;
                    }
                    v = 3 * v + 1;
                }
                count[i] = c;
            }
        }

        public static class Drivers
        {
            public static void EscapeGenerated(int max, float[] c, float[] y) => Kernels.Escape(max, c, y);
            public static void EscapeScalar(int max, float[] c, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Escape(i, max, c, y); }
            public static void NewtonGenerated(int max, float[] a, float[] root, int[] steps) => Kernels.Newton(max, a, root, steps);
            public static void NewtonScalar(int max, float[] a, float[] root, int[] steps) { for (int i = 0; i < root.Length; i++) Kernels.Newton(i, max, a, root, steps); }
            public static void CollatzGenerated(int[] start, int[] count) => Kernels.Collatz(start, count);
            public static void CollatzScalar(int[] start, int[] count) { for (int i = 0; i < count.Length; i++) Kernels.Collatz(i, start, count); }
        }
        """;

    private static readonly int[] Sizes = DomainSizes.Standard.Concat([15, 16, 17, 33, 64, 65]).Distinct().Order().ToArray();

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    [Theory]
    [InlineData("Escape")]
    [InlineData("Newton")]
    [InlineData("Collatz")]
    public void Each_kernel_runs_two_copies_of_its_loop(string kernel)
    {
        GeneratorRun run = GeneratorHarness.Run(Source);
        run.AssertGeneratorDidNotThrow();
        Assert.Contains("__loop0__1", run.GeneratedSourceOf(kernel), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(50)]
    public void Escape_times_match_bit_for_bit(int max)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Escape",
            size => [max, TestValues.ModerateFloats(size, seed: size, magnitude: 1.5f), new float[size]],
            Sizes, ElementComparison.Bitwise);

    [Fact]
    public void Newton_iterations_with_a_per_lane_break_match_bit_for_bit()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Newton",
            size => [30, TestValues.Floats(size, seed: size), new float[size], new int[size]],
            Sizes, ElementComparison.Bitwise);

    [Fact]
    public void Collatz_steps_with_a_per_lane_continue_match_exactly()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Collatz",
            size => [TestValues.SmallIntegers<int>(size, size, -5, 100_000), new int[size]],
            Sizes, ElementComparison.Bitwise);
}

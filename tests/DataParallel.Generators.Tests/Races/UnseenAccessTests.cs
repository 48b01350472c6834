using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Races;

/// <summary>
/// Issue 16: span accesses the race analysis does not see — through a <c>ref</c> iteration variable, a helper taking
/// <c>ref y[k]</c>, an element converted by <c>foreach (double v in floats)</c>, a span local assigned again in a
/// loop (a time loop swapping two buffers) — would run on every core with no verdict and no entry check covering
/// them. Such a kernel runs in order, on the calling thread (the reference semantics, which cannot race), and DP3001
/// says why; kernels whose every access the analysis sees are unaffected.
/// </summary>
public sealed class UnseenAccessTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void BumpAll(int i, Span<int> y)
            {
                foreach (ref int v in y)
                    v += 1;
            }

            [Parallel]
            public static void BumpHalf(int i, Span<int> y) => Bump(ref y[i / 2]);

            private static void Bump(ref int v) => v += 1;

            [Parallel]
            public static void SumWidened(int i, ReadOnlySpan<float> w, Span<float> y)
            {
                double sum = 0;
                foreach (double v in w)
                    sum += v;
                y[i] = (float)sum + i;
            }

            [Parallel]
            public static void PingPong(int i, int steps, Span<float> a, Span<float> b)
            {
                Span<float> src = a, dst = b;
                for (int t = 0; t < steps; t++)
                {
                    dst[i] = src[i] + (i > 0 ? src[i - 1] : 0f);
                    Span<float> swap = src;
                    src = dst;
                    dst = swap;
                }
            }

            [Parallel]
            public static void Copy(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i];
        }

        public static class Drivers
        {
            public static void BumpAll(int count, int[] y) => Kernels.BumpAll(0..count, y);
            public static void BumpHalf(int count, int[] y) => Kernels.BumpHalf(0..count, y);
            public static void SumWidenedInPlace(float[] y) => Kernels.SumWidened(y, y);
            public static void PingPong(int steps, float[] a, float[] b) => Kernels.PingPong(0..a.Length, steps, a, b);
        }
        """;

    private static readonly Lazy<KernelDrivers> LoadedDrivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    private static KernelDrivers Drivers => LoadedDrivers.Value;

    [Theory]
    [InlineData("BumpAll")]
    [InlineData("BumpHalf")]
    [InlineData("SumWidened")]
    [InlineData("PingPong")]
    public void A_kernel_with_accesses_the_race_analysis_cannot_see_runs_in_order(string kernel)
    {
        string generated = GeneratorHarness.Run(Source).GeneratedSourceOf(kernel);
        Assert.Contains("// The race analysis cannot see the span accesses of ", generated);
        Assert.Contains("bool __inOrder = true;", generated);
    }

    [Fact]
    public void A_kernel_whose_accesses_the_analysis_sees_still_runs_on_every_core()
        => Assert.DoesNotContain("__inOrder", GeneratorHarness.Run(Source).GeneratedSourceOf("Copy"));

    [Fact]
    public void Racy_calls_through_unseen_accesses_give_the_in_order_result()
    {
        foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
        {
            using (configuration.Apply())
            {
                int[] all = new int[4096];
                Drivers.Invoke("BumpAll", 256, all);
                Assert.All(all, v => Assert.Equal(256, v));   // every index bumps every element: lost updates if run in parallel

                int[] half = new int[4096];
                Drivers.Invoke("BumpHalf", 8192, half);
                Assert.All(half, v => Assert.Equal(2, v));

                float[] y = Enumerable.Range(0, 64).Select(k => (float)k).ToArray();
                float[] expected = (float[])y.Clone();
                for (int i = 0; i < expected.Length; i++)
                    expected[i] = (float)expected.Sum(v => (double)v) + i;   // the sum each index sees, in order
                Drivers.Invoke("SumWidenedInPlace", y);
                Assert.Equal(expected, y);

                float[] a = Enumerable.Repeat(1f, 32).ToArray(), b = new float[32];
                float[] ea = (float[])a.Clone(), eb = new float[32];
                for (int i = 0; i < 32; i++)
                {
                    float[] src = ea, dst = eb;
                    for (int t = 0; t < 3; t++)
                    {
                        dst[i] = src[i] + (i > 0 ? src[i - 1] : 0f);
                        (src, dst) = (dst, src);
                    }
                }
                Drivers.Invoke("PingPong", 3, a, b);
                Assert.Equal(ea, a);
                Assert.Equal(eb, b);
            }
        }
    }
}

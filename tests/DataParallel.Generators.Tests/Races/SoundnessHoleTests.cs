using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Races;

/// <summary>
/// Issue 16's soundness holes: calls the entry point accepted although two index points touch one element. Each is
/// refused with an <see cref="ArgumentException"/> before anything is written — the same memory passed twice where
/// race freedom of that aliasing is not proven, a span read through <c>foreach</c> that is the span written, and a
/// flattened row whose index interval runs past the row although its count fits — while the same kernels on inputs
/// that keep the facts still run.
/// </summary>
public sealed class SoundnessHoleTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Strided(int i, int k, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i * k] + 1f;

            [Parallel]
            public static void SumThenScale(int i, ReadOnlySpan<float> w, Span<float> y)
            {
                float sum = 0f;
                foreach (var v in w)
                    sum += v;
                y[i] = sum + i;
            }

            [Parallel(Dimensions = 2)]
            public static void FromRowHead(int i, int j, int n, Span<float> a)
            {
                if (j > 0)
                    a[i * n + j] = a[i * n] + j;
            }
        }

        public static class Drivers
        {
            public static void StridedInPlace(int count, int k, float[] y) => Kernels.Strided(0..count, k, y, y);
            public static void StridedApart(int count, int k, float[] x, float[] y) => Kernels.Strided(0..count, k, x, y);
            public static void SumInPlace(float[] y) => Kernels.SumThenScale(y, y);
            public static void SumApart(float[] w, float[] y) => Kernels.SumThenScale(w, y);
            public static void FromRowHead(int rows, int first, int end, int n, float[] a) => Kernels.FromRowHead(0..rows, first..end, n, a);
        }
        """;

    private static readonly Lazy<KernelDrivers> LoadedDrivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    private static KernelDrivers Drivers => LoadedDrivers.Value;

    private static void AssertRefused(string driver, string fact, Func<object[]> arguments)
        => BadInput.BadInputTests.AssertRejectedWithNothingWritten<ArgumentException>(Drivers, driver, arguments, fact);

    private static float[] Ramp(int length) => Enumerable.Range(0, length).Select(k => (float)k).ToArray();

    [Fact]
    public void The_same_array_for_a_strided_read_and_the_store_is_refused_when_the_aliasing_is_not_proven_race_free()
        => AssertRefused("StridedInPlace", "overlap", () => [8, 4, Ramp(32)]);

    [Fact]
    public void The_same_array_read_through_foreach_and_stored_is_refused()
        => AssertRefused("SumInPlace", "overlap", () => [Ramp(8)]);

    [Theory]
    [InlineData(1, 64, 63)]
    [InlineData(2, 6, 5)]
    public void A_row_index_interval_past_the_row_is_refused_although_its_count_fits(int first, int end, int n)
        => AssertRefused("FromRowHead", "<= n", () => [3, first, end, n, new float[4 * 64]]);

    [Fact]
    public void Calls_that_keep_the_facts_run_like_the_scalar_kernel()
    {
        foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
        {
            using (configuration.Apply())
            {
                float[] x = Ramp(32), y = new float[8];
                Drivers.Invoke("StridedApart", 8, 4, x, y);
                Assert.Equal(Enumerable.Range(0, 8).Select(k => 4f * k + 1f), y);

                float[] w = Ramp(5), scaled = new float[6];
                Drivers.Invoke("SumApart", w, scaled);
                Assert.Equal(Enumerable.Range(0, 6).Select(k => 10f + k), scaled);

                float[] a = Ramp(3 * 8);
                Drivers.Invoke("FromRowHead", 3, 1, 8, 8, a);
                Assert.Equal(Ramp(24), a);   // a[i * 8 + j] = a[i * 8] + j rewrites each element with its own value
            }
        }
    }
}

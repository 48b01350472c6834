using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.BadInput;

/// <summary>
/// Slices inside kernels: where the kernel as written would throw — <c>Slice</c>'s own argument check, or an index
/// that stays inside the parameter but leaves the slice — the call throws <see cref="ArgumentException"/> before
/// any element is written (every index takes the slice), or fails as the kernel does (a slice under a guard).
/// </summary>
public sealed class SliceBadInputTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel(Dimensions = 2)]
            public static void RowScale(int r, int c, int n, ReadOnlySpan<float> a, Span<float> b)
            {
                ReadOnlySpan<float> row = a.Slice(r * n, n);
                Span<float> outRow = b.Slice(r * n, n);
                outRow[c] = row[c] * 2f;
            }

            [Parallel]
            public static void FromOffset(int i, int s, ReadOnlySpan<float> x, Span<float> y)
            {
                var tail = x.Slice(s);
                y[i] = tail[i];
            }

            [Parallel]
            public static void Between(int i, int s, int e, ReadOnlySpan<float> x, Span<float> y)
            {
                var part = x[s..e];
                y[i] = part[i] + part.Length;
            }

            static float At(ReadOnlySpan<float> s, int k) => s[k];

            [Parallel]
            public static void HelperTwice(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                var tail = x.Slice(1);
                y[i] = At(x, i) + At(tail, i) * 2f;
            }

            [Parallel]
            public static void HelperNeighbours(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                y[i] = At(x, i) + At(x, i + 1) * 2f;
            }

            [Parallel]
            public static void Guarded(int i, int m, ReadOnlySpan<float> x, Span<float> y)
            {
                if (i < m)
                {
                    var head = x[..m];
                    y[i] = head[i];
                }
            }
        }

        public static class Drivers
        {
            public static void RowScale(int rows, int cols, int n, float[] a, float[] b) => Kernels.RowScale(0..rows, 0..cols, n, a, b);
            public static void FromOffset(int s, float[] x, float[] y) => Kernels.FromOffset(0..y.Length, s, x, y);
            public static void Between(int s, int e, float[] x, float[] y) => Kernels.Between(0..y.Length, s, e, x, y);
            public static void HelperTwice(float[] x, float[] y) => Kernels.HelperTwice(0..y.Length, x, y);
            public static void HelperNeighbours(float[] x, float[] y) => Kernels.HelperNeighbours(0..y.Length, x, y);
            public static void Guarded(int m, float[] x, float[] y) => Kernels.Guarded(0..y.Length, m, x, y);
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    private static float[] Data(int length, int seed) => TestValues.ModerateFloats(length, seed);

    [Fact]
    public void A_row_slice_past_the_end_of_its_span_is_rejected()
        // Row 2 of n = 8 needs a[16..24), but a has 23 elements: Slice would throw for r = 2.
        => BadInputTests.AssertRejectedWithNothingWritten<ArgumentException>(Drivers, "RowScale", () => [3, 8, 8, Data(23, 1), Data(24, 2)]);

    [Fact]
    public void An_index_past_the_end_of_its_slice_is_rejected_even_inside_the_span()
        // One row, c in 0..9 with n = 8: b[8] exists, but outRow[8] is outside the slice, where the kernel throws.
        => BadInputTests.AssertRejectedWithNothingWritten<ArgumentException>(Drivers, "RowScale", () => [1, 9, 8, Data(20, 1), Data(20, 2)]);

    [Theory]
    [InlineData(-1)]
    [InlineData(11)]
    public void A_slice_start_outside_the_span_is_rejected(int s)
        => BadInputTests.AssertRejectedWithNothingWritten<ArgumentException>(Drivers, "FromOffset", () => [s, Data(10, 1), Data(4, 2)]);

    [Fact]
    public void An_index_past_a_tail_slice_is_rejected()
        // x has 10 elements, the tail from 8 has 2, and the domain has 4 indices.
        => BadInputTests.AssertRejectedWithNothingWritten<ArgumentException>(Drivers, "FromOffset", () => [8, Data(10, 1), Data(4, 2)]);

    [Theory]
    [InlineData(5, 3)]
    [InlineData(2, 11)]
    [InlineData(-1, 4)]
    public void A_reversed_or_out_of_range_range_is_rejected(int s, int e)
        => BadInputTests.AssertRejectedWithNothingWritten<ArgumentException>(Drivers, "Between", () => [s, e, Data(10, 1), Data(3, 2)]);

    [Fact]
    public void A_helper_reading_a_slice_past_its_end_is_rejected()
        // The second call reads tail[i] = x[i + 1]: past x for the last index, though At(x, i) reads the same "s[k]".
        => BadInputTests.AssertRejectedWithNothingWritten<ArgumentException>(Drivers, "HelperTwice", () => [Data(10, 1), Data(10, 2)]);

    [Fact]
    public void A_helper_inlined_twice_gets_a_proof_for_each_call()
        // At(x, i + 1) reads past x for the last index; At(x, i) is the same "s[k]" but a different access.
        => BadInputTests.AssertRejectedWithNothingWritten<ArgumentException>(Drivers, "HelperNeighbours", () => [Data(10, 1), Data(10, 2)]);

    [Fact]
    public void A_guarded_slice_past_the_end_fails_as_the_kernel_does()
    {
        // Only indices below m take the slice, so the entry proof over-approximates: the checked scalar path runs
        // the kernel as written, which throws where Slice does.
        foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
        {
            Exception? error;
            using (configuration.Apply())
                error = Record.Exception(() => Drivers.Invoke("Guarded", 12, Data(10, 1), new float[40]));
            Assert.True(error is ArgumentException, $"{configuration}: expected ArgumentException, got {error?.GetType().Name ?? "no exception"}.");
        }
    }

    [Fact]
    public void Valid_calls_on_the_same_kernels_succeed()
    {
        Drivers.Invoke("RowScale", 3, 8, 8, Data(24, 1), Data(24, 2));
        Drivers.Invoke("RowScale", 1, 8, 8, Data(20, 1), Data(20, 2));
        Drivers.Invoke("FromOffset", 6, Data(10, 1), Data(4, 2));
        Drivers.Invoke("FromOffset", 0, Data(10, 1), Data(4, 2));
        Drivers.Invoke("Between", 2, 7, Data(10, 1), Data(5, 2));
        Drivers.Invoke("Guarded", 10, Data(10, 1), new float[40]);
        Drivers.Invoke("HelperTwice", Data(10, 1), Data(9, 2));
        Drivers.Invoke("HelperNeighbours", Data(10, 1), Data(9, 2));
        Drivers.Invoke("Guarded", -3, Data(10, 1), new float[40]);
    }
}

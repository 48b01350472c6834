using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.BadInput;

/// <summary>
/// The entry point proves bounds and race-freedom facts once, then runs unchecked (DESIGN §3, §5). Such a proof must
/// never pass where some index would fault or race, and never throw where the scalar kernel would run: arithmetic
/// that wraps in int, a loop that runs zero times, a guard that divides by zero. Each case runs the generated entry
/// point under every configuration and compares it with the kernel method run for each index in order: the same
/// outputs, or the same exception type.
/// </summary>
public sealed class EntryProofSoundnessTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            // n = m = 1 << 16: i * n * m is a multiple of 2^32, so every index reads x[0].
            [Parallel]
            public static void Stride2(int i, int n, int m, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i * n * m];

            // n = m = k = 1 << 21: the product is 2^63 · i, beyond long, and wraps to 0 in int.
            [Parallel]
            public static void Stride3(int i, int n, int m, int k, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i * n * m * k];

            // n = 2^21 + 1, m = 2^21: both cubes exceed long, but their difference in int is 2^22 + 1, far past x.
            [Parallel]
            public static void Cancel(int i, int n, int m, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[n * n * n - n * n * m + i];

            // limit = int.MaxValue ("no limit"): the guard holds for every index, and limit + 4 does not fit in an int.
            [Parallel]
            public static void Limited(int i, int limit, ReadOnlySpan<float> x, Span<float> y)
            {
                if (i - 5 < limit)
                    y[i] = x[i + 5];
            }

            // Indices near int.MaxValue: i + 10 wraps to a negative int, so the guard holds for every index.
            [Parallel]
            public static void Ahead(int i, int n, int s, ReadOnlySpan<float> x, Span<float> y)
            {
                if (i + 10 < n)
                    y[i - s] = x[i - s];
            }

            [Parallel]
            public static void Repeat(int i, int k, int at, ReadOnlySpan<float> x, Span<float> y)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++)
                    sum += x[at];
                y[i] = sum + i;
            }

            [Parallel]
            public static void RepeatMasked(int i, int k, int at, ReadOnlySpan<float> x, Span<float> y)
            {
                float sum = 0f;
                for (int p = 0; p < (k & 7); p++)
                    sum += x[at];
                y[i] = sum + i;
            }

            [Parallel(Reduce = Reduction.Sum)]
            public static int SumRepeat(int i, int k, int at, ReadOnlySpan<int> x)
            {
                int sum = i;
                for (int p = 0; p < k; p++)
                    sum += x[at];
                return sum;
            }

            [Parallel(Dimensions = 2)]
            public static void RepeatRows(int r, int c, int k, int at, ReadOnlySpan<float> x, Span<float> y)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++)
                    sum += x[at + r];
                y[r * 8 + c] = sum + c;
            }

            [Parallel]
            public static void RepeatSlice(int i, int k, int at, ReadOnlySpan<float> x, Span<float> y)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++)
                {
                    ReadOnlySpan<float> tail = x.Slice(at);
                    sum += tail[0];
                }
                y[i] = sum;
            }

            [Parallel]
            public static void EveryThird(int i, int k, ReadOnlySpan<float> x, Span<float> y)
            {
                float sum = 0f;
                for (int p = 0; p < k; p += 3)
                    sum += x[p];
                y[i] = sum + i;
            }

            static float At(ReadOnlySpan<float> s, int k) => s[k];

            [Parallel]
            public static void TwoReads(int i, int at, bool far, ReadOnlySpan<float> x, Span<float> y)
            {
                float v = At(x, i);
                if (far)
                    v += At(x, at);
                y[i] = v;
            }

            [Parallel]
            public static void SafeRatio(int i, int n, int m, ReadOnlySpan<float> x, Span<float> y)
            {
                if (m != 0 && i < n / m)
                    y[i] = x[i] * 2f;
            }

            // n = 2^22, m = 2^21, k = 2^21 + 1: n·m·k = 2^64 + 2^43 wraps in long to 2^43, which looks like a row
            // length far above extent(j), while in int i·n·m·k is a multiple of 2^32: every row writes y[j].
            [Parallel(Dimensions = 2)]
            public static void Rows(int i, int j, int n, int m, int k, ReadOnlySpan<float> x, Span<float> y)
                => y[i * n * m * k + j] = x[j] + i;

            [Parallel(Dimensions = 2)]
            public static void Blocks(int i, int j, int n, int m, ReadOnlySpan<float> x, Span<float> y)
            {
                if (m != 0)
                    y[i * (n / m) + j] = x[j] + i;
            }


            [Parallel]
            public static void ShorterGuard(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y)
            {
                if (i < x.Length)
                    y[i] = z[i];
            }

            // Kernels that assign a uniform: the IR reads it as a local that starts with the value passed in.
            [Parallel]
            public static void Shifted(int i, int k, ReadOnlySpan<float> x, Span<float> y)
            {
                k = k - 1;
                y[i] = x[k] + i;
            }

            [Parallel(Dimensions = 2)]
            public static void HalfRows(int r, int c, int n, ReadOnlySpan<float> x, Span<float> y)
            {
                n /= 2;
                y[r * n + c] = x[c] + r;
            }

            [Parallel(Dimensions = 3)]
            public static void Cube(int a, int b, int c, ReadOnlySpan<float> x, Span<float> y)
                => y[a * 4 + b * 2 + c] = x[c];
        }

        public static class Drivers
        {
            public static void Stride2Generated(int n, int m, float[] x, float[] y) => Kernels.Stride2(0..y.Length, n, m, x, y);
            public static void Stride2Scalar(int n, int m, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Stride2(i, n, m, x, y); }
            public static void Stride3Generated(int n, int m, int k, float[] x, float[] y) => Kernels.Stride3(0..y.Length, n, m, k, x, y);
            public static void Stride3Scalar(int n, int m, int k, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Stride3(i, n, m, k, x, y); }
            public static void CancelGenerated(int n, int m, float[] x, float[] y) => Kernels.Cancel(0..y.Length, n, m, x, y);
            public static void CancelScalar(int n, int m, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Cancel(i, n, m, x, y); }
            public static void LimitedGenerated(int limit, float[] x, float[] y) => Kernels.Limited(0..y.Length, limit, x, y);
            public static void LimitedScalar(int limit, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Limited(i, limit, x, y); }
            public static void AheadGenerated(int n, int s, float[] x, float[] y) => Kernels.Ahead(s..(s + y.Length), n, s, x, y);
            public static void AheadScalar(int n, int s, float[] x, float[] y) { for (int i = s; i < s + y.Length; i++) Kernels.Ahead(i, n, s, x, y); }
            public static void RepeatGenerated(int k, int at, float[] x, float[] y) => Kernels.Repeat(0..y.Length, k, at, x, y);
            public static void RepeatScalar(int k, int at, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Repeat(i, k, at, x, y); }
            public static void RepeatMaskedGenerated(int k, int at, float[] x, float[] y) => Kernels.RepeatMasked(0..y.Length, k, at, x, y);
            public static void RepeatMaskedScalar(int k, int at, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.RepeatMasked(i, k, at, x, y); }
            public static void SumRepeatGenerated(int k, int at, int[] x, int[] sum) => sum[0] = Kernels.SumRepeat(0..sum.Length, k, at, x);
            public static void SumRepeatScalar(int k, int at, int[] x, int[] sum) { int total = 0; for (int i = 0; i < sum.Length; i++) total += Kernels.SumRepeat(i, k, at, x); sum[0] = total; }
            public static void RepeatRowsGenerated(int k, int at, float[] x, float[] y) => Kernels.RepeatRows(0..(y.Length / 8), 0..8, k, at, x, y);
            public static void RepeatRowsScalar(int k, int at, float[] x, float[] y) { for (int r = 0; r < y.Length / 8; r++) for (int c = 0; c < 8; c++) Kernels.RepeatRows(r, c, k, at, x, y); }
            public static void RepeatSliceGenerated(int k, int at, float[] x, float[] y) => Kernels.RepeatSlice(0..y.Length, k, at, x, y);
            public static void RepeatSliceScalar(int k, int at, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.RepeatSlice(i, k, at, x, y); }
            public static void EveryThirdGenerated(int k, float[] x, float[] y) => Kernels.EveryThird(0..y.Length, k, x, y);
            public static void EveryThirdScalar(int k, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.EveryThird(i, k, x, y); }
            public static void TwoReadsGenerated(int at, bool far, float[] x, float[] y) => Kernels.TwoReads(0..y.Length, at, far, x, y);
            public static void TwoReadsScalar(int at, bool far, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.TwoReads(i, at, far, x, y); }
            public static void SafeRatioGenerated(int n, int m, float[] x, float[] y) => Kernels.SafeRatio(n, m, x, y);
            public static void SafeRatioScalar(int n, int m, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.SafeRatio(i, n, m, x, y); }
            public static void RowsGenerated(int rows, int n, int m, int k, float[] x, float[] y) => Kernels.Rows(0..rows, 0..x.Length, n, m, k, x, y);
            public static void RowsScalar(int rows, int n, int m, int k, float[] x, float[] y) { for (int i = 0; i < rows; i++) for (int j = 0; j < x.Length; j++) Kernels.Rows(i, j, n, m, k, x, y); }
            public static void BlocksGenerated(int rows, int n, int m, float[] x, float[] y) => Kernels.Blocks(0..rows, 0..x.Length, n, m, x, y);
            public static void BlocksScalar(int rows, int n, int m, float[] x, float[] y) { for (int i = 0; i < rows; i++) for (int j = 0; j < x.Length; j++) Kernels.Blocks(i, j, n, m, x, y); }
            public static void ShorterGuardGenerated(float[] x, float[] z, float[] y) => Kernels.ShorterGuard(0..y.Length, x, z, y);
            public static void ShorterGuardScalar(float[] x, float[] z, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.ShorterGuard(i, x, z, y); }
            public static void ShiftedGenerated(int k, float[] x, float[] y) => Kernels.Shifted(0..y.Length, k, x, y);
            public static void ShiftedScalar(int k, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Shifted(i, k, x, y); }
            public static void HalfRowsGenerated(int rows, int n, float[] x, float[] y) => Kernels.HalfRows(0..rows, 0..x.Length, n, x, y);
            public static void HalfRowsScalar(int rows, int n, float[] x, float[] y) { for (int r = 0; r < rows; r++) for (int c = 0; c < x.Length; c++) Kernels.HalfRows(r, c, n, x, y); }
            public static void CubeGenerated(int a, int b, int c, float[] x, float[] y) => Kernels.Cube(0..a, 0..b, 0..c, x, y);
            public static void CubeScalar(int a, int b, int c, float[] x, float[] y) { if (a == 0 || b == 0 || c == 0) return; for (int i = 0; i < a; i++) for (int j = 0; j < b; j++) for (int l = 0; l < c; l++) Kernels.Cube(i, j, l, x, y); }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    private static float[] Data(int length, int seed) => TestValues.ModerateFloats(length, seed);

    /// <summary>
    /// Runs <c>{kernel}Generated</c> under every configuration and <c>{kernel}Scalar</c> once, each on fresh copies of
    /// the arguments: both throw an exception of the same type, or neither does and every array ends equal.
    /// </summary>
    private static void AssertAsScalar(string kernel, Func<object[]> arguments)
    {
        KernelDrivers drivers = Drivers;
        object[] expected = arguments();
        Exception? expectedError = Record.Exception(() => drivers.Invoke(kernel + "Scalar", expected));
        foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
        {
            object[] actual = arguments();
            Exception? error;
            using (configuration.Apply())
                error = Record.Exception(() => drivers.Invoke(kernel + "Generated", actual));
            Assert.True(error?.GetType() == expectedError?.GetType(),
                $"{kernel}, {configuration}: the kernel method gives {expectedError?.GetType().Name ?? "no exception"}, the entry point {error?.GetType().Name ?? "no exception"}.\n{error}");
            if (expectedError is not null)
                continue;
            for (int position = 0; position < actual.Length; position++)
            {
                if (actual[position] is Array array)
                    Assert.True(ElementComparison.Bitwise.Mismatches((Array)expected[position], array).Count == 0, $"{kernel}, {configuration}: argument {position} differs from the kernel method's.");
            }
        }
    }

    [Fact]
    public void A_product_of_two_uniforms_that_wraps_to_an_index_in_bounds_runs_as_the_kernel_does()
        => AssertAsScalar("Stride2", () => [1 << 16, 1 << 16, Data(1, 1), Data(40, 2)]);

    [Fact]
    public void A_product_of_three_uniforms_beyond_long_runs_as_the_kernel_does()
        => AssertAsScalar("Stride3", () => [1 << 21, 1 << 21, 1 << 21, Data(40, 1), Data(40, 2)]);

    [Fact]
    public void Products_that_overflow_long_and_cancel_do_not_prove_an_index_that_wraps_outside_the_span()
        // The kernel reads x[4194305 + i]: IndexOutOfRangeException, never a read past x.
        => AssertAsScalar("Cancel", () => [(1 << 21) + 1, 1 << 21, Data(40, 1), Data(40, 2)]);

    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(30)]
    [InlineData(int.MinValue)]
    public void A_guard_whose_shifted_bound_does_not_fit_in_an_int_proves_nothing(int limit)
        // limit + 4 wraps in int: read as an empty guard, x[i + 5] would go unchecked past x for the last indices.
        => AssertAsScalar("Limited", () => [limit, Data(40, 1), Data(40, 2)]);

    [Theory]
    [InlineData(8)]
    [InlineData(4)]
    public void A_guard_whose_index_plus_offset_wraps_in_int_proves_nothing(int xLength)
        // Indices int.MaxValue - 8 .. int.MaxValue - 1: i + 10 < 0 holds for all of them in int.
        => AssertAsScalar("Ahead", () => [0, int.MaxValue - 8, Data(xLength, 1), Data(8, 2)]);

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(0, -1)]
    [InlineData(3, 5)]
    public void An_access_in_a_loop_that_runs_zero_times_is_not_proven_at_entry(int k, int at)
        => AssertAsScalar("Repeat", () => [k, at, Data(10, 1), Data(40, 2)]);

    [Theory]
    [InlineData(8, 1000)]
    [InlineData(9, 2)]
    public void An_access_in_a_loop_whose_bound_is_not_an_interval_runs_only_when_the_loop_does(int k, int at)
        => AssertAsScalar("RepeatMasked", () => [k, at, Data(10, 1), Data(40, 2)]);

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(0, int.MinValue)]
    [InlineData(2, 3)]
    public void A_reduction_reading_in_a_loop_that_runs_zero_times_is_not_proven_at_entry(int k, int at)
        => AssertAsScalar("SumRepeat", () => [k, at, new[] { 5, 6, 7, 8 }, new int[40]]);

    [Fact]
    public void An_access_in_a_loop_that_runs_is_still_rejected_at_entry()
        => BadInputTests.AssertRejectedWithNothingWritten<ArgumentException>(Drivers, "RepeatGenerated", () => [2, 1000, Data(10, 1), Data(40, 2)]);

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(2, 3)]
    public void A_two_dimensional_access_in_a_loop_that_runs_zero_times_is_not_proven_at_entry(int k, int at)
        => AssertAsScalar("RepeatRows", () => [k, at, Data(8, 1), Data(40, 2)]);

    [Theory]
    [InlineData(0, 1000)]
    [InlineData(2, 3)]
    public void A_slice_in_a_loop_that_runs_zero_times_is_not_checked_at_entry(int k, int at)
        => AssertAsScalar("RepeatSlice", () => [k, at, Data(10, 1), Data(40, 2)]);

    [Theory]
    [InlineData(8)]
    [InlineData(7)]
    [InlineData(0)]
    public void A_loop_with_a_step_of_three_is_not_taken_to_reach_the_end_of_its_range(int k)
        // k = 8 stops at p = 6: x has 7 elements, and the range's end 7 is never read.
        => AssertAsScalar("EveryThird", () => [k, Data(7, 1), Data(40, 2)]);

    [Theory]
    [InlineData(false, 1000)]
    [InlineData(true, 3)]
    public void A_helper_inlined_twice_proves_only_the_copy_every_index_runs_exactly(bool far, int at)
        => AssertAsScalar("TwoReads", () => [at, far, Data(40, 1), Data(40, 2)]);

    [Theory]
    [InlineData(20, 0)]
    [InlineData(20, 2)]
    [InlineData(int.MinValue, -1)]
    public void A_guard_that_divides_by_zero_only_where_the_kernel_does_not_divide_does_not_throw(int n, int m)
        => AssertAsScalar("SafeRatio", () => [n, m, Data(40, 1), Data(40, 2)]);

    [Fact]
    public void A_race_freedom_fact_that_overflows_long_runs_the_kernel_in_order()
        => AssertAsScalar("Rows", () => [64, 1 << 22, 1 << 21, (1 << 21) + 1, Data(40, 1), Data(40, 2)]);

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void A_stride_that_divides_by_zero_only_where_the_kernel_does_not_divide_does_not_throw(int m)
        => AssertAsScalar("Blocks", () => [6, 40 * 4, m, Data(40, 1), Data(6 * 40, 2)]);

    [Theory]
    [InlineData(10)]
    [InlineData(11)]
    public void A_uniform_the_kernel_assigns_is_not_proven_with_the_value_passed_in(int k)
        // k = 10: the kernel reads x[9], inside x; k = 11 reads x[10], where the kernel throws.
        => AssertAsScalar("Shifted", () => [k, Data(10, 1), Data(40, 2)]);

    [Fact]
    public void A_row_length_the_kernel_halves_is_checked_as_halved()
        // end(c) <= n holds for n = 64, but the kernel writes rows n / 2 = 32 apart, 64 long: they would overlap,
        // and the call is refused. (A uniform assigned per index, k = -i, is a race the analyzer reports: DP1001.)
        => BadInputTests.AssertRejectedWithNothingWritten<ArgumentException>(Drivers, "HalfRowsGenerated", () => [64, 64, Data(64, 1), Data(64 * 64, 2)]);

    [Fact]
    public void A_row_length_the_kernel_halves_runs_where_the_halved_rows_fit()
        => AssertAsScalar("HalfRows", () => [64, 64, Data(32, 1), Data(64 * 64, 2)]);

    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    public void A_guard_on_the_length_of_another_span_bounds_only_that_span(int zLength)
        => AssertAsScalar("ShorterGuard", () => [Data(8, 1), Data(zLength, 3), Data(10, 2)]);

    [Theory]
    [InlineData(int.MaxValue, int.MaxValue, 0)]
    [InlineData(0, int.MaxValue, int.MaxValue)]
    [InlineData(2, 2, 2)]
    public void A_domain_with_one_empty_extent_runs_nothing_however_large_the_others(int a, int b, int c)
        => AssertAsScalar("Cube", () => [a, b, c, Data(2, 1), Data(8, 2)]);
}

using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.Races;

/// <summary>
/// Races through span locals: an alias or a slice is the parameter it looks into, at the slice's offset, so the
/// same dependence tests apply — and a slice that gives every index its own elements stays silent.
/// </summary>
public sealed class AliasAndSliceRaceTests
{
    private static Task Verify(string members) => AnalyzerVerifier<RaceArea>.VerifyKernelsAsync(members);

    [Fact]
    public Task Constant_index_through_an_alias() => Verify("""
        [Parallel]
        public static void Last(int i, ReadOnlySpan<float> x, Span<float> y)
        {
            var t = y;
            {|DP1001:t[0]|} = x[i];
        }
        """);

    [Fact]
    public Task Constant_index_through_a_tail_slice() => Verify("""
        [Parallel]
        public static void Second(int i, ReadOnlySpan<float> x, Span<float> y)
        {
            Span<float> tail = y.Slice(1);
            {|DP1001:tail[0]|} = x[i];
        }
        """);

    [Fact]
    public Task Constant_index_through_a_span_local_assigned_again() => Verify("""
        [Parallel]
        public static void Retarget(int i, ReadOnlySpan<float> x, Span<float> y, Span<float> z)
        {
            Span<float> target = z;
            target[i] = x[i];
            target = y.Slice(1);
            {|DP1001:target[0]|} = x[i];
        }
        """);

    [Fact]
    public Task Reading_a_neighbour_through_a_span_local_assigned_under_a_condition() => Verify("""
        [Parallel]
        public static void Either(int i, bool shifted, Span<float> y, ReadOnlySpan<float> x)
        {
            ReadOnlySpan<float> source = x;
            if (shifted)
                source = y;
            y[i] = {|DP1003:source[i + 1]|};
        }
        """);

    [Fact]
    public Task Constant_index_through_a_span_local_either_branch_assigns_is_reported_once() => Verify("""
        [Parallel]
        public static void Either(int i, bool flip, ReadOnlySpan<float> x, Span<float> y, Span<float> z)
        {
            Span<float> target = y;
            if (flip)
                target = z;
            {|DP1001:target[0]|} = x[i];
        }
        """);

    [Fact]
    public Task A_span_local_assigned_again_that_keeps_each_index_to_itself_is_silent() => Verify("""
        [Parallel]
        public static void Retarget(int i, bool second, ReadOnlySpan<float> x, Span<float> y, Span<float> z)
        {
            Span<float> target = y;
            if (second)
                target = z;
            target[i] = x[i];
        }
        """);

    [Fact]
    public Task Overlapping_windows_of_neighbours() => Verify("""
        [Parallel]
        public static void Pairs(int i, ReadOnlySpan<float> x, Span<float> y)
        {
            var window = y.Slice(2 * i, 3);
            window[0] = x[i];
            {|DP1001:window[2]|} = x[i];
        }
        """);

    [Fact]
    public Task Reading_the_next_element_through_a_read_only_alias() => Verify("""
        [Parallel]
        public static void ShiftLeft(int i, Span<float> y)
        {
            ReadOnlySpan<float> view = y;
            y[i] = {|DP1003:view[i + 1]|};
        }
        """);

    [Fact]
    public Task Reading_a_neighbour_through_a_range() => Verify("""
        [Parallel]
        public static void ShiftRight(int i, Span<int> y)
        {
            var rest = y[1..];
            rest[i] = {|DP1003:y[i]|};
        }
        """);

    [Fact]
    public Task Two_dimensional_kernel_writing_the_start_of_its_row() => Verify("""
        [Parallel(Dimensions = 2)]
        public static void RowHead(int r, int c, int n, ReadOnlySpan<float> a, Span<float> b)
        {
            var outRow = b.Slice(r * n, n);
            {|DP1001:outRow[0]|} = a[r * n + c];
        }
        """);

    [Fact]
    public Task Accumulating_into_an_element_of_a_slice() => Verify("""
        [Parallel]
        public static void Total(int i, ReadOnlySpan<float> x, Span<float> y)
        {
            var head = y[..1];
            {|DP1005:head[0]|} += x[i];
        }
        """);

    [Fact]
    public Task A_window_whose_start_comes_from_data_may_race() => Verify("""
        [Parallel]
        public static void Scatter(int i, ReadOnlySpan<int> starts, ReadOnlySpan<float> x, Span<float> y)
        {
            var window = y.Slice(starts[i], 2);
            {|DP1002:window[0]|} = x[i];
        }
        """);

    [Fact]
    public Task Rows_of_a_2D_kernel_through_slices_are_race_free() => Verify("""
        [Parallel(Dimensions = 2)]
        public static void RowScale(int r, int c, int n, ReadOnlySpan<float> a, Span<float> b)
        {
            ReadOnlySpan<float> row = a.Slice(r * n, n);
            Span<float> outRow = b.Slice(r * n, n);
            outRow[c] = row[c] * 2f;
        }
        """);

    [Fact]
    public Task Disjoint_blocks_per_index_are_race_free() => Verify("""
        [Parallel]
        public static void Blocks(int i, ReadOnlySpan<float> x, Span<float> y)
        {
            var block = y.Slice(i * 4, 4);
            for (int k = 0; k < 4; k++)
                block[k] = x[i] * k;
            block[3] += 1f;
        }
        """);

    [Fact]
    public Task Reading_a_slice_of_another_span_is_race_free() => Verify("""
        [Parallel]
        public static void Shift(int i, ReadOnlySpan<float> x, Span<float> y)
        {
            var interior = x[1..^1];
            var alias = y;
            alias[i] = interior[i] + x[^1];
        }
        """);

    [Fact]
    public Task Slices_of_slices_in_a_row_loop_are_race_free() => Verify("""
        [Parallel(Dimensions = 2)]
        public static void MatMulRows(int row, int col, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
        {
            ReadOnlySpan<float> aRow = a.Slice(row * k, k);
            float sum = 0;
            for (int p = 0; p < k; p++)
            {
                ReadOnlySpan<float> bRow = b.Slice(p * n, n);
                sum += aRow[p] * bRow[col];
            }
            var cRow = c.Slice(row * n, n);
            cRow[col] = sum;
        }
        """);

    [Fact]
    public Task Reading_a_neighbour_through_a_window_chosen_by_a_uniform_condition() => Verify("""
        [Parallel]
        public static void Either(int i, bool shift, Span<float> y)
        {
            ReadOnlySpan<float> t = y;
            if (shift)
                t = y.Slice(1);
            y[i] = {|DP1003:t[i]|};
        }
        """);

    [Fact]
    public Task Reading_a_neighbour_through_a_span_chosen_per_index() => Verify("""
        [Parallel]
        public static void Either(int i, ReadOnlySpan<float> x, Span<float> y)
        {
            ReadOnlySpan<float> t = x;
            if (x[i] > 0f)
                t = y;
            y[i] = {|DP1003:t[i + 1]|};
        }
        """);

    [Fact]
    public Task Writes_through_a_span_chosen_per_index_that_keep_each_index_to_itself_are_silent() => Verify("""
        [Parallel]
        public static void Retarget(int i, ReadOnlySpan<float> x, Span<float> y, Span<float> z)
        {
            Span<float> target = y;
            {
                if (x[i] > 0f)
                    target = z;
            }
            target[i] = x[i];
            target[i] += 1f;
        }
        """);
}

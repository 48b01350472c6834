using System.Linq;
using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.Races;

/// <summary>DP1003: one index reads an element that another index writes.</summary>
public sealed class ReadWriteRaceTests
{
    private static Task Verify(string members) => AnalyzerVerifier<RaceArea>.VerifyKernelsAsync(members);

    [Fact]
    public Task Reading_the_next_element() => Verify("""
        [Parallel]
        public static void ShiftLeft(int i, Span<float> a) => a[i] = {|DP1003:a[i + 1]|};
        """);

    [Fact]
    public Task Reading_the_previous_element() => Verify("""
        [Parallel]
        public static void Prefix(int i, Span<long> y)
        {
            if (i > 0)
                y[i] = y[i] + {|DP1003:y[i - 1]|};
        }
        """);

    [Fact]
    public Task Reading_a_fixed_element_everybody_may_overwrite() => Verify("""
        [Parallel]
        public static void AddFirst(int i, Span<int> a) => a[i] += {|DP1003:a[0]|};
        """);

    [Fact]
    public Task Reversing_in_place() => Verify("""
        [Parallel]
        public static void Reverse(int i, int n, Span<float> y) => y[i] = {|DP1003:y[n - 1 - i]|};
        """);

    [Fact]
    public Task Transposing_in_place() => Verify("""
        [Parallel(Dimensions = 2)]
        public static void Transpose(int i, int j, int n, Span<float> a) => a[i * n + j] = {|DP1003:a[j * n + i]|};
        """);

    [Fact]
    public Task Reading_the_row_another_index_writes() => Verify("""
        [Parallel(Dimensions = 2)]
        public static void Down(int i, int j, int n, Span<double> a) => a[i * n + j] = {|DP1003:a[(i + 1) * n + j]|} + 1;
        """);

    [Fact]
    public Task Xor_neighbours_in_place() => Verify("""
        [Parallel]
        public static void SwapPairs(int i, Span<int> a) => a[i] = {|DP1003:a[i ^ 1]|};
        """);

    [Fact]
    public Task Stencils_between_distinct_spans_are_silent() => Verify("""
        [Parallel]
        public static void Blur(int i, ReadOnlySpan<float> x, Span<float> y)
        {
            if (i > 0 && i < x.Length - 1)
                y[i] = (x[i - 1] + x[i] + x[i + 1]) / 3f;
        }

        [Parallel]
        public static void Shift(int i, ReadOnlySpan<float> x, Span<float> y)
        {
            if (i >= 1)
                y[i] = x[i - 1];
        }
        """);

    [Fact]
    public Task Disjoint_parities_are_silent() => Verify("""
        [Parallel]
        public static void RedBlack(int i, int n, Span<float> a)
        {
            if (i % 2 == 0 && i > 0 && i < n - 1)
                a[i] = (a[i - 1] + a[i + 1]) * 0.5f;
        }

        [Parallel]
        public static void EvenFromOdd(int i, Span<float> a) => a[2 * i] = a[2 * i + 1];
        """);

    [Fact]
    public Task A_symbolic_distance_is_silent_because_the_entry_point_checks_it() => Verify("""
        [Parallel]
        public static void TreeStep(int i, int half, Span<float> data) => data[i] += data[i + half];
        """);

    [Fact]
    public async Task The_message_names_the_write_and_two_index_points()
    {
        var diagnostics = await AnalyzerVerifier<RaceArea>.GetDiagnosticsAsync(KernelSource.Wrap("""
            [Parallel]
            public static void Reverse(int i, int n, Span<float> y) => y[i] = y[n - 1 - i];
            """));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("Data race in kernel 'Reverse': y[n - 1 - i] reads an element that another index writes through y[i] (i = n - 1 reads y[0] while i = 0 writes it); the value read depends on timing", diagnostic.GetMessage());
        Assert.Single(diagnostic.AdditionalLocations);
    }

    [Fact]
    public Task Reading_a_static_field_that_one_index_writes() => Verify("""
        static int Flag;

        [Parallel]
        public static void Publish(int i, Span<int> y)
        {
            if (i == 0)
                Flag = 1;
            y[i] = {|DP1003:Flag|};
        }
        """);

    [Fact]
    public Task Reading_a_ref_parameter_that_one_index_writes() => Verify("""
        [Parallel]
        public static void Publish(int i, ref int last, Span<int> y)
        {
            if (i == 0)
                last = 1;
            y[i] = {|DP1003:last|};
        }
        """);

    [Fact]
    public Task A_static_field_written_and_read_by_one_index_alone_is_not_a_race() => Verify("""
        static int Flag;

        [Parallel]
        public static void Publish(int i, Span<int> y)
        {
            if (i == 0)
            {
                Flag = 1;
                y[0] = Flag;
            }
        }
        """);

    [Fact]
    public Task A_mirror_guarded_to_the_middle_crosses_for_even_lengths() => Verify("""
        [Parallel]
        public static void MirrorMiddle(int i, int n, Span<float> y)
        {
            if (i <= n / 2)
                y[i] = {|DP1003:y[n - 1 - i]|};
        }
        """);

    [Fact]
    public Task A_mirror_guarded_below_the_middle_is_not_a_race() => Verify("""
        [Parallel]
        public static void MirrorHalf(int i, int n, Span<float> y)
        {
            if (i < n / 2)
                y[i] = y[n - 1 - i];
        }
        """);
}

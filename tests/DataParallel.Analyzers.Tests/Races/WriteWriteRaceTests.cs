using System.Linq;
using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.Races;

/// <summary>DP1001: two different index points write one element.</summary>
public sealed class WriteWriteRaceTests
{
    private static Task Verify(string members) => AnalyzerVerifier<RaceArea>.VerifyKernelsAsync(members);

    [Fact]
    public Task Constant_index() => Verify("""
        [Parallel]
        public static void Last(int i, ReadOnlySpan<float> x, Span<float> y) => {|DP1001:y[0]|} = x[i];
        """);

    [Fact]
    public Task Halving_index() => Verify("""
        [Parallel]
        public static void Halve(int i, ReadOnlySpan<float> x, Span<float> y) => {|DP1001:y[i / 2]|} = x[i];
        """);

    [Fact]
    public Task Constant_modulus() => Verify("""
        [Parallel]
        public static void Fold(int i, ReadOnlySpan<float> x, Span<float> y) => {|DP1001:y[i % 4]|} = x[i];
        """);

    [Fact]
    public Task Tuple_assignment_targets_are_writes() => Verify("""
        [Parallel]
        public static void Pairs(int i, ReadOnlySpan<float> x, Span<float> y) => (y[i], {|DP1001:y[i + 1]|}) = (x[i], 0f);
        """);

    [Fact]
    public Task A_uniform_parameter_assigned_per_index_is_followed() => Verify("""
        [Parallel]
        public static void Collapse(int i, int k, ReadOnlySpan<float> x, Span<float> y)
        {
            k = -i;
            {|DP1001:y[i + k]|} = x[i] + i;
        }
        """);

    [Fact]
    public Task A_counter_stepped_once_per_iteration_is_followed() => Verify("""
        [Parallel]
        public static void Spread(int i, ReadOnlySpan<float> x, Span<float> y)
        {
            int k = 0;
            for (int t = 0; t < 4; t++)
            {
                y[i * 4 + k] = x[i];
                k++;
            }
        }

        [Parallel]
        public static void Overlap(int i, ReadOnlySpan<float> x, Span<float> y)
        {
            int k = 0;
            for (int t = 0; t < 4; t++)
            {
                {|DP1001:y[i + k]|} = x[i];
                k += 1;
            }
        }
        """);

    [Fact]
    public Task Remainder_by_a_uniform_is_checked_at_entry_not_reported() => Verify("""
        [Parallel]
        public static void Wrap(int i, int n, ReadOnlySpan<float> x, Span<float> y) => y[i % n] = x[i];

        [Parallel]
        public static void WrapShifted(int i, int n, int k, ReadOnlySpan<float> x, Span<float> y) => y[(k - i) % n] = x[i];
        """);

    [Fact]
    public Task Two_dimensional_kernel_writing_a_row_element() => Verify("""
        [Parallel(Dimensions = 2)]
        public static void RowMax(int i, int j, int n, ReadOnlySpan<float> a, Span<float> c) => {|DP1001:c[i]|} = a[i * n + j];
        """);

    [Fact]
    public Task Window_writes_in_a_loop() => Verify("""
        [Parallel]
        public static void Smear(int i, ReadOnlySpan<float> x, Span<float> y)
        {
            for (int k = 0; k < 3; k++)
                {|DP1001:y[i + k]|} = x[i];
        }
        """);

    [Fact]
    public Task Two_stores_that_overlap_between_neighbours_are_reported_on_the_later_one() => Verify("""
        [Parallel]
        public static void Pairs(int i, ReadOnlySpan<float> x, Span<float> y)
        {
            y[i] = x[i];
            {|DP1001:y[i + 1]|} = x[i];
        }
        """);

    [Fact]
    public Task Write_through_a_local_set_in_a_data_dependent_branch_is_only_possible() => Verify("""
        [Parallel]
        public static void Pick(int i, ReadOnlySpan<float> x, Span<float> y)
        {
            int j = i;
            if (x[i] < 0f)
                j = 0;
            {|DP1002:y[j]|} = x[i];
        }
        """);

    [Fact]
    public Task Injective_writes_are_silent() => Verify("""
        [Parallel]
        public static void Copy(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i];

        [Parallel]
        public static void Interleave(int i, ReadOnlySpan<float> re, ReadOnlySpan<float> im, Span<float> z)
        {
            z[2 * i] = re[i];
            z[2 * i + 1] = im[i];
        }

        [Parallel]
        public static void Offset(int i, int k, ReadOnlySpan<float> x, Span<float> y) => y[i + k] = x[i];

        [Parallel]
        public static void Reverse(int i, int n, ReadOnlySpan<float> x, Span<float> y) => y[n - 1 - i] = x[i];

        [Parallel]
        public static void Swap(int i, ReadOnlySpan<int> x, Span<int> y) => y[i ^ 1] = x[i];
        """);

    [Fact]
    public Task Guards_that_leave_one_writer_are_silent() => Verify("""
        [Parallel]
        public static void First(int i, float total, Span<float> y)
        {
            if (i == 0)
                y[0] = total;
        }

        [Parallel]
        public static void EarlyExit(int i, float total, Span<float> y)
        {
            if (i != 0)
                return;
            y[0] = total;
        }

        [Parallel]
        public static void EvenHalves(int i, ReadOnlySpan<float> x, Span<float> y)
        {
            if (i % 2 == 0)
                y[i / 2] = x[i];
        }
        """);

    [Fact]
    public Task Flattened_rows_are_silent_because_the_entry_point_checks_the_row_width() => Verify("""
        [Parallel(Dimensions = 2)]
        public static void Scale(int i, int j, int n, Span<float> a) => a[i * n + j] = 2f * a[i * n + j];

        [Parallel]
        public static void RowCopy(int i, int n, ReadOnlySpan<float> x, Span<float> y)
        {
            for (int j = 0; j < n; j++)
                y[i * n + j] = x[i * n + j];
        }

        [Parallel(Dimensions = 3)]
        public static void Volume(int i, int j, int k, int n, int m, Span<float> v) => v[(i * n + j) * m + k] = 0f;
        """);

    [Fact]
    public Task Layouts_whose_race_freedom_the_entry_point_checks_are_silent() => Verify("""
        [Parallel(Dimensions = 2)]
        public static void Rgba(int i, int c, Span<byte> px) => px[i * 4 + c] = 255;

        [Parallel(Dimensions = 3)]
        public static void Invert(int r, int c, int ch, int w, Span<byte> img) => img[(r * w + c) * 3 + ch] = (byte)(255 - img[(r * w + c) * 3 + ch]);

        [Parallel(Dimensions = 2)]
        public static void Pad(int i, int j, int w, ReadOnlySpan<float> src, Span<float> dst) => dst[(i + 1) * (w + 2) + j + 1] = src[i * w + j];
        """);

    [Fact]
    public Task A_sum_of_two_indices_is_no_layout() => Verify("""
        [Parallel(Dimensions = 2)]
        public static void AntiDiagonal(int i, int j, Span<int> y) => {|DP1001:y[i + j]|} = 1;
        """);

    [Fact]
    public async Task The_message_names_two_conflicting_index_points()
    {
        var diagnostics = await AnalyzerVerifier<RaceArea>.GetDiagnosticsAsync(KernelSource.Wrap("""
            [Parallel]
            public static void Smear(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                for (int k = 0; k < 3; k++)
                    y[i + k] = x[i];
            }
            """));
        string message = Assert.Single(diagnostics, d => d.Id == "DP1001").GetMessage();
        Assert.Equal("Data race in kernel 'Smear': different indices write the same element through y[i + k] (i = 0 (k = 1) and i = 1 (k = 0) both write y[1])", message);
    }

    [Fact]
    public async Task The_diagnostic_is_a_warning_with_a_help_link()
    {
        var diagnostics = await AnalyzerVerifier<RaceArea>.GetDiagnosticsAsync(KernelSource.Wrap("""
            [Parallel]
            public static void Last(int i, ReadOnlySpan<float> x, Span<float> y) => y[0] = x[i];
            """));
        var diagnostic = diagnostics.Single();
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.EndsWith("docs/diagnostics/DP1001.md", diagnostic.Descriptor.HelpLinkUri);
        Assert.Equal("DataParallel.Races", diagnostic.Descriptor.Category);
    }
}

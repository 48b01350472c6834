using System.Linq;
using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DataParallel.Analyzers.Tests.Lowering;

/// <summary>
/// Span locals in the kernel language: aliases, slices and ranges declared as locals or used in place, and span locals
/// assigned again outside loops, vectorise; the forms the IR cannot follow (a span local assigned again inside a loop,
/// a slice whose start depends on data) run as written, with DP3001 on the construct and its reason — never DP3002, since they are valid kernels.
/// </summary>
public sealed class SpanLocalTests
{
        private static Task Verify(string members) => AnalyzerVerifier<ShapeArea>.VerifyKernelsAsync(members);

    [Fact]
    public Task Slices_ranges_and_aliases_get_no_diagnostic() => Verify("""
        [Parallel(Dimensions = 2)]
        public static void RowScale(int r, int c, int n, ReadOnlySpan<float> a, Span<float> b)
        {
            ReadOnlySpan<float> row = a.Slice(r * n, n);
            var outRow = b[(r * n)..(r * n + n)];
            var alias = outRow;
            var inner = row[1..^1];
            alias[c] = row[c] * 2f + inner.Length + row[^1];
        }
        """);

    [Fact]
    public Task A_span_local_assigned_again_gets_no_diagnostic() => Verify("""
        [Parallel]
        public static void Pick(int i, bool second, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y)
        {
            ReadOnlySpan<float> source = x;
            float first = source[i];
            if (second)
                source = z;
            else
                source = source.Slice(0, z.Length);
            y[i] = first + source[i];
            source = source[1..];
            y[i] += source.Length;
        }
        """);

    [Fact]
    public Task A_span_local_assigned_again_inside_a_loop_runs_as_written() => Verify("""
        [Parallel]
        public static void Walk(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y)
        {
            ReadOnlySpan<float> source = x;
            float sum = 0f;
            for (int k = 0; k < 2; k++)
            {
                sum += source[i];
                {|DP3001:source = z|};
            }
            y[i] = sum;
        }
        """);

    [Fact]
    public Task A_slice_used_in_place_vectorises() => Verify("""
        [Parallel]
        public static void Tail(int i, ReadOnlySpan<float> x, Span<float> y)
            => y[i] = x.Slice(1)[i] + x[2..][i];
        """);

    [Fact]
    public Task A_slice_used_in_place_whose_start_depends_on_data_runs_as_written() => Verify("""
        [Parallel]
        public static void Window(int i, ReadOnlySpan<int> starts, ReadOnlySpan<float> x, Span<float> y)
            => y[i] = {|DP3001:x.Slice(starts[i], 2)|}[1];
        """);

    [Fact]
    public Task A_slice_whose_start_depends_on_data_runs_as_written() => Verify("""
        [Parallel]
        public static void Window(int i, ReadOnlySpan<int> starts, ReadOnlySpan<float> x, Span<float> y)
        {
            var window = {|DP3001:x.Slice(starts[i], 2)|};
            y[i] = window[0] + window[1];
        }
        """);

    [Fact]
    public async Task The_reason_names_the_span_local()
    {
        var diagnostics = await AnalyzerVerifier<ShapeArea>.GetDiagnosticsAsync(KernelSource.Wrap("""
            [Parallel]
            public static void Pick(int i, bool second, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y)
            {
                var source = x;
                for (int k = 0; k < 2; k++)
                {
                    if (second)
                        source = z;
                }
                y[i] = source[i];
            }
            """));
        Diagnostic blocked = Assert.Single(diagnostics, d => d.Id == "DP3001");
        Assert.Contains("span local 'source'", blocked.GetMessage(), System.StringComparison.Ordinal);
        Assert.Contains("assigned again inside a loop", blocked.GetMessage(), System.StringComparison.Ordinal);
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }
}

using System.Linq;
using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.Locality;

/// <summary>DP2006: accesses the same in every lane, walked by the innermost uniform loop with a stride other than ±1.</summary>
public sealed class InnerLoopStrideTests
{
    private static Task Verify(string members) => AnalyzerVerifier<LocalityArea>.VerifyKernelsAsync(members);

    /// <summary>
    /// The plain DP2006 case, marked: a float sum down a column, the inner loop walking the access n elements a step.
    /// Float accumulation, so the interchange the message suggests is not one the code fix may make.
    /// </summary>
    internal const string ColumnTotals = """
        [Parallel]
        public static void ColumnTotals(int i, int n, int m, ReadOnlySpan<float> a, Span<float> y)
        {
            float s = 0f;
            for (int q = 0; q < n; q++)
                for (int p = 0; p < m; p++)
                    s += {|DP2006:a[p * n + q]|};
            y[i] = s * i;
        }
        """;

    [Fact]
    public Task Symbolic_stride_of_the_inner_loop() => Verify(ColumnTotals);

    [Fact]
    public Task Constant_stride_of_the_inner_loop() => Verify("""
        [Parallel]
        public static void EvenSum(int i, int n, ReadOnlySpan<float> x, Span<float> y)
        {
            float s = 0f;
            for (int p = 0; p < n; p++)
                s += {|DP2006:x[3 * p]|};
            y[i] = s + i;
        }
        """);

    [Fact]
    public Task Row_index_of_a_two_dimensional_kernel_is_the_same_in_every_lane() => Verify("""
        [Parallel(Dimensions = 2)]
        public static void Strided(int row, int col, int n, ReadOnlySpan<float> a, Span<float> c)
        {
            float s = 0f;
            for (int p = 0; p < n; p++)
                s += {|DP2006:a[p * n + row]|};
            c[row * n + col] = s;
        }
        """);

    [Fact]
    public Task Lanes_that_give_unit_stride_tiny_loops_unit_loops_and_varying_loops_are_silent() => Verify("""
        [Parallel(Dimensions = 2)]
        public static void MatMul(int row, int col, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
        {
            float sum = 0;
            for (int p = 0; p < k; p++)
                sum += a[row * k + p] * b[p * n + col];
            c[row * n + col] = sum;
        }

        [Parallel(Dimensions = 2)]
        public static void Blur(int y, int x, int w, ReadOnlySpan<float> src, Span<float> dst)
        {
            float s = 0f;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                    s += src[(y + 1 + dy) * w + x + 1 + dx] * src[dy * w + dx + w + 1];
            dst[y * w + x] = s;
        }

        [Parallel]
        public static void Rows(int i, int n, ReadOnlySpan<float> a, Span<float> y)
        {
            float s = 0f;
            for (int p = 0; p < n; p++)
                for (int q = 0; q < n; q++)
                    s += a[p * n + q];
            y[i] = s + i;
        }

        [Parallel]
        public static void Ragged(int i, int n, ReadOnlySpan<float> a, Span<float> y)
        {
            float s = 0f;
            for (int p = 0; p < i; p++)
                s += a[p * n];
            y[i] = s;
        }
        """);

    [Fact]
    public async Task The_message_names_the_access_the_loop_variable_the_stride_and_the_interchange()
    {
        var diagnostics = await AnalyzerVerifier<LocalityArea>.GetDiagnosticsAsync(KernelSource.Wrap(TestMarkup.Parse(ColumnTotals).Source));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("DP2006", diagnostic.Id);
        Assert.Equal("In kernel 'ColumnTotals', a[p * n + q] is the same for every lane, and the inner loop over 'p' moves it n elements per iteration: each iteration touches a new cache line; interchanging loops 'q' and 'p' would walk it contiguously", diagnostic.GetMessage());
        Assert.Equal("q", diagnostic.Properties[LocalityAnalyzer.InterchangePartnerProperty]);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Info, diagnostic.Severity);
    }
}

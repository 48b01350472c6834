using System.Linq;
using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.Locality;

/// <summary>DP2001–DP2005: memory locality across the fastest index (the last index parameter).</summary>
public sealed class LocalityTests
{
    private static Task Verify(string members) => AnalyzerVerifier<LocalityArea>.VerifyKernelsAsync(members);

    [Fact]
    public Task Constant_stride() => Verify("""
        [Parallel]
        public static void Even(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = {|DP2001:x[2 * i]|};
        """);

    [Fact]
    public Task Uniform_stride() => Verify("""
        [Parallel]
        public static void Downsample(int i, int k, ReadOnlySpan<float> x, Span<float> y) => y[i] = {|DP2001:x[i * k]|};
        """);

    [Fact]
    public Task Every_access_walks_columns() => Verify("""
        [Parallel(Dimensions = 2)]
        public static void Scale(int row, int col, int n, ReadOnlySpan<float> a, Span<float> b) => {|DP2002:b[col * n + row]|} = 2f * {|DP2002:a[col * n + row]|};
        """);

    [Fact]
    public Task One_access_of_a_transpose_walks_columns() => Verify("""
        [Parallel(Dimensions = 2)]
        public static void Transpose(int i, int j, int n, int m, ReadOnlySpan<float> a, Span<float> b) => {|DP2005:b[j * m + i]|} = a[i * n + j];
        """);

    [Fact]
    public Task Gather() => Verify("""
        [Parallel]
        public static void Gather(int i, ReadOnlySpan<int> idx, ReadOnlySpan<float> x, Span<float> y) => y[i] = {|DP2003:x[idx[i]]|};
        """);

    [Fact]
    public Task Lanes_that_walk_rows() => Verify("""
        [Parallel]
        public static void RowSums(int i, int n, ReadOnlySpan<float> a, Span<float> sums)
        {
            float s = 0f;
            for (int j = 0; j < n; j++)
                s += {|DP2004:a[i * n + j]|};
            sums[i] = s;
        }
        """);

    [Fact]
    public Task Contiguous_broadcast_and_reversed_accesses_are_silent() => Verify("""
        [Parallel(Dimensions = 2)]
        public static void MatMul(int row, int col, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
        {
            float sum = 0;
            for (int p = 0; p < k; p++)
                sum += a[row * k + p] * b[p * n + col];
            c[row * n + col] = sum;
        }

        [Parallel]
        public static void Reverse(int i, int n, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[n - 1 - i];

        [Parallel]
        public static void Stencil(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i - 1] + x[i + 1];

        [Parallel]
        public static void Upsample(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i / 2];

        [Parallel]
        public static void Broadcast(int i, int k, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[k] * x[i];
        """);

    [Fact]
    public async Task The_column_walk_message_says_which_index_to_make_last()
    {
        var diagnostics = await AnalyzerVerifier<LocalityArea>.GetDiagnosticsAsync(KernelSource.Wrap("""
            [Parallel(Dimensions = 2)]
            public static void Scale(int row, int col, int n, Span<float> b) => b[col * n + row] *= 2f;
            """));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("In kernel 'Scale', b[col * n + row] walks a column: 'col' varies fastest but moves n elements, while 'row' moves one; swap the two indices so that 'row' is the last", diagnostic.GetMessage());
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, diagnostic.Severity);
    }
}

using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.Locality;

/// <summary>Locality through span locals: the stride across the lanes is that of offset + position in the parameter.</summary>
public sealed class SliceLocalityTests
{
    private static Task Verify(string members) => AnalyzerVerifier<LocalityArea>.VerifyKernelsAsync(members);

    [Fact]
    public Task Contiguous_rows_through_slices_are_silent() => Verify("""
        [Parallel(Dimensions = 2)]
        public static void RowScale(int r, int c, int n, ReadOnlySpan<float> a, Span<float> b)
        {
            var row = a.Slice(r * n, n);
            var outRow = b.Slice(r * n, n);
            outRow[c] = row[c] * 2f;
        }
        """);

    [Fact]
    public Task A_slice_per_lane_read_at_a_fixed_position_is_strided() => Verify("""
        [Parallel]
        public static void Firsts(int i, int k, ReadOnlySpan<float> x, Span<float> y)
        {
            var block = x.Slice(i * k, k);
            y[i] = {|DP2001:block[0]|};
        }
        """);

    [Fact]
    public Task A_column_walk_through_an_alias() => Verify("""
        [Parallel(Dimensions = 2)]
        public static void Scale(int row, int col, int n, ReadOnlySpan<float> a, Span<float> b)
        {
            ReadOnlySpan<float> source = a;
            Span<float> target = b;
            {|DP2002:target[col * n + row]|} = 2f * {|DP2002:source[col * n + row]|};
        }
        """);

    [Fact]
    public Task A_gather_through_a_slice() => Verify("""
        [Parallel]
        public static void Gather(int i, ReadOnlySpan<int> idx, ReadOnlySpan<float> x, Span<float> y)
        {
            var tail = x.Slice(1);
            y[i] = {|DP2003:tail[idx[i]]|};
        }
        """);
}

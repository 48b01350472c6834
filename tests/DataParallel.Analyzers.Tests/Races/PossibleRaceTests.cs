using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.Races;

/// <summary>DP1002: a subscript computed from data may send two indices to one element; only the data can tell.</summary>
public sealed class PossibleRaceTests
{
    private static Task Verify(string members) => AnalyzerVerifier<RaceArea>.VerifyKernelsAsync(members);

    [Fact]
    public Task Scatter_through_an_index_array() => Verify("""
        [Parallel]
        public static void Scatter(int i, ReadOnlySpan<int> idx, ReadOnlySpan<float> x, Span<float> y) => {|DP1002:y[idx[i]]|} = x[i];
        """);

    [Fact]
    public Task Histogram_increment() => Verify("""
        [Parallel]
        public static void Histogram(int i, ReadOnlySpan<byte> pixels, Span<int> bins) => {|DP1002:bins[pixels[i]]|}++;
        """);

    [Fact]
    public Task Gathered_read_of_a_span_that_is_written() => Verify("""
        [Parallel]
        public static void Permute(int i, ReadOnlySpan<int> idx, Span<float> a) => a[i] = {|DP1002:a[idx[i]]|};
        """);

    [Fact]
    public Task Gathers_from_spans_nobody_writes_are_silent() => Verify("""
        [Parallel]
        public static void Gather(int i, ReadOnlySpan<int> idx, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[idx[i]];

        [Parallel]
        public static void Lookup(int i, ReadOnlySpan<byte> pixels, ReadOnlySpan<float> table, Span<float> y) => y[i] = table[pixels[i]];
        """);

    [Fact]
    public async Task The_possible_race_is_information_not_a_warning()
    {
        var diagnostics = await AnalyzerVerifier<RaceArea>.GetDiagnosticsAsync(KernelSource.Wrap("""
            [Parallel]
            public static void Scatter(int i, ReadOnlySpan<int> idx, ReadOnlySpan<float> x, Span<float> y) => y[idx[i]] = x[i];
            """));
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Info, Assert.Single(diagnostics).Severity);
    }
}

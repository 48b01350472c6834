using System.Linq;
using DataParallel.Analyzers.Tests.Harness;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Syntax;
using Xunit;

namespace DataParallel.Analyzers.Tests.Races;

/// <summary>
/// Where race freedom hinges on the call, the analysis records a <see cref="RuntimeRequirement"/> for the entry point
/// to check instead of reporting (DESIGN §5); where a loop bound proves the fact, it records nothing.
/// </summary>
public sealed class RuntimeRequirementTests
{
    private static RaceAnalysis Analyze(string members)
    {
        CompiledKernel kernel = CompiledKernel.From(members);
        AccessAnalysisInput input = AccessAnalysisSource.Create(kernel.Method, kernel.Build, kernel.Body)!;
        return RaceDetector.Analyze(AccessCollector.Collect(input));
    }

    [Fact]
    public void A_flattened_row_must_fit_in_its_stride()
    {
        RaceAnalysis analysis = Analyze("""
            [Parallel(Dimensions = 2)]
            public static void Scale(int i, int j, int n, Span<float> a) => a[i * n + j] = 2f * a[i * n + j];
            """);
        Assert.Empty(analysis.Findings);
        RuntimeRequirement requirement = Assert.Single(analysis.Requirements);
        Assert.Equal("a", requirement.Span);
        Assert.Equal("end(j) <= n", requirement.Description);
        Assert.Contains(KernelWalker.Expressions(requirement.Condition), e => e is DomainEndExpression { Dimension: 1 });
    }

    [Fact]
    public void A_remainder_store_must_have_a_domain_that_fits_in_its_divisor()
    {
        RaceAnalysis analysis = Analyze("""
            [Parallel]
            public static void Wrap(int i, int n, ReadOnlySpan<float> b, Span<float> a) => a[i % n] = b[i];
            """);
        Assert.Empty(analysis.Findings);
        RuntimeRequirement requirement = Assert.Single(analysis.Requirements);
        Assert.Equal("a", requirement.Span);
        Assert.Equal("extent(i) <= n", requirement.Description);
        Assert.Contains(KernelWalker.Expressions(requirement.Condition), e => e is DomainExtentExpression { Dimension: 0 });
    }

    [Theory]
    [InlineData("public static void Fold(int i, ReadOnlySpan<float> x, Span<float> y) => y[i % 4] = x[i];")]
    [InlineData("public static void Halves(int i, int n, ReadOnlySpan<float> x, Span<float> y) => y[(2 * i) % n] = x[i];")]
    [InlineData("public static void Guarded(int i, int n, ReadOnlySpan<float> x, Span<float> y) { if (i < n) y[i % n] = x[i]; }")]
    public void Remainders_the_check_does_not_cover_record_no_requirement(string kernel)
    {
        RaceAnalysis analysis = Analyze("[Parallel]\n" + kernel);
        Assert.DoesNotContain(analysis.Requirements, r => r.Description.StartsWith("extent(i) <=", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_loop_bounded_by_the_stride_needs_no_check()
    {
        RaceAnalysis analysis = Analyze("""
            [Parallel]
            public static void RowCopy(int i, int n, ReadOnlySpan<float> x, Span<float> y)
            {
                for (int j = 0; j < n; j++)
                    y[i * n + j] = x[i * n + j];
            }
            """);
        Assert.Empty(analysis.Findings);
        Assert.Empty(analysis.Requirements);
    }

    [Fact]
    public void A_loop_bounded_by_another_uniform_needs_that_uniform_to_fit()
    {
        RaceAnalysis analysis = Analyze("""
            [Parallel]
            public static void Block(int i, int n, int m, ReadOnlySpan<float> x, Span<float> y)
            {
                for (int j = 0; j < m; j++)
                    y[i * n + j] = x[j];
            }
            """);
        Assert.Empty(analysis.Findings);
        Assert.Equal("m <= n", Assert.Single(analysis.Requirements).Description);
    }

    [Fact]
    public void A_symbolic_distance_must_exceed_the_domain()
    {
        RaceAnalysis analysis = Analyze("""
            [Parallel]
            public static void TreeStep(int i, int half, Span<float> data) => data[i] += data[i + half];
            """);
        Assert.Empty(analysis.Findings);
        Assert.All(analysis.Requirements, r => Assert.Equal("half == 0 || |half| >= extent(i)", r.Description));
    }

    [Fact]
    public void Three_dimensional_rows_need_both_strides()
    {
        RaceAnalysis analysis = Analyze("""
            [Parallel(Dimensions = 3)]
            public static void Clear(int i, int j, int k, int n, int m, Span<float> v) => v[(i * n + j) * m + k] = 0f;
            """);
        Assert.Empty(analysis.Findings);
        Assert.Equal("end(k) <= m && end(j) <= n", Assert.Single(analysis.Requirements).Description);
    }

    [Fact]
    public void A_constant_radix_layout_needs_its_channel_index_to_fit()
    {
        RaceAnalysis analysis = Analyze("""
            [Parallel(Dimensions = 2)]
            public static void Rgba(int i, int c, Span<byte> px) => px[i * 4 + c] = 255;
            """);
        Assert.Empty(analysis.Findings);
        Assert.Equal("end(c) <= 4", Assert.Single(analysis.Requirements).Description);
    }

    [Fact]
    public void A_padded_row_needs_the_row_index_to_fit_the_padded_width()
    {
        RaceAnalysis analysis = Analyze("""
            [Parallel(Dimensions = 2)]
            public static void Pad(int i, int j, int w, ReadOnlySpan<float> src, Span<float> dst) => dst[(i + 1) * (w + 2) + j + 1] = src[i * w + j];
            """);
        Assert.Empty(analysis.Findings);
        Assert.Equal("end(j) <= w + 2", Assert.Single(analysis.Requirements).Description);
    }

    [Fact]
    public void A_loop_counted_from_the_index_row_is_proven_race_free()
    {
        RaceAnalysis analysis = Analyze("""
            [Parallel]
            public static void Row(int i, int n, ReadOnlySpan<float> x, Span<float> y)
            {
                for (int k = i * n; k < (i + 1) * n; k++)
                    y[k] = x[k] * 2f;
            }
            """);
        Assert.Empty(analysis.Findings);
        Assert.Empty(analysis.Requirements);
    }

    [Fact]
    public void A_loop_one_past_the_row_races_where_the_loop_reaches_the_stride()
    {
        RaceAnalysis analysis = Analyze("""
            [Parallel]
            public static void Row(int i, int n, ReadOnlySpan<float> x, Span<float> y)
            {
                for (int k = i * n; k <= (i + 1) * n; k++)
                    y[k] = x[k] * 2f;
            }
            """);
        RaceFinding finding = Assert.Single(analysis.Findings);
        Assert.Equal(RaceKind.WriteWrite, finding.Kind);
        Assert.Equal("y[n]", finding.Witness!.Element);
    }
}

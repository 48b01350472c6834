using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.Messages;

/// <summary>
/// Message arguments and additional locations of representative diagnostics of each area, compared by the
/// library: <c>{|#n:…|}</c> marks location n, the first of a diagnostic being where it is reported, the others its
/// additional locations in order (a race's second access).
/// </summary>
public sealed class MessageAndLocationTests
{
    [Fact]
    public Task DP0001_names_the_kernel() => AnalyzerVerifier<ShapeArea>.VerifyDiagnosticsAsync("""
        using System;
        using DataParallel;

        public partial class Kernels
        {
            [Parallel]
            public void {|#0:Scale|}(int i, Span<float> y) => y[i] = 1f;
        }
        """,
        AnalyzerVerifier<ShapeArea>.Diagnostic("DP0001").WithLocation(0).WithArguments("Scale"));

    [Fact]
    public Task DP1001_points_at_both_conflicting_writes() => AnalyzerVerifier<RaceArea>.VerifyDiagnosticsAsync(KernelSource.Wrap("""
            [Parallel]
            public static void Pairs(int i, Span<float> y)
            {
                {|#1:y[i]|} = 1f;
                {|#0:y[i + 1]|} = 2f;
            }
        """),
        // Reported on the later write, with the earlier one as the additional location.
        AnalyzerVerifier<RaceArea>.Diagnostic("DP1001").WithLocation(0).WithLocation(1)
            .WithArguments("Pairs", "y[i + 1] and y[i]", "i = 1 and i = 0 both write y[1]"));

    [Fact]
    public Task DP1003_points_at_the_read_then_the_write() => AnalyzerVerifier<RaceArea>.VerifyDiagnosticsAsync(KernelSource.Wrap("""
            [Parallel]
            public static void Reverse(int i, int n, Span<float> y) => {|#1:y[i]|} = {|#0:y[n - 1 - i]|};
        """),
        AnalyzerVerifier<RaceArea>.Diagnostic("DP1003").WithLocation(0).WithLocation(1)
            .WithArguments("Reverse", "y[n - 1 - i]", "y[i]", "i = n - 1 reads y[0] while i = 0 writes it"));

    [Fact]
    public Task DP2001_gives_the_stride_and_the_fastest_index() => AnalyzerVerifier<LocalityArea>.VerifyDiagnosticsAsync(KernelSource.Wrap("""
            [Parallel]
            public static void Even(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = {|#0:x[2 * i]|};
        """),
        AnalyzerVerifier<LocalityArea>.Diagnostic("DP2001").WithLocation(0).WithArguments("Even", "x[2 * i]", "2", "i"));

    [Fact]
    public Task DP3001_gives_the_reason_the_kernel_stays_scalar() => AnalyzerVerifier<ShapeArea>.VerifyDiagnosticsAsync(KernelSource.Wrap("""
            [Parallel]
            public static void Halve(int i, ReadOnlySpan<Half> x, Span<Half> y) => {|#0:y[i] = x[i]|};
        """),
        AnalyzerVerifier<ShapeArea>.Diagnostic("DP3001").WithLocation(0).WithArguments("Halve", "y[i] has type Half, which has no vector lanes yet", "it runs correctly on all cores, one element at a time"));

    [Fact]
    public Task DP3001_says_a_kernel_with_span_accesses_the_race_analysis_cannot_see_runs_in_order() => AnalyzerVerifier<ShapeArea>.VerifyDiagnosticsAsync(KernelSource.Wrap("""
            [Parallel]
            public static void BumpAll(int i, Span<int> y)
            {
                {|#0:foreach (ref int v in y)
                    v += 1;|}
            }
        """),
        AnalyzerVerifier<ShapeArea>.Diagnostic("DP3001").WithLocation(0).WithArguments("BumpAll", "it uses a foreach loop, which the SIMD lowering does not handle yet",
            "the race analysis cannot see every span access in it, so it runs in order, on one thread, one element at a time"));
}

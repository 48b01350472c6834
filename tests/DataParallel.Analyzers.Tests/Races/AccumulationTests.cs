using System.Linq;
using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.Races;

/// <summary>DP1005: every index updates one shared location — a reduction written as a race.</summary>
public sealed class AccumulationTests
{
    private static Task Verify(string members) => AnalyzerVerifier<RaceArea>.VerifyKernelsAsync(members);

    [Fact]
    public Task Static_sum() => Verify("""
        static double Total;

        [Parallel]
        public static void Sum(int i, ReadOnlySpan<double> x) => {|DP1005:Total|} += x[i];
        """);

    [Fact]
    public Task Static_counter() => Verify("""
        static int Positives;

        [Parallel]
        public static void Count(int i, ReadOnlySpan<float> x)
        {
            if (x[i] > 0f)
                {|DP1005:Positives|}++;
        }
        """);

    [Fact]
    public Task Static_maximum() => Verify("""
        static float Highest;

        [Parallel]
        public static void Max(int i, ReadOnlySpan<float> x) => {|DP1005:Highest|} = Math.Max(Highest, x[i]);
        """);

    [Fact]
    public Task Ref_parameter_sum() => Verify("""
        [Parallel]
        public static void Sum(int i, ref float acc, ReadOnlySpan<float> x) => {|DP1005:acc|} += x[i];
        """);

    [Fact]
    public Task Fixed_element_sum() => Verify("""
        [Parallel]
        public static void Sum(int i, ReadOnlySpan<float> x, Span<float> y) => {|DP1005:y[0]|} += x[i];
        """);

    [Fact]
    public Task Spelled_out_update() => Verify("""
        static long Sum0;

        [Parallel]
        public static void Sum(int i) => {|DP1005:Sum0|} = Sum0 + i;
        """);

    [Fact]
    public Task Reduce_kernels_are_silent() => Verify("""
        [Parallel(Reduce = Reduction.Sum)]
        public static float Dot(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> y) => x[i] * y[i];

        [Parallel(Reduce = Reduction.Max)]
        public static int Highest(int i, ReadOnlySpan<int> x) => x[i];
        """);

    [Fact]
    public async Task The_diagnostic_names_the_reduction_for_the_code_fix()
    {
        var diagnostics = await AnalyzerVerifier<RaceArea>.GetDiagnosticsAsync(KernelSource.Wrap("""
            static float Highest;

            [Parallel]
            public static void Max(int i, ReadOnlySpan<float> x) => Highest = Math.Max(Highest, x[i]);
            """));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("Max", diagnostic.Properties[RaceAnalyzer.ReductionProperty]);
        Assert.Contains("[Parallel(Reduce = Reduction.Max)]", diagnostic.GetMessage());
    }
}

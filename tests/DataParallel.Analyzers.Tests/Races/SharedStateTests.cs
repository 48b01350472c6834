using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.Races;

/// <summary>DP1004: every index writes shared state (a static field, a ref parameter, an element used as scratch).</summary>
public sealed class SharedStateTests
{
    private static Task Verify(string members) => AnalyzerVerifier<RaceArea>.VerifyKernelsAsync(members);

    [Fact]
    public Task Static_field_written_by_every_index() => Verify("""
        static float Last;

        [Parallel]
        public static void Remember(int i, ReadOnlySpan<float> x) => {|DP1004:Last|} = x[i];
        """);

    [Fact]
    public Task Ref_parameter_written_by_every_index() => Verify("""
        [Parallel]
        public static void Remember(int i, ref int last, ReadOnlySpan<int> x) => {|DP1004:last|} = x[i];
        """);

    [Fact]
    public Task Element_used_as_scratch() => Verify("""
        [Parallel]
        public static void Twice(int i, ReadOnlySpan<float> x, Span<float> tmp, Span<float> y)
        {
            {|DP1004:tmp[0]|} = x[i] * 2f;
            y[i] = tmp[0] + 1f;
        }
        """);

    [Fact]
    public Task Shared_variable_written_after_it_was_read() => Verify("""
        static int Previous;

        [Parallel]
        public static void OutputDependence(int i, Span<int> a)
        {
            a[i] = Previous;
            {|DP1004:Previous|} = i;
        }
        """);

    [Fact]
    public Task Reading_statics_and_guarded_single_writers_are_silent() => Verify("""
        static float Scale = 2f;
        static float First;

        [Parallel]
        public static void Scaled(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i] * Scale;

        [Parallel]
        public static void RememberFirst(int i, ReadOnlySpan<float> x)
        {
            if (i == 0)
                First = x[0];
        }
        """);
}

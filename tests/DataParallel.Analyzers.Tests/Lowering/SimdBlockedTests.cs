using System.Linq;
using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DataParallel.Analyzers.Tests.Lowering;

/// <summary>
/// DP3001: a valid kernel the SIMD lowering cannot vectorise still runs (multi-core scalar), and an info diagnostic
/// on the construct that blocked SIMD says why (DESIGN §3).
/// </summary>
public sealed class SimdBlockedTests
{
    [Fact]
    public Task A_switch_expression_without_a_catch_all_arm_is_reported_on_the_switch() => AnalyzerVerifier<ShapeArea>.VerifyKernelsAsync("""
        [Parallel]
        public static void Classify(int i, ReadOnlySpan<int> x, Span<int> y)
            => y[i] = {|DP3001:(x[i] & 1) switch { 0 => 10, int other => other }|};
        """);

    [Fact]
    public Task A_switch_section_left_by_an_early_break_is_reported_on_the_break() => AnalyzerVerifier<ShapeArea>.VerifyKernelsAsync("""
        [Parallel]
        public static void Classify(int i, ReadOnlySpan<int> x, Span<int> y)
        {
            switch (x[i])
            {
                case 0:
                    if (y[i] > 0)
                        {|DP3001:break;|}
                    y[i] = 10;
                    break;
                default:
                    y[i] = 0;
                    break;
            }
        }
        """);

    [Fact]
    public Task A_switch_with_constant_and_relational_cases_gets_no_DP3001() => AnalyzerVerifier<ShapeArea>.VerifyKernelsAsync("""
        [Parallel]
        public static void Classify(int i, ReadOnlySpan<int> x, Span<int> y)
        {
            switch (x[i])
            {
                case 0: y[i] = 10; break;
                case 1 or 2: y[i] = 20; break;
                case > 100: y[i] = x[i] switch { < 200 => 1, _ => 2 }; break;
                default: y[i] = 0; break;
            }
        }
        """);

    [Fact]
    public Task A_local_function_that_captures_is_reported_on_the_call_and_ones_that_do_not_vectorise_without_race_reports() => AnalyzerVerifier<ShapeArea>.VerifyKernelsAsync("""
        [Parallel]
        public static void Scale(int i, float scale, ReadOnlySpan<float> x, Span<float> y)
        {
            y[i] = {|DP3001:Scaled(x[i])|};
            float Scaled(float v) => v * scale;
        }

        [Parallel]
        public static void Twice(int i, ReadOnlySpan<float> x, Span<float> y)
        {
            Put(y, i, Doubled(x[i]));
            float Doubled(float v) => v * 2f;
            static void Put(Span<float> to, int at, float v) => to[at] = v;
        }
        """);

    [Fact]
    public Task Helpers_with_control_flow_under_conditions_and_in_loop_conditions_get_no_DP3001() => AnalyzerVerifier<ShapeArea>.VerifyKernelsAsync("""
        private static float Soft(float v)
        {
            if (v > 1f)
                return 1f;
            return v;
        }

        [Parallel]
        public static void Clip(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i] > 0f ? Soft(x[i]) : 0f;

        [Parallel]
        public static void Either(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i] < 0f || Soft(x[i]) < 0.5f ? 1f : 0f;

        [Parallel]
        public static void Halve(int i, ReadOnlySpan<float> x, Span<float> y)
        {
            float v = x[i];
            while (Soft(v) > 0.25f)
                v *= 0.5f;
            y[i] = v;
        }
        """);

    [Fact]
    public Task A_recursive_helper_is_reported_on_the_recursive_call() => AnalyzerVerifier<ShapeArea>.VerifyKernelsAsync("""
        private static int Fact(int n) => n <= 1 ? 1 : n * {|DP3001:Fact(n - 1)|};

        [Parallel]
        public static void Factorials(int i, ReadOnlySpan<int> x, Span<int> y) => y[i] = x[i] > 0 ? Fact(x[i]) : 0;
        """);

    [Fact]
    public Task Math_calls_with_exact_vector_forms_get_no_DP3001() => AnalyzerVerifier<ShapeArea>.VerifyKernelsAsync("""
        [Parallel]
        public static void Mixed(int i, float lo, float hi, ReadOnlySpan<float> x, ReadOnlySpan<int> n, Span<float> y)
            => y[i] = Math.Clamp(x[i], lo, hi) + MathF.Round(x[i], MidpointRounding.AwayFromZero) + Math.Sign(x[i]) + Math.Abs(n[i])
                + MathF.MaxMagnitude(x[i], hi) + (float.IsNaN(x[i]) ? 1f : 0f) + (i > 0 ? x[i - 1] : 0f);

        [Parallel]
        public static void VaryingBounds(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = {|DP3001:Math.Clamp(x[i], 0f, x[i] * 2f)|};
        """);

    [Fact]
    public Task A_foreach_loop_over_converted_elements_is_reported_on_the_loop() => AnalyzerVerifier<ShapeArea>.VerifyKernelsAsync("""
        [Parallel]
        public static void CountBelow(int i, ReadOnlySpan<float> x, Span<int> y)
        {
            int count = 0;
            {|DP3001:foreach (double v in x)
                if (v < x[i])
                    count++;|}
            y[i] = count;
        }
        """);

    [Fact]
    public Task A_foreach_loop_over_a_span_vectorises() => AnalyzerVerifier<ShapeArea>.VerifyKernelsAsync("""
        [Parallel]
        public static void CountBelow(int i, ReadOnlySpan<float> x, Span<int> y)
        {
            int count = 0;
            foreach (float v in x)
                if (v < x[i])
                    count++;
            y[i] = count;
        }
        """);

    [Fact]
    public Task A_vectorisable_kernel_gets_no_DP3001() => AnalyzerVerifier<ShapeArea>.VerifyKernelsAsync("""
        [Parallel]
        public static void Saxpy(int i, float a, ReadOnlySpan<float> x, Span<float> y) => y[i] = a * x[i] + y[i];
        """);

    [Fact]
    public Task A_per_lane_if_becomes_a_mask_and_gets_no_DP3001() => AnalyzerVerifier<ShapeArea>.VerifyKernelsAsync("""
        // DESIGN §3: if/else, ?: and early return become masks and blends.
        [Parallel]
        public static void Clamp(int i, float lo, float hi, ReadOnlySpan<float> x, Span<float> y)
        {
            float v = x[i];
            if (v < lo)
                v = lo;
            y[i] = v > hi ? hi : v;
        }
        """);

    [Fact]
    public async Task DP3001_is_info_and_names_the_kernel_and_the_reason()
    {
        var diagnostics = await AnalyzerVerifier<ShapeArea>.GetDiagnosticsAsync(KernelSource.Wrap("""
            [Parallel]
            public static void Classify(int i, ReadOnlySpan<int> x, Span<int> y)
            {
                switch (x[i]) { case 0: if (y[i] > 0) break; y[i] = 1; break; default: y[i] = 2; break; }
            }
            """));

        Diagnostic blocked = Assert.Single(diagnostics, d => d.Id == "DP3001");
        Assert.Equal(DiagnosticSeverity.Info, blocked.Severity);
        string message = blocked.GetMessage();
        Assert.Contains("'Classify'", message, System.StringComparison.Ordinal);
        Assert.Contains("switch", message, System.StringComparison.Ordinal);
        Assert.DoesNotContain(diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }
}

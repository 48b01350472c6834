using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.Lowering;

/// <summary>
/// DP3002: what DESIGN §2 excludes from the kernel language (allocation, strings, exceptions, virtual or instance
/// calls, lambdas, LINQ, recursion) is an error on exactly the offending syntax, reported while the user types.
/// </summary>
public sealed class UnsupportedConstructTests
{
    // Whether the rest of a rejected kernel would vectorise is beside the point here.
    private static Task VerifyAsync(string kernelBody) => AnalyzerVerifier<ShapeArea>.VerifyAnalyzerAsync($$"""
        using System;
        using System.Linq;
        using DataParallel;

        public static partial class Kernels
        {
        {{kernelBody}}
        }
        """, disabledDiagnostics: ["DP3001"]);

    [Fact]
    public Task An_allocation_is_reported_on_the_new_expression() => VerifyAsync("""
            [Parallel]
            public static void K(int i, Span<float> y)
            {
                object o = {|DP3002:new object()|};
                y[i] = 1f;
            }
        """);

    [Fact]
    public Task An_array_allocation_is_reported() => VerifyAsync("""
            [Parallel]
            public static void K(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                float[] copy = {|DP3002:new float[4]|};
                y[i] = x[i];
            }
        """);

    [Fact]
    public Task A_string_literal_is_reported() => VerifyAsync("""
            [Parallel]
            public static void K(int i, Span<float> y)
            {
                string s = {|DP3002:"abc"|};
                y[i] = 1f;
            }
        """);

    [Fact]
    public Task An_interpolated_string_is_reported() => VerifyAsync("""
            [Parallel]
            public static void K(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                string s = {|DP3002:$"{x[i]}"|};
                y[i] = x[i];
            }
        """);

    [Fact]
    public Task A_lambda_and_its_invocation_are_reported() => VerifyAsync("""
            [Parallel]
            public static void K(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                Func<float, float> twice = {|DP3002:v => v * 2|};
                y[i] = {|DP3002:twice(x[i])|};
            }
        """);

    [Fact]
    public Task A_local_function_is_in_the_language_and_inlined() => VerifyAsync("""
            [Parallel]
            public static void K(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                y[i] = Twice(x[i]) + Half(x[i]);
                static float Twice(float v) => v * 2;
                float Half(float v) => v / 2;
            }
        """);

    [Fact]
    public Task An_excluded_construct_inside_a_local_function_is_reported() => VerifyAsync("""
            [Parallel]
            public static void K(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                y[i] = Checked(x[i]);
                static float Checked(float v)
                {
                    if (float.IsNaN(v))
                        {|DP3002:throw new ArgumentException("NaN");|}
                    return v;
                }
            }
        """);

    [Fact]
    public Task A_try_statement_is_reported() => VerifyAsync("""
            [Parallel]
            public static void K(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                {|DP3002:try
                {
                    y[i] = x[i];
                }
                catch (Exception)
                {
                    y[i] = 0;
                }|}
            }
        """);

    [Fact]
    public Task A_throw_is_reported() => VerifyAsync("""
            [Parallel]
            public static void K(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                if (x[i] < 0)
                    {|DP3002:throw new ArgumentException("negative");|}
                y[i] = x[i];
            }
        """);

    [Fact]
    public Task A_LINQ_query_is_reported() => VerifyAsync("""
            [Parallel]
            public static void K(int i, ReadOnlySpan<float> x, Span<float> y)
                => y[i] = Enumerable.First({|DP3002:from v in new[] { 1f, 2f } select v * 2|});
        """);

    [Fact]
    public Task Boxing_is_reported_as_an_allocation() => VerifyAsync("""
            [Parallel]
            public static void K(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                object boxed = {|DP3002:x[i]|};
                y[i] = x[i];
            }
        """);

    [Fact]
    public Task An_instance_method_call_is_reported() => VerifyAsync("""
            [Parallel]
            public static void K(int i, ReadOnlySpan<float> x, Span<int> y)
                => y[i] = {|DP3002:x[i].CompareTo(0f)|};
        """);

    [Fact]
    public Task A_recursive_call_of_the_kernel_is_reported() => VerifyAsync("""
            [Parallel]
            public static void K(int i, Span<float> y)
            {
                if (i > 0)
                    {|DP3002:K(i - 1, y)|};
                y[i] = 1f;
            }
        """);

    [Fact]
    public Task The_kernel_language_itself_is_fine() => VerifyAsync("""
            [Parallel]
            public static void K(int i, int n, float a, ReadOnlySpan<float> x, Span<float> y)
            {
                float sum = 0;
                for (int k = 0; k < n; k++)
                    sum += MathF.Sqrt(MathF.Abs(x[i]) + k);
                int steps = 0;
                while (sum > 1f && steps < 10)
                {
                    sum *= 0.5f;
                    steps++;
                }
                if (sum < 0)
                    return;
                y[i] = Math.Max(a * sum, Helper(x[i])) + (float)(double)steps;
            }

            private static float Helper(float v) => v * v - 1f;
        """);
}

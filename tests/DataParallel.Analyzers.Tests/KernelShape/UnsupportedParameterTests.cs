using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.KernelShape;

/// <summary>DP0004: parameters after the indices are unmanaged scalar uniforms or spans of them, nothing else.</summary>
public sealed class UnsupportedParameterTests
{
    [Fact]
    public Task A_string_parameter_is_reported_on_the_parameter() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel]
        public static void Fill(int i, string {|DP0004:label|}, Span<float> y) => y[i] = label.Length;
        """);

    [Fact]
    public Task An_array_parameter_is_reported() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel]
        public static void Copy(int i, float[] {|DP0004:x|}, Span<float> y) => y[i] = x[i];
        """);

    [Fact]
    public Task Spans_of_non_scalars_and_spans_by_ref_are_reported() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel]
        public static void Copy(int i, ReadOnlySpan<object> {|DP0004:x|}, ref Span<float> {|DP0004:y|}) => y[i] = 1f;
        """);

    [Fact]
    public Task Out_parameters_and_decimal_are_reported() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel]
        public static void Fill(int i, decimal {|DP0004:d|}, out float {|DP0004:last|}, Span<float> y)
        {
            last = 0;
            y[i] = (float)d;
        }
        """);

    [Fact]
    public Task Every_supported_parameter_kind_is_fine() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel]
        public static void All(int i, float f, double d, int n, long l, uint u, ulong ul, short s, ushort us,
                               byte b, sbyte sb, bool flag, in float scale,
                               ReadOnlySpan<double> x, Span<int> y, Span<byte> z)
        {
            y[i] = flag ? n + s + us + b + sb : (int)(f * scale + d + l + u + ul + x[i]);
            z[i] = b;
        }
        """);
}

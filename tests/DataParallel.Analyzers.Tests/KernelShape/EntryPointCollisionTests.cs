using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.KernelShape;

/// <summary>
/// DP0006: an entry point that would duplicate a user-written member is a diagnostic on the kernel, never a CS0111
/// inside generated code (DESIGN §1).
/// </summary>
public sealed class EntryPointCollisionTests
{
    [Fact]
    public Task A_member_with_the_inferred_overloads_signature_is_reported_on_the_kernel() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel]
        public static void {|DP0006:Saxpy|}(int i, float a, ReadOnlySpan<float> x, Span<float> y) => y[i] = a * x[i] + y[i];

        public static void Saxpy(float a, ReadOnlySpan<float> x, Span<float> y) { }
        """);

    [Fact]
    public Task A_member_with_the_range_overloads_signature_is_reported() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel]
        public static void {|DP0006:Saxpy|}(int i, float a, ReadOnlySpan<float> x, Span<float> y) => y[i] = a * x[i] + y[i];

        public static void Saxpy(Range i, float a, ReadOnlySpan<float> x, Span<float> y) { }
        """);

    [Fact]
    public Task Overloads_with_other_signatures_are_fine() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel]
        public static void Saxpy(int i, float a, ReadOnlySpan<float> x, Span<float> y) => y[i] = a * x[i] + y[i];

        public static void Saxpy(double a, ReadOnlySpan<double> x, Span<double> y) { }

        public static void Saxpy(float a, float[] x, float[] y) { }
        """);
}

using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.KernelShape;

/// <summary>DP0005: a kernel that returns a value must say how the per-index values combine.</summary>
public sealed class MissingReduceTests
{
    [Fact]
    public Task A_value_returning_kernel_without_Reduce_is_reported_on_its_name() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel]
        public static float {|DP0005:Dot|}(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> y) => x[i] * y[i];
        """);

    [Fact]
    public Task Reduction_None_spelled_out_is_still_missing() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel(Reduce = Reduction.None)]
        public static int {|DP0005:Count|}(int i, ReadOnlySpan<int> x) => x[i];
        """);

    [Fact]
    public Task A_kernel_with_Reduce_is_fine() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel(Reduce = Reduction.Sum)]
        public static float Dot(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> y) => x[i] * y[i];

        [Parallel(Reduce = Reduction.Max)]
        public static int Peak(int i, ReadOnlySpan<int> x) => x[i];
        """);
}

using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.KernelShape;

/// <summary>DP0007: Dimensions is 1, 2 or 3, and the kernel has at least that many parameters to be the indices.</summary>
public sealed class InvalidDimensionsTests
{
    [Fact]
    public Task Four_dimensions_are_reported_on_the_kernel() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel(Dimensions = 4)]
        public static void {|DP0007:Fill|}(int a, int b, int c, int d, Span<float> y) => y[a + b + c + d] = 1f;
        """);

    [Fact]
    public Task Zero_dimensions_are_reported() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel(Dimensions = 0)]
        public static void {|DP0007:Fill|}(int i, Span<float> y) => y[i] = 1f;
        """);

    [Fact]
    public Task Fewer_parameters_than_dimensions_are_reported() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel(Dimensions = 2)]
        public static void {|DP0007:Nothing|}(int i) { }
        """);

    [Fact]
    public Task One_to_three_dimensions_are_fine() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel(Dimensions = 1)]
        public static void One(int i, Span<float> y) => y[i] = 1f;

        [Parallel(Dimensions = 2)]
        public static void Two(int r, int c, int n, Span<float> y) => y[r * n + c] = 1f;

        [Parallel(Dimensions = 3)]
        public static void Three(int z, int r, int c, int n, Span<float> y) => y[(z * n + r) * n + c] = 1f;
        """);
}

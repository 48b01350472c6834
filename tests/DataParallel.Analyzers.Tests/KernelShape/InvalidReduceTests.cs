using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.KernelShape;

/// <summary>DP0008: a Reduce must fit the kernel: a value to combine, numeric, and an integer for the bitwise ones.</summary>
public sealed class InvalidReduceTests
{
    [Fact]
    public Task Reduce_on_a_void_kernel_is_reported_on_its_name() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel(Reduce = Reduction.Sum)]
        public static void {|DP0008:Fill|}(int i, Span<float> y) => y[i] = 1f;
        """);

    [Fact]
    public Task A_bitwise_reduction_of_floats_is_reported() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel(Reduce = Reduction.And)]
        public static float {|DP0008:All|}(int i, ReadOnlySpan<float> x) => x[i];
        """);

    [Fact]
    public Task A_reduction_of_bools_is_reported() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel(Reduce = Reduction.Sum)]
        public static bool {|DP0008:Any|}(int i, ReadOnlySpan<float> x) => x[i] > 0;
        """);

    [Fact]
    public Task An_undefined_Reduction_is_reported() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel(Reduce = (Reduction)42)]
        public static int {|DP0008:Odd|}(int i, ReadOnlySpan<int> x) => x[i];
        """);

    [Fact]
    public Task Fitting_reductions_are_fine() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel(Reduce = Reduction.Xor)]
        public static int Parity(int i, ReadOnlySpan<int> x) => x[i];

        [Parallel(Reduce = Reduction.Min)]
        public static double Lowest(int i, ReadOnlySpan<double> x) => x[i];

        [Parallel(Reduce = Reduction.Product)]
        public static long Product(int i, ReadOnlySpan<long> x) => x[i];
        """);
}

using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.KernelShape;

/// <summary>DP0003: the first Dimensions parameters are the indices and must be plain int.</summary>
public sealed class IndexNotIntTests
{
    [Fact]
    public Task A_long_index_is_reported_on_the_parameter() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel]
        public static void Fill(long {|DP0003:i|}, Span<float> y) => y[(int)i] = 1f;
        """);

    [Fact]
    public Task A_ref_index_is_reported() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel]
        public static void Fill(ref int {|DP0003:i|}, Span<float> y) => y[i] = 1f;
        """);

    [Fact]
    public Task The_second_index_of_a_2D_kernel_must_be_int_too() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel(Dimensions = 2)]
        public static void Fill(int row, float {|DP0003:col|}, Span<float> y) => y[row] = col;
        """);

    [Fact]
    public Task A_span_where_the_third_index_belongs_is_reported() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel(Dimensions = 3)]
        public static void Fill(int z, int y, Span<float> {|DP0003:data|}) => data[z + y] = 1f;
        """);

    [Fact]
    public Task Int_indices_are_fine() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel]
        public static void Fill(int i, Span<float> y) => y[i] = 1f;

        [Parallel(Dimensions = 3)]
        public static void Volume(int z, int y, int x, int n, Span<float> data) => data[(z * n + y) * n + x] = 1f;
        """);
}

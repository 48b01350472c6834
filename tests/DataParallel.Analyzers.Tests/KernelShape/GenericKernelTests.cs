using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.KernelShape;

/// <summary>DP0009: the generator lowers concrete element types; kernels and their types cannot be generic.</summary>
public sealed class GenericKernelTests
{
    [Fact]
    public Task A_generic_kernel_is_reported_on_its_name() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel]
        public static void {|DP0009:Fill|}<T>(int i, Span<float> y) => y[i] = 1f;
        """);

    [Fact]
    public Task A_kernel_in_a_generic_type_is_reported_on_its_name() => KernelShapeVerifier.VerifyAsync("""
        using System;
        using DataParallel;

        public static partial class Box<T>
        {
            [Parallel]
            public static void {|DP0009:Fill|}(int i, Span<float> y) => y[i] = 1f;
        }
        """);

    [Fact]
    public Task A_generic_method_beside_a_kernel_is_fine() => KernelShapeVerifier.VerifyKernelsAsync("""
        [Parallel]
        public static void Fill(int i, Span<float> y) => y[i] = 1f;

        public static T Identity<T>(T value) => value;
        """);
}

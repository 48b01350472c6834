using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.KernelShape;

/// <summary>DP0002: the generator adds entry points to the kernel's type, so it and every enclosing type must be partial.</summary>
public sealed class TypeNotPartialTests
{
    [Fact]
    public Task A_non_partial_type_is_reported_on_its_name() => KernelShapeVerifier.VerifyAsync("""
        using System;
        using DataParallel;

        public static class {|DP0002:Kernels|}
        {
            [Parallel]
            public static void Scale(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = 2f * x[i];
        }
        """);

    [Fact]
    public Task A_non_partial_enclosing_type_is_reported_too() => KernelShapeVerifier.VerifyAsync("""
        using System;
        using DataParallel;

        public static class {|DP0002:Outer|}
        {
            public static partial class Inner
            {
                [Parallel]
                public static void Scale(int i, Span<float> y) => y[i] = 1f;
            }
        }
        """);

    [Fact]
    public Task Every_non_partial_type_of_the_nesting_is_reported() => KernelShapeVerifier.VerifyAsync("""
        using System;
        using DataParallel;

        public class {|DP0002:Outer|}
        {
            public static class {|DP0002:Inner|}
            {
                [Parallel]
                public static void Scale(int i, Span<float> y) => y[i] = 1f;
            }
        }
        """);

    [Fact]
    public Task Partial_types_all_the_way_out_are_fine() => KernelShapeVerifier.VerifyAsync("""
        using System;
        using DataParallel;

        namespace App;

        public partial class Outer
        {
            internal static partial class Inner
            {
                [Parallel]
                public static void Scale(int i, Span<float> y) => y[i] = 1f;
            }
        }
        """);

    [Fact]
    public Task A_type_split_over_partial_declarations_is_fine() => KernelShapeVerifier.VerifyAsync("""
        using System;
        using DataParallel;

        public static partial class Kernels
        {
            [Parallel]
            public static void Scale(int i, Span<float> y) => y[i] = 1f;
        }

        public static partial class Kernels
        {
        }
        """);
}

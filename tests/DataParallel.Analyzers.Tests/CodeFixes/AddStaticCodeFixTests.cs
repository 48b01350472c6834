using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using DataParallel.CodeFixes;
using Xunit;

namespace DataParallel.Analyzers.Tests.CodeFixes;

/// <summary>DP0001's fix adds <c>static</c> where the .NET style rules expect it, keeping the layout.</summary>
public sealed class AddStaticCodeFixTests
{
    [Fact]
    public Task Static_goes_after_the_accessibility() => CodeFixVerifier<ShapeArea, AddStaticCodeFix>.VerifyCodeFixAsync("""
        using System;
        using DataParallel;

        public partial class Kernels
        {
            [Parallel]
            public void {|DP0001:Scale|}(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = 2f * x[i];
        }
        """, """
        using System;
        using DataParallel;

        public partial class Kernels
        {
            [Parallel]
            public static void Scale(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = 2f * x[i];
        }
        """);

    [Fact]
    public Task Without_modifiers_static_takes_the_indentation() => CodeFixVerifier<ShapeArea, AddStaticCodeFix>.VerifyCodeFixAsync("""
        using System;
        using DataParallel;

        partial class Kernels
        {
            // The kernel.
            [Parallel]
            void {|DP0001:Scale|}(int i, Span<float> y) => y[i] = 1f;
        }
        """, """
        using System;
        using DataParallel;

        partial class Kernels
        {
            // The kernel.
            [Parallel]
            static void Scale(int i, Span<float> y) => y[i] = 1f;
        }
        """);

    [Fact]
    public Task Static_goes_before_other_modifiers_when_there_is_no_accessibility() => CodeFixVerifier<ShapeArea, AddStaticCodeFix>.VerifyCodeFixAsync("""
        using System;
        using DataParallel;

        public partial class Kernels
        {
            [Parallel]
            unsafe void {|DP0001:Scale|}(int i, Span<float> y) => y[i] = 1f;
        }
        """, """
        using System;
        using DataParallel;

        public partial class Kernels
        {
            [Parallel]
            static unsafe void Scale(int i, Span<float> y) => y[i] = 1f;
        }
        """);

    [Fact]
    public Task Every_instance_kernel_is_fixed() => CodeFixVerifier<ShapeArea, AddStaticCodeFix>.VerifyCodeFixAsync("""
        using System;
        using DataParallel;

        public partial class Kernels
        {
            [Parallel]
            internal void {|DP0001:One|}(int i, Span<float> y) => y[i] = 1f;

            [Parallel]
            private protected void {|DP0001:Two|}(int i, Span<float> y) => y[i] = 2f;
        }
        """, """
        using System;
        using DataParallel;

        public partial class Kernels
        {
            [Parallel]
            internal static void One(int i, Span<float> y) => y[i] = 1f;

            [Parallel]
            private protected static void Two(int i, Span<float> y) => y[i] = 2f;
        }
        """);
}

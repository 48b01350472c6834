using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using DataParallel.CodeFixes;
using Xunit;

namespace DataParallel.Analyzers.Tests.CodeFixes;

/// <summary>DP0002's fix makes the reported type partial, with <c>partial</c> last among the modifiers as C# requires.</summary>
public sealed class MakePartialCodeFixTests
{
    [Fact]
    public Task Partial_goes_right_before_class() => CodeFixVerifier<ShapeArea, MakePartialCodeFix>.VerifyCodeFixAsync("""
        using System;
        using DataParallel;

        public static class {|DP0002:Kernels|}
        {
            [Parallel]
            public static void Scale(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = 2f * x[i];
        }
        """, """
        using System;
        using DataParallel;

        public static partial class Kernels
        {
            [Parallel]
            public static void Scale(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = 2f * x[i];
        }
        """);

    [Fact]
    public Task Without_modifiers_partial_takes_the_leading_comment_and_indentation() => CodeFixVerifier<ShapeArea, MakePartialCodeFix>.VerifyCodeFixAsync("""
        using System;
        using DataParallel;

        namespace App
        {
            // Kernels of the app.
            class {|DP0002:Kernels|}
            {
                [Parallel]
                public static void Fill(int i, Span<float> y) => y[i] = 1f;
            }
        }
        """, """
        using System;
        using DataParallel;

        namespace App
        {
            // Kernels of the app.
            partial class Kernels
            {
                [Parallel]
                public static void Fill(int i, Span<float> y) => y[i] = 1f;
            }
        }
        """);

    [Fact]
    public Task Every_enclosing_type_is_fixed() => CodeFixVerifier<ShapeArea, MakePartialCodeFix>.VerifyCodeFixAsync("""
        using System;
        using DataParallel;

        public class {|DP0002:Outer|}
        {
            internal readonly struct {|DP0002:Inner|}
            {
                [Parallel]
                public static void Fill(int i, Span<float> y) => y[i] = 1f;
            }
        }
        """, """
        using System;
        using DataParallel;

        public partial class Outer
        {
            internal readonly partial struct Inner
            {
                [Parallel]
                public static void Fill(int i, Span<float> y) => y[i] = 1f;
            }
        }
        """);
}

using System.Threading;
using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using DataParallel.CodeFixes;
using Xunit;

namespace DataParallel.Analyzers.Tests.CodeFixes;

/// <summary>
/// Every code fix on a document with several diagnostics it fixes. The library applies the fix one diagnostic at a
/// time and through the fix's FixAll provider in document, project and solution scope; each must reach the same
/// code. Tests with two documents make project scope fix both at once.
/// </summary>
public sealed class FixAllTests
{
    [Fact]
    public Task AddStatic_fixes_every_kernel_of_a_document() => CodeFixVerifier<ShapeArea, AddStaticCodeFix>.VerifyCodeFixAsync("""
        using System;
        using DataParallel;

        public partial class Kernels
        {
            [Parallel]
            public void {|DP0001:Scale|}(int i, Span<float> y) => y[i] = 2f * y[i];

            [Parallel]
            internal void {|DP0001:Fill|}(int i, Span<float> y) => y[i] = 1f;
        }
        """, """
        using System;
        using DataParallel;

        public partial class Kernels
        {
            [Parallel]
            public static void Scale(int i, Span<float> y) => y[i] = 2f * y[i];

            [Parallel]
            internal static void Fill(int i, Span<float> y) => y[i] = 1f;
        }
        """);

    [Fact]
    public Task AddStatic_fixes_every_document_of_a_project()
    {
        var test = CodeFixVerifier<ShapeArea, AddStaticCodeFix>.CreateTest("""
            using System;
            using DataParallel;

            public partial class Kernels
            {
                [Parallel]
                public void {|DP0001:Scale|}(int i, Span<float> y) => y[i] = 2f * y[i];
            }
            """, """
            using System;
            using DataParallel;

            public partial class Kernels
            {
                [Parallel]
                public static void Scale(int i, Span<float> y) => y[i] = 2f * y[i];
            }
            """);
        test.TestState.Sources.Add(("/0/Test1.cs", """
            using System;
            using DataParallel;

            public partial class MoreKernels
            {
                [Parallel]
                public void {|DP0001:Fill|}(int i, Span<float> y) => y[i] = 1f;
            }
            """));
        test.FixedState.Sources.Add(("/0/Test1.cs", """
            using System;
            using DataParallel;

            public partial class MoreKernels
            {
                [Parallel]
                public static void Fill(int i, Span<float> y) => y[i] = 1f;
            }
            """));
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task MakePartial_fixes_every_type_of_a_document() => CodeFixVerifier<ShapeArea, MakePartialCodeFix>.VerifyCodeFixAsync("""
        using System;
        using DataParallel;

        public static class {|DP0002:First|}
        {
            [Parallel]
            public static void Fill(int i, Span<float> y) => y[i] = 1f;
        }

        public static class {|DP0002:Second|}
        {
            [Parallel]
            public static void Scale(int i, Span<float> y) => y[i] = 2f * y[i];
        }
        """, """
        using System;
        using DataParallel;

        public static partial class First
        {
            [Parallel]
            public static void Fill(int i, Span<float> y) => y[i] = 1f;
        }

        public static partial class Second
        {
            [Parallel]
            public static void Scale(int i, Span<float> y) => y[i] = 2f * y[i];
        }
        """);

    [Fact]
    public Task IndexSwap_fixes_every_kernel_of_a_document() => CodeFixVerifier<LocalityArea, IndexSwapCodeFix>.VerifyCodeFixAsync(KernelSource.Wrap("""
            [Parallel(Dimensions = 2)]
            public static void Scale(int row, int col, int n, ReadOnlySpan<float> a, Span<float> b) => {|DP2002:b[col * n + row]|} = 2f * {|DP2002:a[col * n + row]|};

            [Parallel(Dimensions = 2)]
            public static void Clear(int r, int c, int n, Span<float> b) => {|DP2002:b[c * n + r]|} = 0f;
        """), KernelSource.Wrap("""
            [Parallel(Dimensions = 2)]
            public static void Scale(int col, int row, int n, ReadOnlySpan<float> a, Span<float> b) => b[col * n + row] = 2f * a[col * n + row];

            [Parallel(Dimensions = 2)]
            public static void Clear(int c, int r, int n, Span<float> b) => b[c * n + r] = 0f;
        """));

    [Fact]
    public Task Reduction_fixes_every_kernel_of_a_document() => CodeFixVerifier<RaceArea, ReductionCodeFix>.VerifyCodeFixAsync(KernelSource.Wrap("""
            static double Total;
            static int Count;

            [Parallel]
            public static void SumAll(int i, ReadOnlySpan<double> x) => {|DP1005:Total|} += x[i];

            [Parallel]
            public static void CountAll(int i, ReadOnlySpan<int> x) => {|DP1005:Count|} += x[i];
        """), KernelSource.Wrap("""
            static double Total;
            static int Count;

            [Parallel(Reduce = Reduction.Sum)]
            public static double SumAll(int i, ReadOnlySpan<double> x) => x[i];

            [Parallel(Reduce = Reduction.Sum)]
            public static int CountAll(int i, ReadOnlySpan<int> x) => x[i];
        """));

    [Fact]
    public Task LoopInterchange_fixes_every_nest_of_a_document_once() => CodeFixVerifier<LocalityArea, LoopInterchangeCodeFix>.VerifyCodeFixAsync(KernelSource.Wrap("""
            [Parallel]
            public static void Total(int i, int n, int m, ReadOnlySpan<int> a, Span<int> y)
            {
                int s = 0;
                for (int q = 0; q < n; q++)
                    for (int p = 0; p < m; p++)
                        s += {|DP2006:a[p * n + q]|};
                y[i] = s * i;
            }

            [Parallel]
            public static void Both(int i, int n, int m, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> y)
            {
                int s = 0;
                for (int q = 0; q < n; q++)
                    for (int p = 0; p < m; p++)
                        s += {|DP2006:a[p * n + q]|} - {|DP2006:b[p * n + q]|};
                y[i] = s + i;
            }
        """), KernelSource.Wrap("""
            [Parallel]
            public static void Total(int i, int n, int m, ReadOnlySpan<int> a, Span<int> y)
            {
                int s = 0;
                for (int p = 0; p < m; p++)
                    for (int q = 0; q < n; q++)
                        s += a[p * n + q];
                y[i] = s * i;
            }

            [Parallel]
            public static void Both(int i, int n, int m, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> y)
            {
                int s = 0;
                for (int p = 0; p < m; p++)
                    for (int q = 0; q < n; q++)
                        s += a[p * n + q] - b[p * n + q];
                y[i] = s + i;
            }
        """));
}

using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using DataParallel.CodeFixes;
using Xunit;

namespace DataParallel.Analyzers.Tests.CodeFixes;

/// <summary>DP2002's fix swaps the last two index parameters, and the positional index arguments of every call.</summary>
public sealed class IndexSwapCodeFixTests
{
    [Fact]
    public Task Swapping_makes_the_row_index_the_fastest() => CodeFixVerifier<LocalityArea, IndexSwapCodeFix>.VerifyCodeFixAsync("""
        using System;
        using DataParallel;

        public static partial class Kernels
        {
            [Parallel(Dimensions = 2)]
            public static void Scale(int row, int col, int n, ReadOnlySpan<float> a, Span<float> b) => {|DP2002:b[col * n + row]|} = 2f * {|DP2002:a[col * n + row]|};

            public static void Reference(int m, int n, ReadOnlySpan<float> a, Span<float> b)
            {
                for (int r = 0; r < m; r++)
                    for (int c = 0; c < n; c++)
                        Scale(r, c, n, a, b);
            }
        }
        """, """
        using System;
        using DataParallel;

        public static partial class Kernels
        {
            [Parallel(Dimensions = 2)]
            public static void Scale(int col, int row, int n, ReadOnlySpan<float> a, Span<float> b) => b[col * n + row] = 2f * a[col * n + row];

            public static void Reference(int m, int n, ReadOnlySpan<float> a, Span<float> b)
            {
                for (int r = 0; r < m; r++)
                    for (int c = 0; c < n; c++)
                        Scale(c, r, n, a, b);
            }
        }
        """);

    [Fact]
    public Task Three_dimensional_kernels_swap_the_last_two() => CodeFixVerifier<LocalityArea, IndexSwapCodeFix>.VerifyCodeFixAsync("""
        using System;
        using DataParallel;

        public static partial class Kernels
        {
            [Parallel(Dimensions = 3)]
            public static void Clear(int plane, int y, int x, int w, int h, Span<float> v) => {|DP2002:v[plane * w * h + x * h + y]|} = 0f;
        }
        """, """
        using System;
        using DataParallel;

        public static partial class Kernels
        {
            [Parallel(Dimensions = 3)]
            public static void Clear(int plane, int x, int y, int w, int h, Span<float> v) => v[plane * w * h + x * h + y] = 0f;
        }
        """);
}

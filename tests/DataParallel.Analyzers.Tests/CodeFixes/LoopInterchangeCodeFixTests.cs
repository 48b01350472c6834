using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using DataParallel.Analyzers.Tests.Locality;
using DataParallel.CodeFixes;
using Xunit;

namespace DataParallel.Analyzers.Tests.CodeFixes;

/// <summary>DP2006's fix interchanges two perfectly nested loops, and only where the order of iterations cannot change a result.</summary>
public sealed class LoopInterchangeCodeFixTests
{
    private static Task VerifyInterchange(string members, string interchanged)
        => CodeFixVerifier<LocalityArea, LoopInterchangeCodeFix>.VerifyCodeFixAsync(KernelSource.Wrap(members), KernelSource.Wrap(interchanged));

    private static Task VerifyNoInterchange(string members)
        => CodeFixVerifier<LocalityArea, LoopInterchangeCodeFix>.VerifyNoCodeFixAsync(KernelSource.Wrap(members));

    [Fact]
    public Task Integer_sum_walks_rows_after_the_interchange() => VerifyInterchange("""
            [Parallel]
            public static void Total(int i, int n, int m, ReadOnlySpan<int> a, Span<int> y)
            {
                int s = 0;
                for (int q = 0; q < n; q++)
                    for (int p = 0; p < m; p++)
                        s += {|DP2006:a[p * n + q]|};
                y[i] = s * i;
            }
        """, """
            [Parallel]
            public static void Total(int i, int n, int m, ReadOnlySpan<int> a, Span<int> y)
            {
                int s = 0;
                for (int p = 0; p < m; p++)
                    for (int q = 0; q < n; q++)
                        s += a[p * n + q];
                y[i] = s * i;
            }
        """);

    [Fact]
    public Task Braced_nest_with_body_locals_and_a_count_down_outer_loop() => VerifyInterchange("""
            [Parallel(Dimensions = 2)]
            public static void Count(int row, int col, int n, int m, ReadOnlySpan<int> a, Span<long> y)
            {
                long hits = 0;
                for (int q = n - 1; q >= 0; q--)
                {
                    for (int p = 0; p < m; p++)
                    {
                        int v = {|DP2006:a[p * n + q]|};
                        if (v == row)
                            hits++;
                    }
                }
                y[row * n + col] = hits + col;
            }
        """, """
            [Parallel(Dimensions = 2)]
            public static void Count(int row, int col, int n, int m, ReadOnlySpan<int> a, Span<long> y)
            {
                long hits = 0;
                for (int p = 0; p < m; p++)
                {
                    for (int q = n - 1; q >= 0; q--)
                    {
                        int v = a[p * n + q];
                        if (v == row)
                            hits++;
                    }
                }
                y[row * n + col] = hits + col;
            }
        """);

    [Fact]
    public Task Float_accumulation_is_not_reordered() => VerifyNoInterchange(InnerLoopStrideTests.ColumnTotals);

    [Fact]
    public Task Integer_updates_of_the_lane_element_are_reordered() => VerifyInterchange("""
            [Parallel]
            public static void Accumulate(int i, int n, int m, ReadOnlySpan<int> a, Span<int> y)
            {
                for (int q = 0; q < n; q++)
                    for (int p = 0; p < m; p++)
                        y[i] += {|DP2006:a[p * n + q]|} ^ i;
            }
        """, """
            [Parallel]
            public static void Accumulate(int i, int n, int m, ReadOnlySpan<int> a, Span<int> y)
            {
                for (int p = 0; p < m; p++)
                    for (int q = 0; q < n; q++)
                        y[i] += a[p * n + q] ^ i;
            }
        """);

    [Fact]
    public Task Triangular_nest_is_not_interchanged() => VerifyNoInterchange("""
            [Parallel]
            public static void Lower(int i, int n, ReadOnlySpan<int> a, Span<int> y)
            {
                int s = 0;
                for (int q = 0; q < n; q++)
                    for (int p = q; p < n; p++)
                        s += {|DP2006:a[p * n + q]|};
                y[i] = s * i;
            }
        """);

    [Fact]
    public Task Statement_between_the_loops_or_a_read_of_the_accumulator_blocks_the_fix() => VerifyNoInterchange("""
            [Parallel]
            public static void Between(int i, int n, int m, ReadOnlySpan<int> a, Span<int> y)
            {
                int s = 0;
                for (int q = 0; q < n; q++)
                {
                    s += 1;
                    for (int p = 0; p < m; p++)
                        s += {|DP2006:a[p * n + q]|};
                }
                y[i] = s * i;
            }

            [Parallel]
            public static void Observed(int i, int n, int m, ReadOnlySpan<int> a, Span<int> y)
            {
                int s = 0, last = 0;
                for (int q = 0; q < n; q++)
                    for (int p = 0; p < m; p++)
                    {
                        s += {|DP2006:a[p * n + q]|};
                        last = s;
                    }
                y[i] = last * i;
            }
        """);
}

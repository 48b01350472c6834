using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using DataParallel.CodeFixes;
using Xunit;

namespace DataParallel.Analyzers.Tests.CodeFixes;

/// <summary>
/// DP1005's fix turns an accumulation into shared state into a <c>Reduce</c> kernel returning each index's
/// contribution, and updates the shared location at every call with the combined value.
/// </summary>
public sealed class ReductionCodeFixTests
{
    private static Task Verify(string before, string after) => CodeFixVerifier<RaceArea, ReductionCodeFix>.VerifyCodeFixAsync(before, after);

    [Fact]
    public Task Static_sum_becomes_a_sum_reduction_and_callers_add_its_result() => Verify("""
        using System;
        using DataParallel;

        public static partial class Kernels
        {
            static double Total;

            [Parallel]
            public static void SumAll(int i, ReadOnlySpan<double> x) => {|DP1005:Total|} += x[i];

            public static void Run(ReadOnlySpan<double> data)
            {
                for (int i = 0; i < data.Length; i++)
                    SumAll(i, data);
            }
        }
        """, """
        using System;
        using DataParallel;

        public static partial class Kernels
        {
            static double Total;

            [Parallel(Reduce = Reduction.Sum)]
            public static double SumAll(int i, ReadOnlySpan<double> x) => x[i];

            public static void Run(ReadOnlySpan<double> data)
            {
                for (int i = 0; i < data.Length; i++)
                    Total += SumAll(i, data);
            }
        }
        """);

    [Fact]
    public Task Guarded_counter_returns_one_or_zero() => Verify("""
        using System;
        using DataParallel;

        public static partial class Kernels
        {
            static int Positives;

            [Parallel]
            public static void CountPositives(int i, ReadOnlySpan<float> x)
            {
                float v = x[i];
                if (v > 0f)
                    {|DP1005:Positives|}++;
            }
        }
        """, """
        using System;
        using DataParallel;

        public static partial class Kernels
        {
            static int Positives;

            [Parallel(Reduce = Reduction.Sum)]
            public static int CountPositives(int i, ReadOnlySpan<float> x)
            {
                float v = x[i];
                return v > 0f ? 1 : 0;
            }
        }
        """);

    [Fact]
    public Task Running_maximum_becomes_a_max_reduction() => Verify("""
        using System;
        using DataParallel;

        public static partial class Kernels
        {
            static float Highest;

            [Parallel]
            public static void Track(int i, ReadOnlySpan<float> x) => {|DP1005:Highest|} = Math.Max(Highest, x[i]);
        }
        """, """
        using System;
        using DataParallel;

        public static partial class Kernels
        {
            static float Highest;

            [Parallel(Reduce = Reduction.Max)]
            public static float Track(int i, ReadOnlySpan<float> x) => x[i];
        }
        """);

    [Fact]
    public Task Ref_parameter_is_dropped_and_the_caller_adds_the_result() => Verify("""
        using System;
        using DataParallel;

        public static partial class Kernels
        {
            [Parallel(Dimensions = 1)]
            public static void Accumulate(int i, ref float acc, ReadOnlySpan<float> x) => {|DP1005:acc|} -= x[i];

            public static float Run(ReadOnlySpan<float> x)
            {
                float s = 0f;
                for (int i = 0; i < x.Length; i++)
                    Accumulate(i, ref s, x);
                return s;
            }
        }
        """, """
        using System;
        using DataParallel;

        public static partial class Kernels
        {
            [Parallel(Dimensions = 1, Reduce = Reduction.Sum)]
            public static float Accumulate(int i, ReadOnlySpan<float> x) => -x[i];

            public static float Run(ReadOnlySpan<float> x)
            {
                float s = 0f;
                for (int i = 0; i < x.Length; i++)
                    s += Accumulate(i, x);
                return s;
            }
        }
        """);

    [Fact]
    public Task Fixed_element_is_updated_at_the_call() => Verify("""
        using System;
        using DataParallel;

        public static partial class Kernels
        {
            [Parallel]
            public static void Sum(int i, ReadOnlySpan<long> x, Span<long> totals) => {|DP1005:totals[0]|} += x[i];

            public static void Run(ReadOnlySpan<long> x, Span<long> results)
            {
                for (int i = 0; i < x.Length; i++)
                    Sum(i, x, results);
            }
        }
        """, """
        using System;
        using DataParallel;

        public static partial class Kernels
        {
            [Parallel(Reduce = Reduction.Sum)]
            public static long Sum(int i, ReadOnlySpan<long> x, Span<long> totals) => x[i];

            public static void Run(ReadOnlySpan<long> x, Span<long> results)
            {
                for (int i = 0; i < x.Length; i++)
                    results[0] += Sum(i, x, results);
            }
        }
        """);
}

using System.Linq;
using DataParallel.Analyzers.Tests.Harness;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Planning;
using Xunit;

namespace DataParallel.Analyzers.Tests.Lowering;

/// <summary>
/// The scheduler's work estimate: whether a call is worth threads depends on it, so a loop whose trip count the
/// entry point can compute must be counted at that trip count, and only such loops.
/// </summary>
public sealed class WorkEstimateTests
{
    private static WorkEstimate Estimate(string members)
        => Assert.IsType<SimdPlan>(SimdPlanner.Plan(CompiledKernel.From(members).Model).Plan).Work;

    [Fact]
    public void A_loop_over_a_uniform_count_is_counted_at_entry()
    {
        WorkEstimate work = Estimate("""
            [Parallel]
            public static void Accelerate(int i, int bodies, ReadOnlySpan<float> x, Span<float> a)
            {
                float sum = 0f;
                for (int j = 0; j < bodies; j++)
                    sum += x[j] - x[i];
                a[i] = sum;
            }
            """);
        LoopWork loop = Assert.Single(work.Loops);
        Assert.True(loop.HasKnownTrips);
        Assert.Null(loop.ConstantTrips);
        Assert.Equal(new ConstantExpression(ScalarKind.Int32, "0", 0), loop.First);
        Assert.IsType<BinaryExpression>(loop.Last);
        Assert.True(work.DependsOnCall);
    }

    [Fact]
    public void Constant_bounds_are_counted_at_compile_time()
    {
        WorkEstimate work = Estimate("""
            [Parallel]
            public static void Taps(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                float sum = 0f;
                for (int t = 0; t < 5; t++)
                    sum += x[i + t];
                y[i] = sum;
            }
            """);
        Assert.Equal(5, Assert.Single(work.Loops).ConstantTrips);
        Assert.False(work.DependsOnCall);
        Assert.Equal(work.Units + 5 * work.Loops[0].Body.AtCompileTime, work.AtCompileTime);
    }

    [Fact]
    public void Nested_loops_multiply_and_a_bound_that_depends_on_the_index_is_guessed()
    {
        WorkEstimate work = Estimate("""
            [Parallel]
            public static void Triangle(int i, int m, ReadOnlySpan<float> x, Span<float> y)
            {
                float sum = 0f;
                for (int j = 0; j < m; j++)
                    for (int k = 0; k < i; k++)
                        sum += x[k] * j;
                y[i] = sum;
            }
            """);
        LoopWork outer = Assert.Single(work.Loops);
        Assert.True(outer.HasKnownTrips);
        LoopWork inner = Assert.Single(outer.Body.Loops);
        Assert.False(inner.HasKnownTrips);
        Assert.True(work.AtCompileTime >= WorkEstimate.GuessedTrips * WorkEstimate.GuessedTrips);
    }

    [Fact]
    public void Bounds_that_could_throw_at_entry_are_not_evaluated()
    {
        WorkEstimate work = Estimate("""
            [Parallel]
            public static void Strided(int i, int n, int m, ReadOnlySpan<float> x, Span<float> y)
            {
                float sum = 0f;
                for (int j = 0; j < n / m; j++)
                    sum += x[i] * j;
                y[i] = sum;
            }
            """);
        Assert.False(Assert.Single(work.Loops).HasKnownTrips);
        Assert.False(work.DependsOnCall);
    }

    [Fact]
    public void A_kernel_without_loops_costs_what_it_did()
    {
        WorkEstimate work = Estimate("""
            [Parallel]
            public static void Saxpy(int i, float a, ReadOnlySpan<float> x, Span<float> y) => y[i] = a * x[i] + y[i];
            """);
        Assert.Empty(work.Loops);
        Assert.Equal(work.Units, work.AtCompileTime);
    }

    [Fact]
    public void A_loop_whose_lanes_leave_at_different_times_makes_the_estimate_unpredictable()
    {
        WorkEstimate work = Estimate("""
            [Parallel]
            public static void Escape(int i, int max, ReadOnlySpan<float> c, Span<float> y)
            {
                float z = 0f;
                int n = 0;
                while (n < max && z * z <= 4f)
                {
                    z = z * z + c[i];
                    n++;
                }
                y[i] = n;
            }
            """);
        Assert.False(work.IsPredictable);
        Assert.True(Estimate("""
            [Parallel]
            public static void Taps(int i, int m, ReadOnlySpan<float> x, Span<float> y)
            {
                float sum = 0f;
                for (int t = 0; t < m; t++)
                    sum += x[i + t];
                y[i] = sum;
            }
            """).IsPredictable);
    }
}

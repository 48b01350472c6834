using System;
using DataParallel.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace DataParallel.Runtime.Tests.Scheduling;

/// <summary>
/// The chunk plan is what makes reductions deterministic and tails correct, so its invariants are checked over many
/// random domains rather than a few hand-picked ones.
/// </summary>
public sealed class ChunkPlanTests
{
    private static readonly Config s_manyDomains = Config.QuickThrowOnFailure.WithMaxTest(400);

    private static Arbitrary<(int Count, int Cost, int Granularity)> Domains()
        => (from count in Gen.Frequency(
                (3, Gen.Choose(0, 4_000)),
                (2, Gen.Choose(0, 3_000_000)),
                (1, Gen.Elements(0, 1, 7, 8, 9, 131_071, 131_072, 131_073, 1_279_999, 1_280_000, int.MaxValue / 2)))
            from cost in Gen.Frequency((3, Gen.Choose(1, 64)), (1, Gen.Choose(1, 300_000)))
            from granularity in Gen.Elements(1, 4, 8, 16, 32, 64, 128)
            select (count, cost, granularity)).ToArbitrary();

    [Fact]
    public void Chunks_cover_the_domain_exactly_once_in_order()
        => Prop.ForAll(Domains(), domain =>
        {
            ChunkPlan plan = ChunkPlan.Create(domain.Count, domain.Cost, domain.Granularity);
            if (domain.Count == 0)
                return plan.ChunkCount == 0;
            int expectedBegin = 0;
            for (int chunk = 0; chunk < plan.ChunkCount; chunk++)
            {
                if (plan.Begin(chunk) != expectedBegin || plan.End(chunk) <= plan.Begin(chunk))
                    return false;
                expectedBegin = plan.End(chunk);
            }
            return expectedBegin == domain.Count && plan.Count == domain.Count;
        }).Check(s_manyDomains);

    [Fact]
    public void Every_chunk_but_the_last_is_a_whole_number_of_granules()
        => Prop.ForAll(Domains(), domain =>
        {
            ChunkPlan plan = ChunkPlan.Create(domain.Count, domain.Cost, domain.Granularity);
            for (int chunk = 0; chunk < plan.ChunkCount - 1; chunk++)
            {
                int size = plan.End(chunk) - plan.Begin(chunk);
                if (size != plan.ChunkSize || size % domain.Granularity != 0)
                    return false;
            }
            return true;
        }).Check(s_manyDomains);

    [Fact]
    public void Threads_are_worth_it_exactly_when_there_are_several_chunks_and_enough_work()
        => Prop.ForAll(Domains(), domain =>
        {
            ChunkPlan plan = ChunkPlan.Create(domain.Count, domain.Cost, domain.Granularity);
            bool enoughWork = (long)domain.Count * domain.Cost >= ChunkPlan.ParallelThreshold;
            return plan.WorthThreads == (plan.ChunkCount > 1 && enoughWork);
        }).Check(s_manyDomains);

    [Fact]
    public void The_plan_does_not_depend_on_the_number_of_cores_allowed()
    {
        ChunkPlan reference = ChunkPlan.Create(2_000_003, 3, 32);

        foreach (int threads in new[] { 1, 2, 7, 64 })
        {
            using (DataParallelSettings.Override(maxDegreeOfParallelism: threads))
                Assert.Equal(reference, ChunkPlan.Create(2_000_003, 3, 32));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void An_empty_or_negative_domain_has_no_chunks(int count)
    {
        ChunkPlan plan = ChunkPlan.Create(count, 5, 8);

        Assert.Equal(0, plan.ChunkCount);
        Assert.False(plan.WorthThreads);
    }

    [Fact]
    public void The_parallel_threshold_is_inclusive()
    {
        // Cost 1 puts the threshold at a count; both counts below still give several chunks.
        Assert.False(ChunkPlan.Create((int)ChunkPlan.ParallelThreshold - 1, 1, 8).WorthThreads);
        Assert.True(ChunkPlan.Create((int)ChunkPlan.ParallelThreshold, 1, 8).WorthThreads);
    }

    [Fact]
    public void A_single_chunk_never_uses_threads_however_costly()
    {
        // 7 elements at 200,000 units each exceed the threshold, but one chunk cannot be shared.
        ChunkPlan plan = ChunkPlan.Create(7, 200_000, 8);

        Assert.Equal(1, plan.ChunkCount);
        Assert.Equal(7, plan.ChunkSize);
        Assert.False(plan.WorthThreads);
    }

    [Theory]
    [InlineData(0, 8)]
    [InlineData(-4, 0)]
    public void Nonsense_cost_or_granularity_is_treated_as_one(int cost, int granularity)
    {
        ChunkPlan plan = ChunkPlan.Create(1_000, cost, granularity);

        Assert.Equal(ChunkPlan.Create(1_000, 1, granularity < 1 ? 1 : granularity), plan);
    }

    [Theory]
    [InlineData(2046, 85_932, 13)]   // a 3×3 blur row of 2046 pixels: blocks of rows covering RowBlockWork
    [InlineData(256, 16_640, 16)]    // rows whose estimate is low: still at least MinRowChunks chunks
    [InlineData(10, 5_000_000, 1)]   // expensive rows: one row per chunk
    [InlineData(0, 100, 1)]
    [InlineData(1_000_000, 1, 1)]        // rows so cheap that one chunk already spans many blocks' work
    [InlineData(1_000_000, 500, 2_098)]
    public void Row_granularity_covers_the_block_work_but_leaves_chunks_to_balance(int rows, int costPerRow, int expected)
        => Assert.Equal(expected, ChunkPlan.RowGranularity(rows, costPerRow));

    [Fact]
    public void Row_blocks_leave_chunks_to_balance()
        => Prop.ForAll(Domains(), domain =>
        {
            int granularity = ChunkPlan.RowGranularity(domain.Count, domain.Cost);
            ChunkPlan plan = ChunkPlan.Create(domain.Count, domain.Cost, granularity);
            ChunkPlan singleRows = ChunkPlan.Create(domain.Count, domain.Cost, 1);
            return granularity >= 1 && plan.ChunkCount >= Math.Min(singleRows.ChunkCount, ChunkPlan.MinRowChunks)
                && plan.ChunkSize >= singleRows.ChunkSize;
        }).Check(s_manyDomains);

    [Theory]
    [InlineData(0L, 1023L, 1024d)]
    [InlineData(-1L, 1L, 3d)]
    [InlineData(5L, 4L, 0d)]                       // a loop that does not run
    [InlineData(0L, long.MaxValue, 9.223372036854775808e18)]
    public void Loop_trips_count_inclusive_bounds(long first, long last, double expected)
        => Assert.Equal(expected, ChunkPlan.LoopTrips(first, last));

    [Theory]
    [InlineData(0d, 1)]
    [InlineData(-5d, 1)]
    [InlineData(1024.9d, 1024)]
    [InlineData(1e300, int.MaxValue)]
    [InlineData(double.NaN, 1)]
    public void Work_is_a_positive_int(double units, int expected) => Assert.Equal(expected, ChunkPlan.Work(units));

    private static Arbitrary<(int Count, int Cost, int Granularity, int Workers)> BalancedDomains()
        => (from domain in Domains().Generator
            from workers in Gen.Elements(1, 2, 3, 8, 64)
            select (domain.Count, domain.Cost, domain.Granularity, workers)).ToArbitrary();

    [Fact]
    public void Balanced_chunks_cover_the_domain_in_whole_granules()
        => Prop.ForAll(BalancedDomains(), domain =>
        {
            ChunkPlan plan = ChunkPlan.CreateBalanced(domain.Count, domain.Cost, domain.Granularity, domain.Workers);
            int expectedBegin = 0;
            for (int chunk = 0; chunk < plan.ChunkCount; chunk++)
            {
                int size = plan.End(chunk) - plan.Begin(chunk);
                bool last = chunk == plan.ChunkCount - 1;
                if (plan.Begin(chunk) != expectedBegin || size <= 0 || (!last && size % domain.Granularity != 0))
                    return false;
                expectedBegin = plan.End(chunk);
            }
            return expectedBegin == Math.Max(domain.Count, 0);
        }).Check(s_manyDomains);

    [Fact]
    public void Balanced_chunks_only_grow_and_leave_every_worker_several()
        => Prop.ForAll(BalancedDomains(), domain =>
        {
            ChunkPlan reference = ChunkPlan.Create(domain.Count, domain.Cost, domain.Granularity);
            ChunkPlan plan = ChunkPlan.CreateBalanced(domain.Count, domain.Cost, domain.Granularity, domain.Workers);
            if (plan == reference)
                return true;
            // A plan that changed: larger chunks, still worth threads, at most MaxChunkWork each (up to one granule),
            // and no fewer chunks than the workers need (up to the rounding to granules).
            long chunkWork = (long)(plan.ChunkSize - domain.Granularity) * domain.Cost;
            long fewestChunks = (long)domain.Workers * ChunkPlan.ChunksPerWorker;
            return domain.Workers > 1 && reference.ChunkSize > domain.Granularity && plan.ChunkSize > reference.ChunkSize && plan.WorthThreads
                && chunkWork < ChunkPlan.MaxChunkWork
                && (long)plan.ChunkCount * (plan.ChunkSize) >= domain.Count
                && plan.ChunkSize - domain.Granularity < ((long)domain.Count + fewestChunks - 1) / fewestChunks;
        }).Check(s_manyDomains);

    [Theory]
    [InlineData(1_048_576, 12, 2, 16, 65_536)]      // a polynomial over 1M floats on two cores: 16 chunks, not 96
    [InlineData(16_777_216, 5, 2, 16, 209_728)]     // SAXPY over 16M floats: chunks of MaxChunkWork, rounded up to a granule
    [InlineData(1_048_576, 12, 1, 16, 10_928)]      // one worker: the plan Create makes
    [InlineData(300_000, 5, 2, 16, 26_224)]         // barely worth threads: Create's chunks are already balanced
    [InlineData(1_024, 141_312, 2, 1, 1)]           // Mandelbrot's rows, whose cost the estimate cannot tell: one at a time
    [InlineData(2_046, 85_932, 2, 13, 13)]          // blur rows in RowGranularity's blocks: one block a chunk
    public void Balanced_chunk_sizes(int count, int cost, int workers, int granularity, int expectedSize)
        => Assert.Equal(expectedSize, ChunkPlan.CreateBalanced(count, cost, granularity, workers).ChunkSize);
}

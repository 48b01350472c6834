using System;
using System.Linq;
using System.Threading;
using DataParallel.CompilerServices;
using Xunit;

namespace DataParallel.Runtime.Tests.Scheduling;

/// <summary>
/// The caller spins briefly for chunks still running on workers, then blocks. Whichever way it waits, it must not
/// return before every chunk has completed (workers read the caller's stack), must see every chunk's effect, and
/// must rethrow a worker's exception.
/// </summary>
public sealed class ChunkSchedulerWaitTests
{
    // Cost 100 puts 20,000 elements over the parallel threshold in 16 chunks.
    private const int Count = 20_000;
    private const int Cost = 100;
    private const int Granularity = 8;

    // Far longer than the caller's spin budget, so the caller blocks for the workers' chunks.
    private const int WorkerDelayMilliseconds = 20;

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    public void The_caller_returns_only_after_slow_workers_finish_their_chunks(int threads)
    {
        var visits = new int[Count];
        var workerChunks = new int[1];
        using (DataParallelSettings.Override(mode: ExecutionMode.Auto, maxDegreeOfParallelism: threads))
        {
            for (int call = 0; call < 5; call++)
                RunFor(visits, failingOffset: -1, workerChunks);
        }

        Assert.All(visits, count => Assert.Equal(5, count));
        Assert.True(Volatile.Read(ref workerChunks[0]) > 0, "No chunk ran on a worker: the test did not exercise the wait.");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(7)]
    public void A_reduction_with_slow_workers_combines_every_chunk_in_order(int threads)
    {
        long expected = Reference();
        var visits = new int[Count];
        long actual;
        using (DataParallelSettings.Override(mode: ExecutionMode.Auto, maxDegreeOfParallelism: threads))
            actual = RunReduce(visits, failingOffset: -1);

        Assert.Equal(expected, actual);
        Assert.All(visits, count => Assert.Equal(1, count));
    }

    [Fact]
    public void An_exception_on_a_slow_worker_reaches_the_blocked_caller()
    {
        ChunkPlan plan = ChunkPlan.Create(Count, Cost, Granularity);
        // The last chunk fails: on a worker after its delay (the caller blocked by then), or on the caller.
        KernelFailureException error;
        using (DataParallelSettings.Override(mode: ExecutionMode.Auto, maxDegreeOfParallelism: 2))
            error = Assert.Throws<KernelFailureException>(() => RunFor(new int[Count], failingOffset: plan.Begin(plan.ChunkCount - 1)));

        Assert.Equal(plan.Begin(plan.ChunkCount - 1), error.Offset);
    }

    // The same fold on one thread: partials in chunk order.
    private static long Reference()
    {
        using (DataParallelSettings.Override(mode: ExecutionMode.Auto, maxDegreeOfParallelism: 1))
            return RunReduce(new int[Count], failingOffset: -1);
    }

    private static void RunFor(int[] visits, int failingOffset, int[]? workerChunks = null)
    {
        var args = new SlowWorkerArgs
        {
            CallerThread = Environment.CurrentManagedThreadId,
            AwaitWorker = DataParallelSettings.MaxDegreeOfParallelism > 1,
            WorkerDelayMilliseconds = WorkerDelayMilliseconds,
            FailingOffset = failingOffset,
            Visits = visits,
            WorkerChunks = workerChunks ?? new int[1],
        };
        ChunkScheduler.For<SlowWorkerKernel, SlowWorkerArgs>(ref args, Count, Cost, Granularity);
    }

    private static long RunReduce(int[] visits, int failingOffset, int[]? workerChunks = null)
    {
        var args = new SlowWorkerArgs
        {
            CallerThread = Environment.CurrentManagedThreadId,
            AwaitWorker = DataParallelSettings.MaxDegreeOfParallelism > 1,
            WorkerDelayMilliseconds = WorkerDelayMilliseconds,
            FailingOffset = failingOffset,
            Visits = visits,
            WorkerChunks = workerChunks ?? new int[1],
        };
        return ChunkScheduler.Reduce<SlowWorkerKernel, SlowWorkerArgs, long>(ref args, Count, Cost, Granularity, 0);
    }
}

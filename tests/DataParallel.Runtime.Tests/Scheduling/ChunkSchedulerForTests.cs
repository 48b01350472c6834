using System;
using System.Collections.Concurrent;
using System.Linq;
using DataParallel.CompilerServices;
using Xunit;

namespace DataParallel.Runtime.Tests.Scheduling;

/// <summary>
/// <see cref="ChunkScheduler.For{TKernel, TArgs}"/> must run every offset of the domain exactly once whatever the
/// thread count, with the spans reached through a <c>ref struct</c> on the caller's stack.
/// </summary>
public sealed class ChunkSchedulerForTests
{
    // Cost 100 puts 20,000 elements over the parallel threshold in 16 chunks: threads engage on small arrays.
    private const int ParallelCount = 20_000;
    private const int ParallelCost = 100;
    private const int Granularity = 8;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void Every_offset_runs_exactly_once_on_any_number_of_threads(int threads)
    {
        var visits = new int[ParallelCount];
        int[] input = Enumerable.Range(0, ParallelCount).ToArray();
        var output = new int[ParallelCount];
        var args = new VisitCountingArgs { Visits = visits, Input = input, Output = output, Chunks = new ConcurrentQueue<(int, int, int)>() };

        using (DataParallelSettings.Override(mode: ExecutionMode.Auto, maxDegreeOfParallelism: threads))
            ChunkScheduler.For<VisitCountingKernel, VisitCountingArgs>(ref args, ParallelCount, ParallelCost, Granularity);

        Assert.All(visits, count => Assert.Equal(1, count));
        for (int i = 0; i < ParallelCount; i++)
            Assert.Equal(i * 2 + 1, output[i]);
    }

    [Fact]
    public void A_parallel_call_runs_exactly_the_planned_chunks()
    {
        var args = new VisitCountingArgs
        {
            Visits = new int[ParallelCount],
            Input = new int[ParallelCount],
            Output = new int[ParallelCount],
            Chunks = new ConcurrentQueue<(int, int, int)>(),
        };
        ChunkPlan plan = ChunkPlan.Create(ParallelCount, ParallelCost, Granularity);
        Assert.True(plan.WorthThreads, "The test domain must be large enough for threads to engage.");

        using (DataParallelSettings.Override(mode: ExecutionMode.Auto, maxDegreeOfParallelism: 4))
            ChunkScheduler.For<VisitCountingKernel, VisitCountingArgs>(ref args, ParallelCount, ParallelCost, Granularity);

        var expected = Enumerable.Range(0, plan.ChunkCount).Select(chunk => (plan.Begin(chunk), plan.End(chunk)));
        var actual = args.Chunks.Select(chunk => (chunk.Begin, chunk.End)).OrderBy(chunk => chunk.Begin);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(1, ExecutionMode.Auto, 1)]           // too little work for threads
    [InlineData(ParallelCount, ExecutionMode.Auto, 1)] // threads would pay, but only one is allowed
    [InlineData(ParallelCount, ExecutionMode.Sequential, 8)]
    public void Without_threads_the_whole_domain_runs_in_one_call_on_the_calling_thread(int count, ExecutionMode mode, int threads)
    {
        var args = new VisitCountingArgs
        {
            Visits = new int[count],
            Input = new int[count],
            Output = new int[count],
            Chunks = new ConcurrentQueue<(int, int, int)>(),
        };
        int cost = count == 1 ? 1 : ParallelCost;

        using (DataParallelSettings.Override(mode: mode, maxDegreeOfParallelism: threads))
            ChunkScheduler.For<VisitCountingKernel, VisitCountingArgs>(ref args, count, cost, Granularity);

        var call = Assert.Single(args.Chunks);
        Assert.Equal((0, count, Environment.CurrentManagedThreadId), call);
    }

    [Fact]
    public void An_empty_domain_never_calls_the_kernel()
    {
        var args = new VisitCountingArgs { Chunks = new ConcurrentQueue<(int, int, int)>() };

        ChunkScheduler.For<VisitCountingKernel, VisitCountingArgs>(ref args, 0, ParallelCost, Granularity);

        Assert.Empty(args.Chunks);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(2, ParallelCount - 1)]
    [InlineData(7, ParallelCount / 2)]
    public void An_exception_in_a_chunk_reaches_the_caller(int threads, int failingOffset)
    {
        KernelFailureException error;
        using (DataParallelSettings.Override(mode: ExecutionMode.Auto, maxDegreeOfParallelism: threads))
            error = Assert.Throws<KernelFailureException>(() => RunFailing(failingOffset, new int[ParallelCount]));

        Assert.Equal(failingOffset, error.Offset);
    }

    [Fact]
    public void The_scheduler_is_usable_again_after_a_failed_call()
    {
        using (DataParallelSettings.Override(mode: ExecutionMode.Auto, maxDegreeOfParallelism: 2))
        {
            Assert.Throws<KernelFailureException>(() => RunFailing(3, new int[ParallelCount]));

            var output = new int[ParallelCount];
            RunFailing(-1, output);

            Assert.All(output, value => Assert.Equal(1, value));
        }
    }

    // A ref struct cannot be captured by a lambda, so the argument bundle is built inside the call.
    private static void RunFailing(int failingOffset, int[] output)
    {
        var args = new FailingArgs { FailingOffset = failingOffset, Output = output };
        ChunkScheduler.For<FailingKernel, FailingArgs>(ref args, ParallelCount, ParallelCost, Granularity);
    }
}

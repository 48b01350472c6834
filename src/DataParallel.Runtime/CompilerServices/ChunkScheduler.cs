using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace DataParallel.CompilerServices;

/// <summary>
/// Runs a generated kernel over a domain: on the calling thread when threads do not pay (small or cheap
/// domains, <see cref="ExecutionMode.Sequential"/>, one allowed core), else on the calling thread plus thread-pool
/// workers that claim chunks from a shared counter.
/// </summary>
/// <remarks>
/// The argument bundle is a <c>ref struct</c> on the caller's stack. Workers reach it through its address, which is
/// sound because a stack never moves and the caller does not return before every claimed chunk has completed;
/// the spans inside it stay reported to the GC by the caller's frame, and every worker copies them into its own
/// frame before use, so the GC tracks and updates those copies too.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ChunkScheduler
{
    /// <summary>Runs <typeparamref name="TKernel"/> over <c>[0, count)</c>.</summary>
    public static void For<TKernel, TArgs>(ref TArgs args, int count, int costPerElement, int granularity)
        where TKernel : IChunkKernel<TArgs>
        where TArgs : allows ref struct
    {
        if (count <= 0)
            return;
        // Most calls on small domains stop here: a for-loop needs no chunk boundaries, so the plan (three 64-bit
        // divisions) and the settings are only consulted when threads might pay.
        if ((long)count * Math.Max(costPerElement, 1) < ChunkPlan.ParallelThreshold)
        {
            TKernel.Execute(ref args, 0, count);
            return;
        }
        int allowed = AllowedWorkers();
        // Elements do not depend on one another here, so the chunks may be sized for the threads at hand.
        ChunkPlan plan = ChunkPlan.CreateBalanced(count, costPerElement, granularity, allowed);
        int workers = WorkerCount(plan, allowed);
        if (workers <= 1)
        {
            TKernel.Execute(ref args, 0, count);
            return;
        }
        unsafe
        {
            new ForJob<TKernel, TArgs>(Unsafe.AsPointer(ref args), plan).Run(workers);
        }
    }

    /// <summary>
    /// Reduces <typeparamref name="TKernel"/> over <c>[0, count)</c>: one partial per chunk, combined in chunk
    /// order starting from <paramref name="identity"/>, whatever the thread count.
    /// </summary>
    public static TResult Reduce<TKernel, TArgs, TResult>(ref TArgs args, int count, int costPerElement, int granularity, TResult identity)
        where TKernel : IReductionKernel<TArgs, TResult>
        where TArgs : allows ref struct
    {
        ChunkPlan plan = ChunkPlan.Create(count, costPerElement, granularity);
        if (plan.ChunkCount == 0)
            return identity;
        int workers = WorkerCount(plan, AllowedWorkers());
        TResult result = identity;
        if (workers <= 1)
        {
            for (int chunk = 0; chunk < plan.ChunkCount; chunk++)
                result = TKernel.Combine(result, TKernel.Execute(ref args, plan.Begin(chunk), plan.End(chunk)));
            return result;
        }
        TResult[] partials;
        unsafe
        {
            var job = new ReduceJob<TKernel, TArgs, TResult>(Unsafe.AsPointer(ref args), plan);
            job.Run(workers);
            partials = job.Partials;
        }
        foreach (TResult partial in partials)
            result = TKernel.Combine(result, partial);
        return result;
    }

    private static int AllowedWorkers()
        => DataParallelSettings.Mode == ExecutionMode.Auto ? DataParallelSettings.MaxDegreeOfParallelism : 1;

    private static int WorkerCount(ChunkPlan plan, int allowed)
        => plan.WorthThreads ? Math.Min(allowed, plan.ChunkCount) : 1;

    private sealed unsafe class ForJob<TKernel, TArgs>(void* args, ChunkPlan plan) : ChunkJob(plan)
        where TKernel : IChunkKernel<TArgs>
        where TArgs : allows ref struct
    {
        protected override void RunChunk(int chunk)
            => TKernel.Execute(ref Unsafe.AsRef<TArgs>(args), Plan.Begin(chunk), Plan.End(chunk));
    }

    private sealed unsafe class ReduceJob<TKernel, TArgs, TResult>(void* args, ChunkPlan plan) : ChunkJob(plan)
        where TKernel : IReductionKernel<TArgs, TResult>
        where TArgs : allows ref struct
    {
        public TResult[] Partials { get; } = new TResult[plan.ChunkCount];

        protected override void RunChunk(int chunk)
            => Partials[chunk] = TKernel.Execute(ref Unsafe.AsRef<TArgs>(args), Plan.Begin(chunk), Plan.End(chunk));
    }
}

using System;
using System.Threading;
using DataParallel.CompilerServices;

namespace DataParallel.Runtime.Tests.Scheduling;

/// <summary>The argument bundle of <see cref="SlowWorkerKernel"/>.</summary>
internal ref struct SlowWorkerArgs
{
    public int CallerThread;
    public bool AwaitWorker;
    public int WorkerDelayMilliseconds;
    public int FailingOffset;
    public Span<int> Visits;

    /// <summary>One element: how many chunks of this call ran on threads other than the caller's.</summary>
    public int[] WorkerChunks;
}

/// <summary>
/// A kernel whose chunks take <see cref="SlowWorkerArgs.WorkerDelayMilliseconds"/> on any thread but the caller's, as
/// they do when a worker loses its core on a busy machine: the caller runs out of chunks long before the workers
/// finish theirs, and must wait (spinning, then blocked) without returning early.
/// </summary>
internal readonly struct SlowWorkerKernel : IChunkKernel<SlowWorkerArgs>, IReductionKernel<SlowWorkerArgs, long>
{
    static void IChunkKernel<SlowWorkerArgs>.Execute(ref SlowWorkerArgs args, int begin, int end)
        => Run(ref args, begin, end);

    static long IReductionKernel<SlowWorkerArgs, long>.Execute(ref SlowWorkerArgs args, int begin, int end)
        => Run(ref args, begin, end);

    public static long Combine(long left, long right) => left * 31 + right;

    private static long Run(ref SlowWorkerArgs args, int begin, int end)
    {
        // The caller stays in its first chunk until a worker has claimed a chunk of its own (or a generous time has
        // passed, should the thread pool be starved), so that it then runs out of chunks while that worker sleeps.
        if (Environment.CurrentManagedThreadId == args.CallerThread)
        {
            int[] workerChunks = args.WorkerChunks;
            if (begin == 0 && args.AwaitWorker)
                SpinWait.SpinUntil(() => Volatile.Read(ref workerChunks[0]) > 0, TimeSpan.FromSeconds(5));
        }
        else
        {
            Interlocked.Increment(ref args.WorkerChunks[0]);
            Thread.Sleep(args.WorkerDelayMilliseconds);
        }
        if (args.FailingOffset >= begin && args.FailingOffset < end)
            throw new KernelFailureException(args.FailingOffset);
        Span<int> visits = args.Visits;
        long sum = 0;
        for (int i = begin; i < end; i++)
        {
            Interlocked.Increment(ref visits[i]);
            sum += i;
        }
        return sum;
    }
}

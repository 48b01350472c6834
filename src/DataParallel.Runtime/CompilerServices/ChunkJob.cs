using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace DataParallel.CompilerServices;

/// <summary>
/// One parallel call: workers (the calling thread among them) claim chunk numbers from a shared counter until none
/// are left. The caller returns only after every chunk has completed, so no worker touches the caller's stack
/// afterwards: a late worker's claim fails and it leaves without reading the arguments.
/// </summary>
internal abstract class ChunkJob(ChunkPlan plan) : IThreadPoolWorkItem
{
    private int _nextChunk = -1;
    private int _pendingChunks = plan.ChunkCount;
    private Exception? _error;

    protected ChunkPlan Plan { get; } = plan;

    protected abstract void RunChunk(int chunk);

    public void Run(int workers)
    {
        for (int w = 1; w < workers; w++)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        Work();
        // When the caller runs out of chunks to claim, every chunk is claimed, and the ones still pending are running
        // on workers that have started: the wait is at most about one chunk's work, too short to pay for blocking
        // (a blocked caller takes tens of microseconds to wake).
        var spinner = new SpinWait();
        while (Volatile.Read(ref _pendingChunks) != 0)
            spinner.SpinOnce(sleep1Threshold: -1);
        if (_error is { } error)
            ExceptionDispatchInfo.Throw(error);
    }

    void IThreadPoolWorkItem.Execute() => Work();

    private void Work()
    {
        while (true)
        {
            int chunk = Interlocked.Increment(ref _nextChunk);
            if (chunk >= Plan.ChunkCount)
                return;
            // After a failure the remaining chunks are only counted down, so the caller can rethrow promptly.
            if (Volatile.Read(ref _error) is null)
            {
                try
                {
                    RunChunk(chunk);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref _error, e, null);
                }
            }
            Interlocked.Decrement(ref _pendingChunks);
        }
    }
}

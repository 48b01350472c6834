using System;
using System.Diagnostics;
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
    private ManualResetEventSlim? _done;

    // How long the caller spins for the last in-flight chunks before blocking: several chunks' worth of work
    // (a chunk is about TargetChunkWork units, tens of microseconds), so blocking happens only when a worker has
    // been preempted.
    private static readonly TimeSpan SpinBudget = TimeSpan.FromMicroseconds(200);
    private const int SpinsBeforeClockChecks = 10;

    protected ChunkPlan Plan { get; } = plan;

    protected abstract void RunChunk(int chunk);

    public void Run(int workers)
    {
        for (int w = 1; w < workers; w++)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        Work();
        WaitForPendingChunks();
        if (_error is { } error)
            ExceptionDispatchInfo.Throw(error);
    }

    /// <summary>
    /// When the caller runs out of chunks to claim, the ones still pending are running on workers that have started,
    /// so the wait is normally at most about one chunk's work: too short to pay for blocking (a blocked caller takes
    /// tens of microseconds to wake), so the caller spins. A wait much longer than a chunk means a worker lost its
    /// core (the machine is busier than it has cores); spinning on then only takes CPU time from that worker, so the
    /// caller blocks until the last chunk completes.
    /// </summary>
    private void WaitForPendingChunks()
    {
        if (Volatile.Read(ref _pendingChunks) == 0)
            return;
        var spinner = new SpinWait();
        long started = Stopwatch.GetTimestamp();
        while (Volatile.Read(ref _pendingChunks) != 0)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
            if (spinner.Count >= SpinsBeforeClockChecks && Stopwatch.GetElapsedTime(started) >= SpinBudget)
            {
                BlockUntilDone();
                return;
            }
        }
    }

    private void BlockUntilDone()
    {
        var done = new ManualResetEventSlim(initialState: false, spinCount: 1);
        // Both sides use full fences (publish, then read the count; decrement, then read the event), so either the
        // caller sees no pending chunk or the worker that completes the last one sees the event and sets it.
        Interlocked.Exchange(ref _done, done);
        if (Volatile.Read(ref _pendingChunks) != 0)
            done.Wait();
        // Not disposed: the worker may still be inside Set, and a ManualResetEventSlim whose WaitHandle was never
        // asked for holds nothing but managed state.
    }

    void IThreadPoolWorkItem.Execute() => Work();

    private void Work()
    {
        // Completed chunks are counted here and handed back once, when the claims run out: one contended atomic per
        // chunk instead of two (the pending count shares the claim counter's cache line).
        int completed = 0;
        while (true)
        {
            int chunk = Interlocked.Increment(ref _nextChunk);
            if (chunk >= Plan.ChunkCount)
                break;
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
            completed++;
        }
        if (completed != 0 && Interlocked.Add(ref _pendingChunks, -completed) == 0)
            Volatile.Read(ref _done)?.Set();
    }
}

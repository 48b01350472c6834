using System;
using System.Collections.Concurrent;
using System.Threading;
using DataParallel.CompilerServices;

namespace DataParallel.Runtime.Tests.Scheduling;

/// <summary>
/// The argument bundle shaped the way generated code shapes it: a <c>ref struct</c> on the caller's stack that holds
/// the call's spans, which workers on other threads reach through the scheduler.
/// </summary>
internal ref struct VisitCountingArgs
{
    public Span<int> Visits;
    public ReadOnlySpan<int> Input;
    public Span<int> Output;
    public ConcurrentQueue<(int Begin, int End, int Thread)> Chunks;
}

/// <summary>A hand-written chunk kernel: counts how often each offset runs and copies input to output there.</summary>
internal readonly struct VisitCountingKernel : IChunkKernel<VisitCountingArgs>
{
    public static void Execute(ref VisitCountingArgs args, int begin, int end)
    {
        args.Chunks.Enqueue((begin, end, Environment.CurrentManagedThreadId));
        Span<int> visits = args.Visits;
        ReadOnlySpan<int> input = args.Input;
        Span<int> output = args.Output;
        for (int i = begin; i < end; i++)
        {
            Interlocked.Increment(ref visits[i]);
            output[i] = input[i] * 2 + 1;
        }
    }
}

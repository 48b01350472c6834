using System;
using DataParallel.CompilerServices;

namespace DataParallel.Runtime.Tests.Scheduling;

/// <summary>The argument bundle of <see cref="FailingKernel"/>.</summary>
internal ref struct FailingArgs
{
    public int FailingOffset;
    public Span<int> Output;
}

/// <summary>Throws from whichever chunk holds <see cref="FailingArgs.FailingOffset"/>, as a kernel with a checked access would.</summary>
internal readonly struct FailingKernel : IChunkKernel<FailingArgs>, IReductionKernel<FailingArgs, long>
{
    static void IChunkKernel<FailingArgs>.Execute(ref FailingArgs args, int begin, int end)
        => Run(ref args, begin, end);

    static long IReductionKernel<FailingArgs, long>.Execute(ref FailingArgs args, int begin, int end)
        => Run(ref args, begin, end);

    public static long Combine(long left, long right) => left + right;

    private static long Run(ref FailingArgs args, int begin, int end)
    {
        if (args.FailingOffset >= begin && args.FailingOffset < end)
            throw new KernelFailureException(args.FailingOffset);
        Span<int> output = args.Output;
        for (int i = begin; i < end; i++)
            output[i] = 1;
        return end - begin;
    }
}

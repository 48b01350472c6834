using System;
using DataParallel.CompilerServices;

namespace DataParallel.Runtime.Tests.Scheduling;

/// <summary>The argument bundle of <see cref="SummingKernel"/>.</summary>
internal ref struct SummingArgs
{
    public ReadOnlySpan<float> Values;
}

/// <summary>
/// A hand-written float sum: float addition is not associative, so any change in how partials are grouped or
/// ordered shows up in the result's bits.
/// </summary>
internal readonly struct SummingKernel : IReductionKernel<SummingArgs, float>
{
    public static float Execute(ref SummingArgs args, int begin, int end)
    {
        ReadOnlySpan<float> values = args.Values;
        float sum = 0f;
        for (int i = begin; i < end; i++)
            sum += values[i];
        return sum;
    }

    public static float Combine(float left, float right) => left + right;
}

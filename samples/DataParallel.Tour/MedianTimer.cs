using System;
using System.Diagnostics;

namespace DataParallel.Tour;

/// <summary>Times an action the simple, robust way: warm up, run it a few times, keep the median.</summary>
internal static class MedianTimer
{
    public const int TimedRuns = 7;
    private const int MinWarmUpRuns = 3;

    // Warm-up runs start the thread pool's workers and fault in every page of the buffers. A fixed time rather
    // than a fixed count gives the fast loops as many chances to settle as the slow ones.
    private static readonly TimeSpan s_warmUpTime = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// The median time of <paramref name="run"/>. <paramref name="prepare"/> runs, untimed, before every run, to
    /// restore inputs the previous run overwrote.
    /// </summary>
    public static TimeSpan Measure(Action prepare, Action run)
    {
        var warmUp = Stopwatch.StartNew();
        for (int done = 0; done < MinWarmUpRuns || warmUp.Elapsed < s_warmUpTime; done++)
        {
            prepare();
            run();
        }

        var times = new TimeSpan[TimedRuns];
        for (int r = 0; r < times.Length; r++)
        {
            prepare();
            long start = Stopwatch.GetTimestamp();
            run();
            times[r] = Stopwatch.GetElapsedTime(start);
        }
        // The median ignores the odd run a background thread or a GC disturbed, where the mean would not.
        Array.Sort(times);
        return times[TimedRuns / 2];
    }
}

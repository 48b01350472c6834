using System;
using System.Diagnostics;
using ILGPU.Runtime;

namespace DataParallel.GpuRunner;

/// <summary>Times a queued launch: one warm-up (it loads the kernel), then the median of several synchronised runs.</summary>
internal static class Measurement
{
    public static double MedianSeconds(Accelerator gpu, Action launch, int runs)
    {
        launch();
        gpu.Synchronize();
        var times = new double[runs];
        for (int r = 0; r < runs; r++)
        {
            long start = Stopwatch.GetTimestamp();
            launch();
            gpu.Synchronize();
            times[r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
        }
        Array.Sort(times);
        return times[runs / 2];
    }

    /// <summary>Distance in units in the last place between two floats (0 for equal bits, NaN with NaN included).</summary>
    public static long UlpDistance(float a, float b)
    {
        if (float.IsNaN(a) && float.IsNaN(b))
            return 0;
        static long Ordered(int bits) => bits < 0 ? int.MinValue - (long)bits : bits;
        return Math.Abs(Ordered(BitConverter.SingleToInt32Bits(a)) - Ordered(BitConverter.SingleToInt32Bits(b)));
    }
}

using System;

namespace DataParallel.Tour;

/// <summary>What the tour found for one kernel: both median times and the check of the generated results.</summary>
internal sealed record DemoResult(KernelDemo Demo, TimeSpan ScalarTime, TimeSpan GeneratedTime, ResultCheck Check)
{
    /// <summary>How many times faster the generated entry point ran than the scalar loop.</summary>
    public double SpeedUp => ScalarTime / GeneratedTime;
}

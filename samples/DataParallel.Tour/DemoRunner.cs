namespace DataParallel.Tour;

/// <summary>Checks a kernel's generated entry point against its scalar loop, then times both.</summary>
internal static class DemoRunner
{
    public static DemoResult Run(KernelDemo demo)
    {
        demo.ResetOutput();
        demo.RunScalar();
        float[] expected = demo.Output.ToArray();

        demo.ResetOutput();
        demo.RunGenerated();
        ResultCheck check = ResultCheck.Compare(expected, demo.Output, demo.Tolerance);

        return new DemoResult(
            demo,
            ScalarTime: MedianTimer.Measure(demo.ResetOutput, demo.RunScalar),
            GeneratedTime: MedianTimer.Measure(demo.ResetOutput, demo.RunGenerated),
            check);
    }
}

using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// The shared access analysis as the generator sees it (DESIGN §5): the races the analyzers report, and the
/// <see cref="RuntimeRequirement"/>s a generated entry point must check before running — e.g. that the domain of
/// <c>j</c> fits in <c>n</c> for a kernel storing to <c>a[i * n + j]</c> — evaluated once from the call's ranges,
/// parameters and span lengths, throwing an <c>ArgumentException</c> with the requirement's description when one
/// fails.
/// </summary>
internal static class KernelAccessAnalysis
{
    public static RaceAnalysis Analyze(KernelModel model) => RaceDetector.Analyze(AccessCollector.Collect(AccessAnalysisInput.From(model)));

    /// <summary>
    /// The kernel's accesses as the generator collects them, once per kernel: its entry checks
    /// (<see cref="EntryChecks"/>) and its SIMD plan (<see cref="SimdPlanner"/>) both read them. Null when subscripts
    /// went past 64-bit arithmetic: the analysis then proves nothing.
    /// </summary>
    public static KernelAccesses? Collect(KernelModel model)
    {
        try
        {
            return AccessCollector.Collect(AccessAnalysisInput.From(model));
        }
        catch (System.OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// What the entry point checks before running, value-equatable for the incremental pipeline: the requirements,
    /// and that spans the analysis took to be different memory are (<see cref="SpanOverlapCheck"/>).
    /// </summary>
    public static (EquatableArray<RuntimeRequirement> Requirements, EquatableArray<SpanOverlapCheck> Overlaps) EntryChecks(KernelAccesses? accesses)
    {
        if (accesses is null)
            return (EquatableArray<RuntimeRequirement>.Empty, EquatableArray<SpanOverlapCheck>.Empty);
        try
        {
            RaceAnalysis analysis = RaceDetector.Analyze(accesses);
            return (analysis.Requirements.ToEquatableArray(), SpanOverlapCheck.Collect(accesses.Input, accesses, analysis));
        }
        catch (System.OverflowException)
        {
            // Subscripts past 64-bit arithmetic (here or in collecting, which gave null): the analysis proves nothing (the analyzers are silent too), so there
            // is no fact to check. Refusing every call would be the only alternative.
            return (EquatableArray<RuntimeRequirement>.Empty, EquatableArray<SpanOverlapCheck>.Empty);
        }
    }
}

using DataParallel.Analyzers.Model;

namespace DataParallel.Analyzers.Analysis;

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

    /// <summary>The requirements alone, value-equatable for the incremental pipeline.</summary>
    public static EquatableArray<RuntimeRequirement> Requirements(KernelModel model) => Analyze(model).Requirements.ToEquatableArray();
}

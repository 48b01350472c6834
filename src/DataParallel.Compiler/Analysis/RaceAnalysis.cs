using System.Collections.Immutable;

namespace DataParallel.Compiler.Analysis;

/// <summary>What <see cref="RaceDetector"/> found in one kernel.</summary>
/// <param name="Accesses">The access analysis it worked on.</param>
/// <param name="Findings">Races to report, at most one per site and kind.</param>
/// <param name="Requirements">Facts the entry point must check for the kernel to be race-free (DESIGN §5).</param>
internal sealed record RaceAnalysis(KernelAccesses Accesses, ImmutableArray<RaceFinding> Findings, ImmutableArray<RuntimeRequirement> Requirements)
{
    public static RaceAnalysis Empty(KernelAccesses accesses) => new(accesses, ImmutableArray<RaceFinding>.Empty, ImmutableArray<RuntimeRequirement>.Empty);
}

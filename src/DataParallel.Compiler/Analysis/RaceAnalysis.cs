using System.Collections.Immutable;

namespace DataParallel.Compiler.Analysis;

/// <summary>What <see cref="RaceDetector"/> found in one kernel.</summary>
/// <param name="Accesses">The access analysis it worked on.</param>
/// <param name="Findings">Races to report, at most one per site and kind.</param>
/// <param name="Requirements">Facts the entry point must check for the kernel to be race-free (DESIGN §5).</param>
/// <param name="Unproven">
/// Pairs of sites (ids) the analysis neither proved race-free (alone or with a requirement) nor refuted: the analyzers
/// stay silent about them, so nothing that needs race freedom <em>proven</em> — passing one memory for two spans —
/// may rely on them.
/// </param>
/// <param name="Complete">False when pairs went unexamined (too many, or arithmetic past 64 bits): nothing is proven then.</param>
internal sealed record RaceAnalysis(KernelAccesses Accesses, ImmutableArray<RaceFinding> Findings, ImmutableArray<RuntimeRequirement> Requirements,
    ImmutableArray<(int First, int Second)> Unproven, bool Complete)
{
    public static RaceAnalysis Empty(KernelAccesses accesses)
        => new(accesses, ImmutableArray<RaceFinding>.Empty, ImmutableArray<RuntimeRequirement>.Empty, ImmutableArray<(int, int)>.Empty, Complete: false);
}

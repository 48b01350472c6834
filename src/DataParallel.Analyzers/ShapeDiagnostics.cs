using System.Collections.Generic;
using DataParallel.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;

namespace DataParallel.Analyzers;

/// <summary>
/// What the generator will make of a kernel: shape errors (DP0xxx) and excluded constructs (DP3002) as the model
/// builder found them, and why the kernel does not vectorise (DP3001).
/// </summary>
internal static class ShapeDiagnostics
{
    /// <summary>
    /// DP3001's last part: a kernel whose unmodelled construct touches spans, or that points a span parameter
    /// elsewhere, runs in order (the race analysis cannot vouch for it); any other runs on every core.
    /// </summary>
    private static string HowItRuns(KernelAnalysis analysis)
        => analysis.Build.Model is { } model && (model.HidesSpanAccesses || model.AssignedSpanParameters.Count > 0)
            ? "the race analysis cannot see every span access in it, so it runs in order, on one thread, one element at a time"
            : "it runs correctly on all cores, one element at a time";

    public static IEnumerable<Diagnostic> Of(KernelAnalysis analysis, IMethodSymbol method, Location fallback)
    {
        foreach (Diagnostic diagnostic in analysis.Build.Diagnostics)
            yield return diagnostic;
        if (analysis.Simd is not { Blocker: { } blocker } decision)
            yield break;
        Location location = analysis.Build.Body?.Unlowered?.Location
            ?? (analysis.Build.Body?.Locations.TryGetValue(decision.BlockingNode, out Location? at) == true ? at : null)
            ?? fallback;
        yield return Diagnostic.Create(DiagnosticDescriptors.SimdBlocked, location, method.Name, blocker, HowItRuns(analysis));
    }
}

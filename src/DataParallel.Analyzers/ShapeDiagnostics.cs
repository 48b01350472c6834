using System.Collections.Generic;
using DataParallel.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;

namespace DataParallel.Analyzers;

/// <summary>
/// What the generator will make of a kernel: shape errors (DP0xxx) and excluded constructs (DP3002) as the model
/// builder found them, why the kernel does not vectorise (DP3001), and, where DataParallel.Gpu is referenced, why it
/// gets no GPU entry points (DP3003).
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
        if (analysis.Gpu is { Blocker: { } gpuBlocker } gpu)
            yield return Diagnostic.Create(DiagnosticDescriptors.GpuBlocked, Place(analysis, gpu.BlockingNode, fallback), method.Name, gpuBlocker);
        if (analysis.Simd is not { Blocker: { } blocker } decision)
            yield break;
        yield return Diagnostic.Create(DiagnosticDescriptors.SimdBlocked, Place(analysis, decision.BlockingNode, fallback), method.Name, blocker, HowItRuns(analysis));
    }

    /// <summary>Where a lowering blocker is reported: the construct the IR does not model, else the blocking node, else the kernel.</summary>
    private static Location Place(KernelAnalysis analysis, int blockingNode, Location fallback)
        => analysis.Build.Body?.Unlowered?.Location
            ?? (analysis.Build.Body?.Locations.TryGetValue(blockingNode, out Location? at) == true ? at : null)
            ?? fallback;
}

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
    public static IEnumerable<Diagnostic> Of(KernelAnalysis analysis, IMethodSymbol method, Location fallback)
    {
        foreach (Diagnostic diagnostic in analysis.Build.Diagnostics)
            yield return diagnostic;
        if (analysis.Gpu is { Blocker: { } gpuBlocker } gpu)
            yield return Diagnostic.Create(DiagnosticDescriptors.GpuBlocked, Place(analysis, gpu.BlockingNode, fallback), method.Name, gpuBlocker);
        if (analysis.Simd is not { Blocker: { } blocker } decision)
            yield break;
        yield return Diagnostic.Create(DiagnosticDescriptors.SimdBlocked, Place(analysis, decision.BlockingNode, fallback), method.Name, blocker);
    }

    /// <summary>Where a lowering blocker is reported: the construct the IR does not model, else the blocking node, else the kernel.</summary>
    private static Location Place(KernelAnalysis analysis, object? blockingNode, Location fallback)
        => analysis.Build.Body?.Unlowered?.Location
            ?? (blockingNode is not null && analysis.Build.Body?.Locations.TryGetValue(blockingNode, out Location? at) == true ? at : null)
            ?? fallback;
}

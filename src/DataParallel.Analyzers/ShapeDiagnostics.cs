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
    public static IEnumerable<Diagnostic> Of(KernelAnalysis analysis, IMethodSymbol method, Location fallback)
    {
        foreach (Diagnostic diagnostic in analysis.Build.Diagnostics)
            yield return diagnostic;
        if (analysis.Simd is not { Blocker: { } blocker } decision)
            yield break;
        Location location = analysis.Build.Body?.Unlowered?.Location
            ?? (analysis.Build.Body?.Locations.TryGetValue(decision.BlockingNode, out Location? at) == true ? at : null)
            ?? fallback;
        yield return Diagnostic.Create(DiagnosticDescriptors.SimdBlocked, location, method.Name, blocker);
    }
}

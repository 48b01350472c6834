using System.Collections.Generic;
using System.Collections.Immutable;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Diagnostics;
using DataParallel.Compiler.Syntax;
using Microsoft.CodeAnalysis;

namespace DataParallel.Analyzers;

/// <summary>
/// Memory-locality problems of a kernel (DP2xxx, DESIGN §5), judged across the fastest index: strides, column walks
/// of row-major data, gathers, and lanes that each walk their own row.
/// </summary>
internal static class LocalityDiagnostics
{
    public static IEnumerable<Diagnostic> Of(KernelAnalysis analysis, IMethodSymbol method, Location fallback)
    {
        if (analysis.Locality is not { } findings || analysis.Input is not { } input || analysis.Build.Body is not { } read)
            yield break;
        foreach (LocalityFinding finding in findings)
            yield return Create(finding, method, AccessAnalysisSource.Locate(finding.Site, read, fallback), input.Dimensions);
    }

    private static Diagnostic Create(LocalityFinding finding, IMethodSymbol method, Location location, int dimensions) => finding.Kind switch
    {
        LocalityKind.Strided => Diagnostic.Create(DiagnosticDescriptors.StridedAccess, location, method.Name, finding.Site.Display, finding.Stride, finding.FastIndex),
        LocalityKind.IndexOrderWalksColumns => Diagnostic.Create(DiagnosticDescriptors.IndexOrderWalksColumns, location, method.Name, finding.Site.Display, finding.FastIndex, finding.Stride, finding.Partner),
        LocalityKind.ColumnWalk => Diagnostic.Create(DiagnosticDescriptors.ColumnWalk, location, method.Name, finding.Site.Display, finding.FastIndex, finding.Stride, finding.Partner),
        LocalityKind.Gather => Diagnostic.Create(DiagnosticDescriptors.Gather, location, method.Name, finding.Site.Display, finding.FastIndex),
        LocalityKind.InnerLoopStride => Diagnostic.Create(DiagnosticDescriptors.InnerLoopStride, location,
            finding.Partner is null ? null : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.InnerLoopProperty, finding.FastIndex).Add(DiagnosticProperties.InterchangePartnerProperty, finding.Partner),
            method.Name, finding.Site.Display, finding.FastIndex, finding.Stride,
            finding.Partner is null ? "" : $"; interchanging loops '{finding.Partner}' and '{finding.FastIndex}' would walk it contiguously"),
        LocalityKind.LanesWalkRows => Diagnostic.Create(DiagnosticDescriptors.LanesWalkRows, location, method.Name, finding.Site.Display, finding.FastIndex, finding.Stride, finding.Partner,
            dimensions == 1
                ? $"a 2-D kernel whose last index replaces '{finding.Partner}' would let neighbouring lanes read neighbouring elements"
                : "storing the data transposed would let neighbouring lanes read neighbouring elements"),
        _ => throw new System.ArgumentOutOfRangeException(nameof(finding), finding.Kind, null),
    };
}

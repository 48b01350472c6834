using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Diagnostics;
using DataParallel.Compiler.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace DataParallel.Analyzers;

/// <summary>
/// Reports memory-locality problems of <c>[Parallel]</c> kernels (DP2xxx, DESIGN §5), judged across the fastest
/// index: strides, column walks of row-major data, gathers, and lanes that each walk their own row. It shares the
/// access analysis with <see cref="RaceAnalyzer"/> and the generator.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LocalityAnalyzer : DiagnosticAnalyzer
{
    /// <summary>
    /// The DP2006 property naming the enclosing loop variable whose loop could trade places with the reported one to
    /// walk the access with unit stride (the interchange code fix reads it).
    /// </summary>
    public const string InterchangePartnerProperty = "InterchangeWith";

    /// <summary>The DP2006 property naming the reported inner loop's variable, next to <see cref="InterchangePartnerProperty"/>.</summary>
    public const string InnerLoopProperty = "InnerLoop";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.StridedAccess,
        DiagnosticDescriptors.IndexOrderWalksColumns,
        DiagnosticDescriptors.Gather,
        DiagnosticDescriptors.LanesWalkRows,
        DiagnosticDescriptors.ColumnWalk,
        DiagnosticDescriptors.InnerLoopStride);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        KernelBlocks.Register(context, AnalyzeKernel);
    }

    private static void AnalyzeKernel(OperationBlockAnalysisContext context, IMethodSymbol method, IOperation body)
    {
        if (AccessAnalysisSource.Build(method, body, context.CancellationToken) is not { } result
            || AccessAnalysisSource.Create(method, result, body) is not { } input || result.Body is not { } read)
            return;

        Location fallback = method.Locations.FirstOrDefault() ?? Location.None;
        var reported = new HashSet<(string, TextSpan)>();
        IEnumerable<LocalityFinding> findings;
        try
        {
            findings = LocalityAnalysis.Analyze(AccessCollector.Collect(input)).ToList();
        }
        catch (OverflowException)
        {
            // Subscript arithmetic past 64 bits: nothing can be said about strides.
            return;
        }
        foreach (LocalityFinding finding in findings)
        {
            Location location = AccessAnalysisSource.Locate(finding.Site, read, fallback);
            Diagnostic diagnostic = Create(finding, method, location, input.Dimensions);
            if (reported.Add((diagnostic.Id, location.SourceSpan)))
                context.ReportDiagnostic(diagnostic);
        }
    }

    private static Diagnostic Create(LocalityFinding finding, IMethodSymbol method, Location location, int dimensions) => finding.Kind switch
    {
        LocalityKind.Strided => Diagnostic.Create(DiagnosticDescriptors.StridedAccess, location, method.Name, finding.Site.Display, finding.Stride, finding.FastIndex),
        LocalityKind.IndexOrderWalksColumns => Diagnostic.Create(DiagnosticDescriptors.IndexOrderWalksColumns, location, method.Name, finding.Site.Display, finding.FastIndex, finding.Stride, finding.Partner),
        LocalityKind.ColumnWalk => Diagnostic.Create(DiagnosticDescriptors.ColumnWalk, location, method.Name, finding.Site.Display, finding.FastIndex, finding.Stride, finding.Partner),
        LocalityKind.Gather => Diagnostic.Create(DiagnosticDescriptors.Gather, location, method.Name, finding.Site.Display, finding.FastIndex),
        LocalityKind.InnerLoopStride => Diagnostic.Create(DiagnosticDescriptors.InnerLoopStride, location,
            finding.Partner is null ? null : ImmutableDictionary<string, string?>.Empty.Add(InnerLoopProperty, finding.FastIndex).Add(InterchangePartnerProperty, finding.Partner),
            method.Name, finding.Site.Display, finding.FastIndex, finding.Stride,
            finding.Partner is null ? "" : $"; interchanging loops '{finding.Partner}' and '{finding.FastIndex}' would walk it contiguously"),
        _ => Diagnostic.Create(DiagnosticDescriptors.LanesWalkRows, location, method.Name, finding.Site.Display, finding.FastIndex, finding.Stride, finding.Partner,
            dimensions == 1
                ? $"a 2-D kernel whose last index replaces '{finding.Partner}' would let neighbouring lanes read neighbouring elements"
                : "storing the data transposed would let neighbouring lanes read neighbouring elements"),
    };
}

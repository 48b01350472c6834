using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Diagnostics;
using DataParallel.Compiler.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DataParallel.Analyzers;

/// <summary>
/// Reports, as the user types, everything DataParallel has to say about a <c>[Parallel]</c> kernel: its shape
/// (DP0xxx), constructs the kernel language excludes and why it does not vectorise (DP3xxx), data races between its
/// index points (DP1xxx), and memory locality across its fastest index (DP2xxx); and calls of partitioned entry points that throw (DP4001). One analyzer, so the kernel is read
/// and its accesses collected once per keystroke (<see cref="KernelAnalysis"/>), with the same model builder, access
/// analysis and SIMD planner as the generator, so the two never disagree.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KernelAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.KernelNotStatic,
        DiagnosticDescriptors.TypeNotPartial,
        DiagnosticDescriptors.IndexNotInt,
        DiagnosticDescriptors.UnsupportedParameter,
        DiagnosticDescriptors.MissingReduce,
        DiagnosticDescriptors.EntryPointCollision,
        DiagnosticDescriptors.InvalidDimensions,
        DiagnosticDescriptors.InvalidReduce,
        DiagnosticDescriptors.GenericKernel,
        DiagnosticDescriptors.WriteWriteRace,
        DiagnosticDescriptors.PossibleRace,
        DiagnosticDescriptors.ReadWriteRace,
        DiagnosticDescriptors.SharedStateWrite,
        DiagnosticDescriptors.SharedAccumulation,
        DiagnosticDescriptors.StridedAccess,
        DiagnosticDescriptors.IndexOrderWalksColumns,
        DiagnosticDescriptors.Gather,
        DiagnosticDescriptors.LanesWalkRows,
        DiagnosticDescriptors.ColumnWalk,
        DiagnosticDescriptors.InnerLoopStride,
        DiagnosticDescriptors.SimdBlocked,
        DiagnosticDescriptors.GpuBlocked,
        DiagnosticDescriptors.UnsupportedConstruct,
        DiagnosticDescriptors.NotPartitionable);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        KernelBlocks.Register(context, (block, method, body, gpuReferenced) =>
        {
            KernelAnalysis analysis = KernelAnalysis.Run(method, body, gpuReferenced, block.CancellationToken);
            Location fallback = method.Locations.FirstOrDefault() ?? Location.None;
            // One statement can stand in the IR more than once (a helper inlined at two calls, a write through a span
            // local that is one of two spans): one report per place.
            var reported = new HashSet<(string, TextSpan)>();
            foreach (Diagnostic diagnostic in ShapeDiagnostics.Of(analysis, method, fallback).Where(d => d.Id != DiagnosticDescriptors.TypeNotPartial.Id)
                .Concat(RaceDiagnostics.Of(analysis, method, body, fallback, block.CancellationToken))
                .Concat(LocalityDiagnostics.Of(analysis, method, fallback)))
            {
                if (reported.Add((diagnostic.Id, diagnostic.Location.SourceSpan)))
                    block.ReportDiagnostic(diagnostic);
            }
        }, ReportNonPartialType);
        PartitionCalls.Register(context);
    }

    /// <summary>DP0002 on a type that encloses kernels but is not partial, once for each kernel it encloses.</summary>
    private static void ReportNonPartialType(SymbolAnalysisContext context, INamedTypeSymbol type, IReadOnlyList<IMethodSymbol> kernels)
    {
        if (KernelModelBuilder.IsPartial(type, context.CancellationToken) || type.Locations.FirstOrDefault(l => l.IsInSource) is not { } location)
            return;
        foreach (IMethodSymbol kernel in kernels)
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.TypeNotPartial, location, type.Name, kernel.Name));
    }
}

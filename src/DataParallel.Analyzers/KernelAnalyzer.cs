using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Diagnostics;
using DataParallel.Compiler.Planning;
using DataParallel.Compiler.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DataParallel.Analyzers;

/// <summary>
/// Reports, as the user types, what the generator will make of each <c>[Parallel]</c> kernel: shape errors
/// (DP0xxx), constructs the kernel language excludes (DP3002), and why a kernel does not vectorise (DP3001). It
/// runs the same model builder and SIMD planner as the generator, so the two never disagree.
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
        DiagnosticDescriptors.SimdBlocked,
        DiagnosticDescriptors.UnsupportedConstruct);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        KernelBlocks.Register(context, AnalyzeKernel);
    }

    private static void AnalyzeKernel(OperationBlockAnalysisContext context, IMethodSymbol method, IOperation body)
    {
        KernelBuildResult result = KernelModelBuilder.Build(method, body, context.CancellationToken);
        foreach (Diagnostic diagnostic in result.Diagnostics)
            context.ReportDiagnostic(diagnostic);
        if (result.Model is null)
            return;
        SimdDecision decision = SimdPlanner.Plan(result.Model);
        if (decision.Blocker is null)
            return;
        Location location = result.Body?.Unlowered?.Location
            ?? (result.Body?.Locations.TryGetValue(decision.BlockingNode, out Location? at) == true ? at : null)
            ?? method.Locations.FirstOrDefault()
            ?? Location.None;
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SimdBlocked, location, method.Name, decision.Blocker));
    }
}

using System;
using System.Linq;
using System.Threading;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Diagnostics;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Planning;
using DataParallel.Compiler.Syntax;
using DataParallel.Generators.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace DataParallel.Generators;

/// <summary>
/// Generates, for every <c>[Parallel]</c> kernel, entry points that run it over a whole domain: vectorised and on all
/// cores where the SIMD lowering applies, multi-core scalar otherwise (DESIGN §1, §3). Kernels with errors generate
/// nothing; the analyzers report why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ParallelGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<KernelExtraction> kernels = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KernelModelBuilder.AttributeName,
                predicate: static (node, _) => node is MethodDeclarationSyntax { Body: not null } or MethodDeclarationSyntax { ExpressionBody: not null },
                transform: static (syntax, cancellationToken) => Extract(syntax, cancellationToken))
            .WithTrackingName(TrackingNames.Kernels);

        IncrementalValuesProvider<KernelExtraction> generatable = kernels
            .Where(static k => k.Model is not null || k.Failure is not null)
            .WithTrackingName(TrackingNames.GeneratableKernels);

        // Global alias directives, found per syntax tree (only edited trees are searched again); the chosen names
        // stay equal in value unless such an alias is added or removed, so the kernels' outputs stay cached.
        IncrementalValueProvider<NamespaceAliases> aliases = context.SyntaxProvider
            .CreateSyntaxProvider(
                predicate: static (node, _) => node is UsingDirectiveSyntax { Alias: not null } directive && directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword),
                transform: static (syntax, _) => ((UsingDirectiveSyntax)syntax.Node).Alias!.Name.Identifier.ValueText)
            .Collect()
            .Select(static (names, _) => NamespaceAliases.Avoiding(names))
            .WithTrackingName(TrackingNames.NamespaceAliases);

        context.RegisterSourceOutput(generatable.Combine(aliases), static (output, pair) => Generate(output, pair.Left, pair.Right));
    }

    private static KernelExtraction Extract(GeneratorAttributeSyntaxContext syntax, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)syntax.TargetSymbol;
        try
        {
            IOperation? body = syntax.SemanticModel.GetOperation(syntax.TargetNode, cancellationToken);
            KernelBuildResult result = KernelModelBuilder.Build(method, body, cancellationToken);
            if (result.Model is not { } model)
                return new KernelExtraction(null, null, null, null);
            return new KernelExtraction(model, null, null, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new KernelExtraction(null, method.Name, Describe(e), LocationInfo.From(method.Locations.FirstOrDefault()));
        }
    }

    private static void Generate(SourceProductionContext output, KernelExtraction extraction, NamespaceAliases aliases)
    {
        if (extraction.Model is not { } kernel)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, extraction.Location?.ToLocation(), extraction.KernelName, extraction.Failure));
            return;
        }
        // The kernel's accesses, collected once for both the entry checks and the SIMD plan (not value-equatable, so
        // computed here rather than carried in the extraction).
        KernelAccesses? accesses;
        EquatableArray<RuntimeRequirement> requirements;
        EquatableArray<SpanOverlapCheck> overlaps;
        try
        {
            accesses = KernelAccessAnalysis.Collect(kernel);
            // The analyzers stay silent about races that only some calls have; the entry point must then refuse those calls.
            (requirements, overlaps) = KernelAccessAnalysis.EntryChecks(accesses);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, kernel.Location?.ToLocation(), kernel.Name, Describe(e)));
            return;
        }
        string source;
        CpuKernelPlan plan;
        try
        {
            plan = CpuKernelPlan.Create(kernel, accesses, requirements, overlaps);
            source = KernelSourceEmitter.Emit(plan, aliases);
        }
        catch (Exception simdFailure) when (simdFailure is not OperationCanceledException)
        {
            // A bug in the SIMD lowering must not cost the user their build: the scalar path is always correct.
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SimdLoweringFailure, kernel.Location?.ToLocation(), kernel.Name, Describe(simdFailure)));
            try
            {
                plan = CpuKernelPlan.Create(kernel, accesses, requirements, overlaps, scalarOnly: true);
                source = KernelSourceEmitter.Emit(plan, aliases);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, kernel.Location?.ToLocation(), kernel.Name, Describe(e)));
                return;
            }
        }
        output.AddSource(HintName(kernel, plan), SourceText.From(source, System.Text.Encoding.UTF8));
    }

    /// <summary>Unique per kernel: overloads differ in the runner's signature hash.</summary>
    private static string HintName(KernelModel kernel, CpuKernelPlan plan)
    {
        string types = string.Join(".", kernel.ContainingTypes.Select(t => t.Name));
        return $"{(kernel.Namespace is null ? "" : kernel.Namespace + ".")}{types}.{plan.RunnerName.TrimStart('_')}.g.cs";
    }

    private static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
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
/// <remarks>
/// The pipeline keeps source locations out of what it lowers: kernels are read (with their place in source), their
/// location-free models lowered and emitted, and the lowering's failures (DP3998/DP3999) placed in source by a step
/// of their own. A kernel that only moves, or a comment in its body, therefore regenerates nothing.
/// </remarks>
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

        IncrementalValuesProvider<KernelModel> models = kernels
            .Where(static k => k.Model is not null)
            .Select(static (k, _) => k.Model!)
            .WithTrackingName(TrackingNames.KernelModels);

        // Global alias directives, found per syntax tree (only edited trees are searched again); the chosen names
        // stay equal in value unless such an alias is added or removed, so the kernels' outputs stay cached.
        IncrementalValueProvider<NamespaceAliases> aliases = context.SyntaxProvider
            .CreateSyntaxProvider(
                predicate: static (node, _) => node is UsingDirectiveSyntax { Alias: not null } directive && directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword),
                transform: static (syntax, _) => ((UsingDirectiveSyntax)syntax.Node).Alias!.Name.Identifier.ValueText)
            .Collect()
            .Select(static (names, _) => NamespaceAliases.Avoiding(names))
            .WithTrackingName(TrackingNames.NamespaceAliases);

        IncrementalValuesProvider<LoweredKernel> lowered = models
            .Combine(aliases)
            .Select(static (pair, cancellationToken) => KernelLowering.Lower(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.LoweredKernels);

        context.RegisterSourceOutput(lowered, static (output, kernel) =>
        {
            if (kernel.Source is not null)
                output.AddSource(kernel.HintName, SourceText.From(kernel.Source, System.Text.Encoding.UTF8));
        });

        // With DataParallel.Gpu referenced, every kernel the GPU whitelist accepts also gets a GPU file. The flag is a
        // bool, equal from one compilation to the next, so the kernels' GPU outputs stay cached while it does.
        IncrementalValueProvider<bool> gpuReferenced = context.CompilationProvider
            .Select(static (compilation, _) => compilation.GetTypeByMetadataName(GpuPlanner.MarkerMetadataName) is not null)
            .WithTrackingName(TrackingNames.GpuReferenced);
        IncrementalValuesProvider<GpuLoweredKernel> gpuKernels = models
            .Combine(aliases)
            .Combine(gpuReferenced)
            .Where(static pair => pair.Right)
            .Select(static (pair, cancellationToken) => GpuLowering.Lower(pair.Left.Left, pair.Left.Right, cancellationToken))
            .WithTrackingName(TrackingNames.GpuKernels);
        // A strong-named assembly cannot name the unsigned "ILGPURuntime" as a friend (CS1726): it gets no such file,
        // and ILGPU's CPU accelerator then refuses its kernels with a GpuKernelLoadException naming them.
        IncrementalValueProvider<bool> strongNamed = context.CompilationProvider
            .Select(static (compilation, _) => compilation.Assembly.Identity.HasPublicKey);
        context.RegisterSourceOutput(gpuReferenced.Combine(strongNamed), static (output, pair) =>
        {
            if (pair.Left && !pair.Right)
                output.AddSource(GpuRuntimeAccess.HintName, SourceText.From(GpuRuntimeAccess.Source, System.Text.Encoding.UTF8));
        });
        context.RegisterSourceOutput(gpuKernels, static (output, kernel) =>
        {
            if (kernel.Source is not null)
                output.AddSource(kernel.HintName, SourceText.From(kernel.Source, System.Text.Encoding.UTF8));
        });

        // Failures need a place in source: the lowering's are matched with the kernels' locations here, in a step
        // that only reports (it runs again when a kernel moves, and costs a dictionary).
        IncrementalValueProvider<ImmutableArray<LoweringFailure>> failures = lowered
            .SelectMany(static (kernel, _) => kernel.Failures)
            .Collect()
            .WithTrackingName(TrackingNames.LoweringFailures);
        IncrementalValueProvider<ImmutableArray<KernelPlace>> places = kernels
            .Where(static k => k.Model is not null)
            .Select(static (k, _) => new KernelPlace(k.Model!.Key, k.Location))
            .Collect();
        context.RegisterSourceOutput(failures.Combine(places), static (output, pair) => ReportLoweringFailures(output, pair.Left, pair.Right));
        IncrementalValueProvider<ImmutableArray<GpuLoweredKernel>> gpuFailures = gpuKernels.Where(static k => k.Failure is not null).Collect();
        context.RegisterSourceOutput(gpuFailures.Combine(places), static (output, pair) => ReportGpuFailures(output, pair.Left, pair.Right));
        context.RegisterSourceOutput(kernels.Where(static k => k.Failure is not null), static (output, kernel) =>
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, kernel.Location?.ToLocation(), kernel.KernelName, kernel.Failure)));
    }

    private static KernelExtraction Extract(GeneratorAttributeSyntaxContext syntax, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)syntax.TargetSymbol;
        LocationInfo? location = LocationInfo.From(method.Locations.FirstOrDefault());
        try
        {
            IOperation? body = syntax.SemanticModel.GetOperation(syntax.TargetNode, cancellationToken);
            KernelBuildResult result = KernelModelBuilder.Build(method, body, cancellationToken);
            return new KernelExtraction(result.Model, method.Name, null, location);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new KernelExtraction(null, method.Name, KernelLowering.Describe(e), location);
        }
    }

    private static void ReportLoweringFailures(SourceProductionContext output, ImmutableArray<LoweringFailure> failures, ImmutableArray<KernelPlace> places)
    {
        if (failures.IsEmpty)
            return;
        var locations = new Dictionary<string, LocationInfo?>(StringComparer.Ordinal);
        foreach (KernelPlace place in places)
            locations[place.KernelKey] = place.Location;
        foreach (LoweringFailure failure in failures)
        {
            Location? location = locations.TryGetValue(failure.KernelKey, out LocationInfo? info) ? info?.ToLocation() : null;
            DiagnosticDescriptor descriptor = failure.SimdOnly ? DiagnosticDescriptors.SimdLoweringFailure : DiagnosticDescriptors.GeneratorFailure;
            output.ReportDiagnostic(Diagnostic.Create(descriptor, location, failure.KernelName, failure.Message));
        }
    }

    private static void ReportGpuFailures(SourceProductionContext output, ImmutableArray<GpuLoweredKernel> failures, ImmutableArray<KernelPlace> places)
    {
        foreach (GpuLoweredKernel failure in failures)
        {
            Location? location = places.FirstOrDefault(p => p.KernelKey == failure.KernelKey)?.Location?.ToLocation();
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.GpuBlocked, location, failure.KernelName, failure.Failure));
        }
    }

    /// <summary>Where a kernel is in source, by its <see cref="KernelModel.Key"/>.</summary>
    private sealed record KernelPlace(string KernelKey, LocationInfo? Location);
}

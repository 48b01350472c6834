using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Diagnostics;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace DataParallel.Analyzers;

/// <summary>
/// Reports data races between the index points of <c>[Parallel]</c> kernels (DP1xxx, DESIGN §5) as the user types:
/// different indices writing one element, an index reading what another writes, shared state written by every
/// index, and accumulations that should be reductions. It runs the shared access analysis
/// (<see cref="AccessCollector"/>, <see cref="RaceDetector"/>) and says nothing where race freedom depends on a
/// fact only the call knows: the generated entry point checks those.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RaceAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property naming the <c>Reduction</c> a DP1005 fix should use.</summary>
    public const string ReductionProperty = "Reduction";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.WriteWriteRace,
        DiagnosticDescriptors.PossibleRace,
        DiagnosticDescriptors.ReadWriteRace,
        DiagnosticDescriptors.SharedStateWrite,
        DiagnosticDescriptors.SharedAccumulation);

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

        RaceAnalysis races;
        try
        {
            races = RaceDetector.Analyze(AccessCollector.Collect(input));
        }
        catch (OverflowException)
        {
            // Subscript arithmetic past 64 bits: nothing can be proven either way, so say nothing.
            return;
        }
        Location fallback = method.Locations.FirstOrDefault() ?? Location.None;
        // One statement can stand in the IR more than once (a helper inlined at two calls, a write through a span
        // local that is one of two spans): one report per place.
        var reported = new HashSet<(string, TextSpan)>();
        foreach (RaceFinding finding in races.Findings)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (Report(finding, method, body, read, fallback) is { } diagnostic && reported.Add((diagnostic.Id, diagnostic.Location.SourceSpan)))
                context.ReportDiagnostic(diagnostic);
        }
    }

    private static Diagnostic? Report(RaceFinding finding, IMethodSymbol method, IOperation body, BodyReadResult read, Location fallback)
    {
        Location location = AccessAnalysisSource.Locate(finding.Site, read, fallback);
        Location other = AccessAnalysisSource.Locate(finding.Other, read, fallback);
        IEnumerable<Location> additional = finding.Other.Id == finding.Site.Id ? [] : [other];
        switch (finding.Kind)
        {
            case RaceKind.WriteWrite:
                return Diagnostic.Create(DiagnosticDescriptors.WriteWriteRace, location, additional, method.Name,
                    finding.Other.Id == finding.Site.Id || finding.Other.Display == finding.Site.Display ? finding.Site.Display : $"{finding.Site.Display} and {finding.Other.Display}", WriteWriteExample(finding.Witness));
            case RaceKind.ReadWrite:
                return Diagnostic.Create(DiagnosticDescriptors.ReadWriteRace, location, additional, method.Name,
                    finding.Site.Display, finding.Other.Display, ReadWriteExample(finding.Witness));
            case RaceKind.Possible:
                return Diagnostic.Create(DiagnosticDescriptors.PossibleRace, location, additional, method.Name,
                    finding.Site.Display, finding.Other.Id == finding.Site.Id ? "another index's " + finding.Site.Display : finding.Other.Display);
            case RaceKind.Accumulation:
            {
                var update = SharedUpdate.FromIr(finding.Site.Accumulation!, finding.Site.Node is StoreStatement { ElementType: var element } && element.IsInteger());
                return Accumulation(method, location, finding.Site.Display, update);
            }
            case RaceKind.SharedState when finding.Site.IsShared:
            {
                if (SharedUpdate.Classify(body, read.Locations.TryGetValue(finding.Site.Node.Id, out Location? at) ? at : location) is { } update)
                    return Accumulation(method, location, finding.Site.Display, update);
                return Diagnostic.Create(DiagnosticDescriptors.SharedStateWrite, location, method.Name, finding.Site.SharedTarget,
                    "the last index to write wins, and which one that is depends on timing",
                    "compute the value outside the kernel, or return it from a kernel with Reduce");
            }
            case RaceKind.SharedState:
                return Diagnostic.Create(DiagnosticDescriptors.SharedStateWrite, location, method.Name, finding.Site.Display,
                    "it is used as scratch space that every index shares",
                    "use a local variable instead, which each index has to itself");
            default:
                return null;
        }
    }

    private static Diagnostic Accumulation(IMethodSymbol method, Location location, string target, SharedUpdate update)
    {
        string advice = update.Reduction is { } reduction && method.ReturnsVoid
            ? $"make it a [Parallel(Reduce = Reduction.{reduction})] kernel that returns each index's contribution"
            : "compute per-index values and combine them with a Reduce kernel";
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (update.Reduction is { } name && method.ReturnsVoid)
            properties = properties.Add(ReductionProperty, name);
        return Diagnostic.Create(DiagnosticDescriptors.SharedAccumulation, location, properties, method.Name, target, update.Operator, advice);
    }

    private static string WriteWriteExample(ConflictWitness? witness)
        => witness is null ? "for some indices" : $"{witness.FirstPoint} and {witness.SecondPoint} both write {witness.Element}" + Note(witness);

    private static string ReadWriteExample(ConflictWitness? witness)
        => witness is null ? "for some indices" : $"{witness.SecondPoint} reads {witness.Element} while {witness.FirstPoint} writes it" + Note(witness);

    private static string Note(ConflictWitness witness) => witness.Note is null ? "" : $", when {witness.Note}";
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Diagnostics;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Syntax;
using Microsoft.CodeAnalysis;

namespace DataParallel.Analyzers;

/// <summary>
/// Data races between the index points of a kernel (DP1xxx, DESIGN §5): different indices writing one element, an
/// index reading what another writes, shared state written by every index, and accumulations that should be
/// reductions. Nothing is said where race freedom depends on a fact only the call knows: the generated entry point
/// checks those.
/// </summary>
internal static class RaceDiagnostics
{
    public static IEnumerable<Diagnostic> Of(KernelAnalysis analysis, IMethodSymbol method, IOperation body, Location fallback, CancellationToken cancellationToken)
    {
        if (analysis.Races is not { } races || analysis.Build.Body is not { } read)
            yield break;
        foreach (RaceFinding finding in races.Findings)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return Report(finding, method, body, read, fallback);
        }
    }

    private static Diagnostic Report(RaceFinding finding, IMethodSymbol method, IOperation body, BodyReadResult read, Location fallback)
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
                throw new System.ArgumentOutOfRangeException(nameof(finding), finding.Kind, null);
        }
    }

    private static Diagnostic Accumulation(IMethodSymbol method, Location location, string target, SharedUpdate update)
    {
        string advice = update.Reduction is { } reduction && method.ReturnsVoid
            ? $"make it a [Parallel(Reduce = Reduction.{reduction})] kernel that returns each index's contribution"
            : "compute per-index values and combine them with a Reduce kernel";
        var properties = ImmutableDictionary<string, string?>.Empty;
        if (update.Reduction is { } name && method.ReturnsVoid)
            properties = properties.Add(DiagnosticProperties.ReductionProperty, name);
        return Diagnostic.Create(DiagnosticDescriptors.SharedAccumulation, location, properties, method.Name, target, update.Operator, advice);
    }

    private static string WriteWriteExample(ConflictWitness? witness)
        => witness is null ? "for some indices" : $"{witness.FirstPoint} and {witness.SecondPoint} both write {witness.Element}" + Note(witness);

    private static string ReadWriteExample(ConflictWitness? witness)
        => witness is null ? "for some indices" : $"{witness.SecondPoint} reads {witness.Element} while {witness.FirstPoint} writes it" + Note(witness);

    private static string Note(ConflictWitness witness) => witness.Note is null ? "" : $", when {witness.Note}";
}

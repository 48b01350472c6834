using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// Finds data races between the index points of a kernel. Every pair of accesses to one span, at least one a write
/// (a store paired with itself included), is decided by <see cref="DependenceTest"/> when both subscripts are affine,
/// and otherwise — or when the affine test is inconclusive for reasons unrelated to the symbols — by a
/// <see cref="ConcreteRun"/>. Data-dependent subscripts (<c>y[idx[i]]</c>) are "possible" races. Spans are assumed
/// not to alias one another: two span parameters are different memory (the entry point could check that a
/// <c>ReadOnlySpan</c> and a <c>Span</c> do not overlap; it does not yet).
/// </summary>
internal static class RaceDetector
{
    /// <summary>Pairs beyond this many per kernel are not examined: silence rather than an IDE stall.</summary>
    private const int MaxPairs = 600;

    public static RaceAnalysis Analyze(KernelAccesses accesses)
    {
        try
        {
            return AnalyzeChecked(accesses);
        }
        catch (OverflowException)
        {
            // Coefficients too large for exact arithmetic: nothing can be claimed.
            return RaceAnalysis.Empty(accesses);
        }
    }

    private static RaceAnalysis AnalyzeChecked(KernelAccesses accesses)
    {
        var verdicts = new List<(AccessSite Write, AccessSite Other, DependenceResult Result)>();
        var concretePairs = new List<(AccessSite Write, AccessSite Other)>();
        var requirements = new List<RuntimeRequirement>();
        var unproven = new List<(int First, int Second)>();
        int pairs = 0;

        foreach (string span in accesses.WrittenSpans.OrderBy(s => s, StringComparer.Ordinal))
        {
            var sites = accesses.On(span).ToList();
            foreach (AccessSite write in sites.Where(s => s.IsWrite))
            {
                foreach (AccessSite other in sites.Where(s => !s.IsWrite || s.Id >= write.Id))
                {
                    if (++pairs > MaxPairs)
                        break;
                    if (write.Form.Kind == AccessFormKind.DataDependent || other.Form.Kind == AccessFormKind.DataDependent)
                    {
                        verdicts.Add((write, other, new DependenceResult(DependenceOutcome.Inconclusive, null, null, false)));
                        continue;
                    }
                    if (ReferenceEquals(write, other) && RemainderRequirement.For(accesses, write) is { } remainder)
                    {
                        requirements.Add(remainder);
                        verdicts.Add((write, other, DependenceResult.Independent));
                        continue;
                    }
                    DependenceResult result = write.Form.IsAffine && other.Form.IsAffine
                        ? DependenceTest.Test(accesses, write, other)
                        : DependenceResult.Undecided(concreteRunAllowed: true);
                    if (result.Requirement is { } requirement)
                        requirements.Add(requirement);
                    if (result.Outcome == DependenceOutcome.Inconclusive && result.ConcreteRunAllowed)
                        concretePairs.Add((write, other));
                    else
                        verdicts.Add((write, other, result));
                }
            }
        }

        // A concrete run that finds nothing proves nothing: those pairs stay unproven.
        unproven.AddRange(verdicts.Where(v => v.Result.Outcome == DependenceOutcome.Inconclusive).Select(v => (v.Write.Id, v.Other.Id)));
        ConcreteRun? run = concretePairs.Count > 0 ? ConcreteRun.Execute(accesses, requirements) : null;
        var conflicts = run?.Conflicts() ?? new Dictionary<(int, int), ConcreteConflict>();
        foreach (var (write, other) in concretePairs)
        {
            var key = (Math.Min(write.Id, other.Id), Math.Max(write.Id, other.Id));
            if (run is null || !conflicts.TryGetValue(key, out ConcreteConflict? conflict))
            {
                unproven.Add((write.Id, other.Id));
                continue;
            }
            bool writeFirst = conflict.FirstSite == write.Id;
            long writePoint = writeFirst ? conflict.FirstPoint : conflict.SecondPoint;
            long otherPoint = writeFirst ? conflict.SecondPoint : conflict.FirstPoint;
            string element = write.IsShared ? write.Display : $"{write.Span}[{conflict.Element}]";
            string? note = Note(run, write, other);
            verdicts.Add((write, other, DependenceResult.Conflict(new ConflictWitness(run.DescribePoint(writePoint), run.DescribePoint(otherPoint), element, note))));
        }

        var findings = Classify(accesses, verdicts);
        var distinctRequirements = requirements.GroupBy(r => (r.Span, r.Description)).Select(g => g.First()).ToImmutableArray();
        return new RaceAnalysis(accesses, findings, distinctRequirements, unproven.ToImmutableArray(), Complete: pairs <= MaxPairs);
    }

    /// <summary>The uniforms a concrete example relies on: those in the two accesses' subscripts, guards or loop bounds.</summary>
    private static string? Note(ConcreteRun run, AccessSite write, AccessSite other)
    {
        var mentioned = new HashSet<string>(StringComparer.Ordinal);
        foreach (AccessSite site in new[] { write, other })
        {
            var polynomials = site.Context.Guards.Select(g => g.Expression)
                .Concat(site.Context.Loops.SelectMany(l => new[] { l.Lower, l.Upper, l.Origin }).Where(p => p is not null).Select(p => p!));
            if (site.Form.Subscript is { } subscript)
                polynomials = polynomials.Append(subscript);
            foreach (PolynomialAtom atom in polynomials.SelectMany(p => p.Atoms).Where(a => a.Kind == AtomKind.Symbol))
                mentioned.Add(atom.Display);
        }
        var used = run.Uniforms.Where(u => mentioned.Contains(u.Key) || mentioned.Any(m => Mentions(m, u.Key)) || Mentions(write.Display, u.Key) || Mentions(other.Display, u.Key))
            .Select(u => $"{u.Key} = {u.Value}").ToList();
        return used.Count == 0 ? null : string.Join(", ", used);
    }

    private static bool Mentions(string text, string name)
    {
        for (int at = text.IndexOf(name, StringComparison.Ordinal); at >= 0; at = text.IndexOf(name, at + 1, StringComparison.Ordinal))
        {
            bool before = at == 0 || !char.IsLetterOrDigit(text[at - 1]) && text[at - 1] != '_';
            int end = at + name.Length;
            bool after = end == text.Length || !char.IsLetterOrDigit(text[end]) && text[end] != '_';
            if (before && after)
                return true;
        }
        return false;
    }

    /// <summary>
    /// Turns pairwise verdicts into findings on sites: an update of one shared location by every index point is an
    /// accumulation (or scratch, when the element is read back rather than updated); otherwise conflicting stores are
    /// write-write races on the later store and conflicting loads read-write races on the load. The load that belongs
    /// to a racing update (<c>y[i / 2] += …</c>) is covered by the store's finding.
    /// </summary>
    private static ImmutableArray<RaceFinding> Classify(KernelAccesses accesses, List<(AccessSite Write, AccessSite Other, DependenceResult Result)> verdicts)
    {
        var findings = new List<RaceFinding>();
        var dependent = verdicts.Where(v => v.Result.Outcome == DependenceOutcome.Dependent).ToList();
        var covered = new HashSet<int>();

        foreach (var (write, other, result) in dependent.Where(v => v.Write.Id == v.Other.Id))
        {
            if (write.IsShared)
            {
                findings.Add(new RaceFinding(RaceKind.SharedState, write, write, result.Witness));
                covered.Add(write.Id);
                continue;
            }
            if (!write.Form.IsUniformAcrossIndices)
                continue;
            if (write.Accumulation is not null)
            {
                findings.Add(new RaceFinding(RaceKind.Accumulation, write, write, result.Witness));
                covered.Add(write.Id);
                if (SiteOf(accesses, write.ReadBack) is { } readBack)
                    covered.Add(readBack.Id);
                continue;
            }
            var readsBack = accesses.On(write.Span).Where(s => !s.IsWrite && s.Form.Subscript is { } f && f.Equals(write.Form.Subscript)).ToList();
            if (readsBack.Count > 0)
            {
                findings.Add(new RaceFinding(RaceKind.SharedState, write, write, result.Witness, Scratch: true));
                covered.Add(write.Id);
                foreach (AccessSite read in readsBack)
                    covered.Add(read.Id);
            }
        }

        foreach (var (write, other, result) in dependent.Where(v => v.Other.IsWrite))
        {
            AccessSite site = other.Id >= write.Id ? other : write;
            AccessSite partner = ReferenceEquals(site, other) ? write : other;
            if (covered.Contains(site.Id) || findings.Any(f => f.Site.Id == site.Id && f.Kind == RaceKind.WriteWrite))
                continue;
            findings.Add(new RaceFinding(RaceKind.WriteWrite, site, partner, result.Witness));
        }
        var racingStores = new HashSet<int>(findings.Where(f => f.Kind == RaceKind.WriteWrite).Select(f => f.Site.Id));
        foreach (AccessSite store in accesses.Sites.Where(s => racingStores.Contains(s.Id)))
        {
            if (SiteOf(accesses, store.ReadBack) is { } readBack)
                covered.Add(readBack.Id);
        }

        foreach (var (write, read, result) in dependent.Where(v => !v.Other.IsWrite))
        {
            if (covered.Contains(read.Id) || covered.Contains(write.Id) && write.Form.IsUniformAcrossIndices || findings.Any(f => f.Site.Id == read.Id))
                continue;
            findings.Add(new RaceFinding(RaceKind.ReadWrite, read, write, result.Witness));
        }

        foreach (var (write, other, _) in verdicts.Where(v => v.Result.Outcome == DependenceOutcome.Inconclusive
                     && (v.Write.Form.Kind == AccessFormKind.DataDependent || v.Other.Form.Kind == AccessFormKind.DataDependent)))
        {
            AccessSite site = write.Form.Kind == AccessFormKind.DataDependent ? write : other;
            AccessSite partner = ReferenceEquals(site, write) ? other : write;
            if (covered.Contains(site.Id) || findings.Any(f => f.Site.Id == site.Id))
                continue;
            findings.Add(new RaceFinding(RaceKind.Possible, site, partner, null));
        }
        return findings.OrderBy(f => f.Site.Id).ToImmutableArray();
    }

    private static AccessSite? SiteOf(KernelAccesses accesses, int? node)
        => node is null ? null : accesses.Sites.FirstOrDefault(s => s.Node.Id == node);
}

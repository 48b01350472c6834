using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace DataParallel.Compiler.Analysis;

/// <summary>Every span access of a kernel with its form and context: what the race, locality and bounds analyses share.</summary>
/// <param name="Input">The kernel analysed.</param>
/// <param name="Sites">Loads and stores in body order (plus writes of shared state as pseudo-span writes).</param>
/// <param name="IndexAtoms">The atom of each index, by dimension.</param>
/// <param name="WrittenSpans">Spans (and pseudo-spans) some store writes.</param>
/// <param name="UniformLoads">The ids of loads of a never-written span at an index-independent subscript: the same value for every index point.</param>
internal sealed record KernelAccesses(
    AccessAnalysisInput Input,
    ImmutableArray<AccessSite> Sites,
    ImmutableArray<PolynomialAtom> IndexAtoms,
    ImmutableHashSet<string> WrittenSpans,
    IReadOnlyCollection<int> UniformLoads)
{
    public int Dimensions => IndexAtoms.Length;

    public IEnumerable<AccessSite> On(string span) => Sites.Where(s => s.Span == span);

    /// <summary>
    /// The same accesses with span <paramref name="alias"/> taken to be span <paramref name="span"/>, element for
    /// element: what the kernel does when a caller passes one memory for both.
    /// </summary>
    public KernelAccesses Merging(string alias, string span)
    {
        var sites = Sites.Select(s => s.Span == alias ? s with { Span = span } : s).ToImmutableArray();
        var written = WrittenSpans.Contains(alias) ? WrittenSpans.Remove(alias).Add(span) : WrittenSpans;
        return this with { Sites = sites, WrittenSpans = written };
    }
}

using System.Collections.Generic;
using System.Linq;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// The race analysis takes two span parameters to be different memory; a caller can break that (<c>Kernel(y, y)</c>,
/// or <c>x</c> a slice of <c>y</c>). For each span a kernel writes and each other span it touches, the entry point
/// checks that the two do not overlap (DESIGN §5: no silent race). Passing one memory for both, element for element,
/// is allowed where the analysis of the kernel with the two spans merged <em>proves</em> every pair of an access
/// through one with an access through the other race-free and needs no fact beyond those already checked —
/// <c>Saxpy(a, y, y)</c> stays legal, <c>Shift(y, y)</c> with <c>y[i] = x[i + 1]</c> does not, and neither does
/// <c>y[i] = x[i * k]</c>, which the analysis cannot decide (silence about a pair is not a proof).
/// </summary>
/// <param name="Written">A span the kernel writes.</param>
/// <param name="Other">Another span the kernel reads or writes.</param>
/// <param name="WrittenElement">The written span's element type.</param>
/// <param name="OtherElement">The other span's element type.</param>
/// <param name="SameIsSafe">Whether passing the same memory for both is race-free.</param>
internal sealed record SpanOverlapCheck(string Written, string Other, ScalarKind WrittenElement, ScalarKind OtherElement, bool SameIsSafe)
{
    public static EquatableArray<SpanOverlapCheck> Collect(AccessAnalysisInput input, KernelAccesses accesses, RaceAnalysis analysis)
    {
        var spans = input.Parameters.Where(p => p.IsSpan).ToList();
        var touched = new HashSet<string>(accesses.Sites.Select(s => s.Span));
        var checks = new List<SpanOverlapCheck>();
        for (int a = 0; a < spans.Count; a++)
        {
            for (int b = a + 1; b < spans.Count; b++)
            {
                KernelParameter first = spans[a], second = spans[b];
                bool firstWritten = accesses.WrittenSpans.Contains(first.Name), secondWritten = accesses.WrittenSpans.Contains(second.Name);
                if (!firstWritten && !secondWritten || !touched.Contains(first.Name) || !touched.Contains(second.Name))
                    continue;
                var (written, other) = firstWritten ? (first, second) : (second, first);
                checks.Add(new SpanOverlapCheck(written.Name, other.Name, written.Type, other.Type,
                    written.Type == other.Type && MergedIsRaceFree(accesses, analysis, other.Name, written.Name)));
            }
        }
        return checks.ToEquatableArray();
    }

    private static bool MergedIsRaceFree(KernelAccesses accesses, RaceAnalysis analysis, string alias, string span)
    {
        RaceAnalysis merged = RaceDetector.Analyze(accesses.Merging(alias, span));
        var known = new HashSet<string>(analysis.Requirements.Select(r => r.Description));
        if (!merged.Complete || !merged.Findings.IsEmpty || !merged.Requirements.All(r => known.Contains(r.Description)))
            return false;
        // Pairs within one span are the same with or without the aliasing; a pair across the two must be proven.
        var throughAlias = new HashSet<int>(accesses.On(alias).Select(s => s.Id));
        var throughSpan = new HashSet<int>(accesses.On(span).Select(s => s.Id));
        return !merged.Unproven.Any(p => throughAlias.Contains(p.First) && throughSpan.Contains(p.Second)
                                         || throughSpan.Contains(p.First) && throughAlias.Contains(p.Second));
    }
}

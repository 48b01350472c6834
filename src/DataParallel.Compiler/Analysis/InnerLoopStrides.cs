using System.Collections.Generic;
using System.Linq;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// Judges accesses that the lanes do not spread (the subscript is the same in every lane, so a vector gains nothing
/// from neighbouring elements) by how the innermost loop around them moves through memory (DP2006). Each iteration
/// is then one scalar access; a coefficient of ±1 for the loop variable keeps those accesses on one cache line,
/// any other (a constant, or a uniform such as the row length) touches a new line every iteration. Accesses the
/// lanes already spread are the across-lane analysis' business: whatever their loop does, neighbouring lanes share
/// cache lines or the across-lane diagnostics say why not. Loops that run a handful of iterations (a 3x3 stencil)
/// and loops whose bounds differ between lanes are left alone.
/// </summary>
internal static class InnerLoopStrides
{
    /// <summary>Loops of at most this many iterations touch too few lines to matter.</summary>
    private const long TinyTripCount = 4;

    public static IEnumerable<LocalityFinding> Find(KernelAccesses accesses)
    {
        int fastestDimension = accesses.Dimensions - 1;
        foreach (AccessSite site in accesses.Sites)
        {
            if (site.IsShared || !site.Form.IsAffine || site.Form.DependsOnIndex(fastestDimension) || site.Context.Loops.IsEmpty)
                continue;
            InductionRange inner = site.Context.Loops[site.Context.Loops.Length - 1];
            if (!IsUniformAcrossLanes(inner, fastestDimension) || IsTiny(inner))
                continue;
            Polynomial coefficient = site.Form.CoefficientOf(inner.Variable);
            if (coefficient.IsZero || coefficient.ConstantValue is 1 or -1)
                continue;
            string? outer = InterchangePartner(site, inner, fastestDimension);
            yield return new LocalityFinding(LocalityKind.InnerLoopStride, site, Stride(coefficient), inner.Variable.Display, outer);
        }
    }

    private static string Stride(Polynomial coefficient)
        => coefficient.ConstantValue is { } constant
            ? System.Math.Abs(constant).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : coefficient.ToString();

    /// <summary>
    /// The enclosing loop whose variable walks the access with unit stride, when the two could trade places: the
    /// inner loop's bounds do not mention the outer variable, and both loops step by one. Whether the loops are
    /// perfectly nested and whether reordering keeps the results is the code fix's to check on the source.
    /// </summary>
    private static string? InterchangePartner(AccessSite site, InductionRange inner, int fastestDimension)
    {
        if (site.Context.Loops.Length < 2 || inner.Step is not (1 or -1) || inner.Origin is not null)
            return null;
        InductionRange outer = site.Context.Loops[site.Context.Loops.Length - 2];
        if (outer.Step is not (1 or -1) || outer.Origin is not null || !IsUniformAcrossLanes(outer, fastestDimension))
            return null;
        if (site.Form.CoefficientOf(outer.Variable).ConstantValue is not (1 or -1))
            return null;
        bool innerMentionsOuter = new[] { inner.Init, inner.Lower, inner.Upper }.Any(p => p is not null && p.Atoms.Contains(outer.Variable));
        return innerMentionsOuter ? null : outer.Variable.Display;
    }

    /// <summary>Every lane runs the same iterations: bounds known and free of the fastest index.</summary>
    private static bool IsUniformAcrossLanes(InductionRange loop, int fastestDimension)
        => loop.Lower is not null && loop.Upper is not null
           && !new[] { loop.Init, loop.Lower, loop.Upper, loop.Origin }.Any(p => p is not null && p.Atoms.Any(a => a.Kind is AtomKind.Index or AtomKind.Extent && a.Dimension == fastestDimension));

    private static bool IsTiny(InductionRange loop)
        => loop.Upper!.Subtract(loop.Lower!).ConstantValue is { } span
           && (span + System.Math.Abs(loop.Step) - 1) / System.Math.Abs(loop.Step) <= TinyTripCount;
}

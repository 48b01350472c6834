using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// Judges each span access across the fastest index — the last index parameter, which the CPU lowering maps to SIMD
/// lanes and the GPU lowering to neighbouring threads (DESIGN §3, §5). Its coefficient in the access's affine form
/// decides: zero is a broadcast and ±1 contiguous (both fine); another constant or a uniform is a stride; a
/// symbolic stride with another variable moving by one is a column walk (that variable an index) or a row per lane
/// (that variable a loop's). Subscripts that are data varying with the fastest index are gathers. Non-affine
/// subscripts computed from the index (<c>i / 2</c>) are left alone: their locality is usually fine and
/// hard to judge. Accesses the same in every lane are judged by their innermost loop instead (<see cref="InnerLoopStrides"/>).
/// </summary>
internal static class LocalityAnalysis
{
    public static ImmutableArray<LocalityFinding> Analyze(KernelAccesses accesses)
    {
        try
        {
            return AnalyzeChecked(accesses);
        }
        catch (OverflowException)
        {
            return ImmutableArray<LocalityFinding>.Empty;
        }
    }

    private static ImmutableArray<LocalityFinding> AnalyzeChecked(KernelAccesses accesses)
    {
        int fastestDimension = accesses.Dimensions - 1;
        PolynomialAtom fastest = accesses.IndexAtoms[fastestDimension];
        var findings = new List<LocalityFinding>();
        bool everyVaryingAccessWalksColumns = accesses.Dimensions >= 2;
        PolynomialAtom? next = accesses.Dimensions >= 2 ? accesses.IndexAtoms[fastestDimension - 1] : null;

        foreach (AccessSite site in accesses.Sites.Where(s => !s.IsShared))
        {
            if (!site.Form.DependsOnIndex(fastestDimension))
                continue;
            if (site.Form.Kind == AccessFormKind.DataDependent)
            {
                findings.Add(new LocalityFinding(LocalityKind.Gather, site, "", fastest.Display, null));
                everyVaryingAccessWalksColumns = false;
                continue;
            }
            if (!site.Form.IsAffine)
            {
                everyVaryingAccessWalksColumns = false;
                continue;
            }

            Polynomial coefficient = site.Form.CoefficientOf(fastest);
            if (coefficient.IsZero || coefficient.ConstantValue is 1 or -1)
            {
                everyVaryingAccessWalksColumns = false;
                continue;
            }
            if (coefficient.ConstantValue is { } stride)
            {
                findings.Add(new LocalityFinding(LocalityKind.Strided, site, Math.Abs(stride).ToString(System.Globalization.CultureInfo.InvariantCulture), fastest.Display, null));
                everyVaryingAccessWalksColumns = false;
                continue;
            }

            // A symbolic stride: which other variable walks this access contiguously?
            var unit = site.Form.Variables.Where(v => !v.Equals(fastest) && site.Form.CoefficientOf(v).ConstantValue is 1 or -1).ToList();
            PolynomialAtom? index = unit.FirstOrDefault(v => v.Kind == AtomKind.Index);
            PolynomialAtom? loop = unit.FirstOrDefault(v => v.Kind == AtomKind.Loop);
            string strideText = coefficient.ToString();
            if (index is not null)
            {
                findings.Add(new LocalityFinding(LocalityKind.ColumnWalk, site, strideText, fastest.Display, index.Display));
                if (!index.Equals(next))
                    everyVaryingAccessWalksColumns = false;
            }
            else if (loop is not null)
            {
                findings.Add(new LocalityFinding(LocalityKind.LanesWalkRows, site, strideText, fastest.Display, loop.Display));
                everyVaryingAccessWalksColumns = false;
            }
            else
            {
                findings.Add(new LocalityFinding(LocalityKind.Strided, site, strideText, fastest.Display, null));
                everyVaryingAccessWalksColumns = false;
            }
        }

        if (everyVaryingAccessWalksColumns)
        {
            for (int f = 0; f < findings.Count; f++)
            {
                if (findings[f].Kind == LocalityKind.ColumnWalk)
                    findings[f] = findings[f] with { Kind = LocalityKind.IndexOrderWalksColumns };
            }
        }
        findings.AddRange(InnerLoopStrides.Find(accesses));
        return findings.ToImmutableArray();
    }
}

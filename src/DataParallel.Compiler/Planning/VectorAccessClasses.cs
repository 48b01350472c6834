using System.Collections.Generic;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Planning;

/// <summary>
/// Which span accesses vector code may load or store as whole vectors, judged from the shared access analysis
/// (DESIGN §5) — the same <see cref="AccessForm"/>s the race and locality analyses read. An access is contiguous
/// when its subscript is affine with coefficient exactly 1 on the fastest index and every other variable in it is
/// the same in all lanes; everything else (stride 0, any other stride, a symbolic stride, a non-affine or
/// data-dependent subscript) is not, and the lowering then broadcasts it (a lane-uniform index) or gathers and
/// scatters it per lane.
/// </summary>
/// <remarks>
/// The form is a value over the integers; vector code computes lane 0's subscript as a C# <c>int</c> and takes the
/// next lanes to follow it. The two agree only for subscripts the entry point can bound
/// (<see cref="IndexRanges.IsBoundable"/>: unchecked <c>int</c> +, −, × and widening conversions, which wrap alike
/// for every lane) and which it then proves in bounds, so a contiguous access also needs that; a subscript the
/// analysis could not represent (its arithmetic overflowed 64 bits) is never contiguous.
/// </remarks>
internal sealed class VectorAccessClasses
{
    private readonly Dictionary<int, bool> _contiguous;

    private VectorAccessClasses(Dictionary<int, bool> contiguous) => _contiguous = contiguous;

    /// <summary>
    /// Classifies every access in <paramref name="accesses"/> (the kernel's, collected once by the caller; null when its
    /// subscripts overflowed 64 bits, and then none is contiguous). Sites are keyed by their load's or store's
    /// <see cref="KernelNode.Id"/> (a load rewritten with <c>with</c> keeps it); where one node serves several sites
    /// (a helper's argument used twice), it is contiguous only if it is at every one.
    /// </summary>
    public static VectorAccessClasses Of(KernelAccesses? accesses, LaneClassifier lanes, IndexRanges ranges)
    {
        var contiguous = new Dictionary<int, bool>();
        if (accesses is null || accesses.Dimensions == 0)
            return new VectorAccessClasses(contiguous);
        PolynomialAtom fastest = accesses.IndexAtoms[accesses.Dimensions - 1];
        foreach (AccessSite site in accesses.Sites)
        {
            KernelExpression? index = site.Node switch
            {
                LoadExpression load => load.Index,
                StoreStatement store => store.Index,
                _ => null,
            };
            if (index is null)
                continue;
            bool unit = IsUnitStride(site.Form, fastest, lanes) && lanes.Classify(index) == LaneClass.Varying && ranges.IsBoundable(index);
            contiguous[site.Node.Id] = unit && (!contiguous.TryGetValue(site.Node.Id, out bool before) || before);
        }
        return new VectorAccessClasses(contiguous);
    }

    /// <summary>How the load or store with id <paramref name="access"/> is lowered; one the analysis did not see is not contiguous.</summary>
    public AccessClass Classify(int access)
        => _contiguous.TryGetValue(access, out bool contiguous) && contiguous ? AccessClass.Contiguous : AccessClass.Uniform;

    /// <summary>
    /// Lane j reads element e + j: the coefficient of the fastest index is the constant 1, and the other variables
    /// (slower indices, loop variables) do not differ between lanes. Symbols are parameters, span lengths and the like:
    /// one value for the whole call.
    /// </summary>
    private static bool IsUnitStride(AccessForm form, PolynomialAtom fastest, LaneClassifier lanes)
    {
        if (!form.IsAffine || form.Subscript is not { } subscript || subscript.CoefficientOf(fastest).ConstantValue != 1)
            return false;
        foreach (PolynomialAtom variable in subscript.Variables)
        {
            if (variable.Equals(fastest))
                continue;
            // A slower index is the same across the lanes of a vector; a loop variable is when its loop is uniform.
            bool uniform = variable.Kind == AtomKind.Index
                || (variable.Kind == AtomKind.Loop && lanes.ClassifyLocal(variable.Key.Substring(2)) == LaneClass.Uniform);
            if (!uniform)
                return false;
        }
        return true;
    }
}

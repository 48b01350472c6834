using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// The question "can index point I run <see cref="First"/> and a different index point I' run <see cref="Second"/>
/// on the same element?" as integer constraints: the first access's variables as they are, the second's primed
/// (its own copy of every index and loop variable; symbols are shared). A conflict is a solution of
/// <c>F(I, L) = G(I', L')</c> with I ≠ I', within the loop ranges, under both accesses' guards.
/// </summary>
internal sealed class DependenceProblem
{
    private DependenceProblem(AccessSite first, AccessSite second, ImmutableArray<PolynomialAtom> indices, Polynomial f, Polynomial g,
        AccessContext firstContext, AccessContext secondContext)
    {
        First = first;
        Second = second;
        FirstIndices = indices;
        SecondIndices = indices.Select(a => a.Primed()).ToImmutableArray();
        F = f;
        G = g;
        Difference = f.Subtract(g);
        Loops = firstContext.Loops.AddRange(secondContext.Loops);
        Guards = firstContext.Guards.AddRange(secondContext.Guards);
        Exact = firstContext.Exact && secondContext.Exact;
    }

    public static DependenceProblem Create(KernelAccesses accesses, AccessSite first, AccessSite second)
    {
        AccessContext secondContext = second.Context.Primed();
        return new DependenceProblem(first, second, accesses.IndexAtoms, first.Form.Subscript!, second.Form.Subscript!.MapAtoms(a => a.Primed()), first.Context, secondContext);
    }

    public AccessSite First { get; }

    public AccessSite Second { get; }

    /// <summary>The first access's index atoms, by dimension.</summary>
    public ImmutableArray<PolynomialAtom> FirstIndices { get; }

    /// <summary>The second access's (primed) index atoms, by dimension.</summary>
    public ImmutableArray<PolynomialAtom> SecondIndices { get; }

    public Polynomial F { get; }

    /// <summary>The second subscript over primed variables.</summary>
    public Polynomial G { get; }

    /// <summary><c>F - G</c>: a conflict is a zero of it.</summary>
    public Polynomial Difference { get; }

    /// <summary>Induction ranges of both accesses' loops (the second's primed).</summary>
    public ImmutableArray<InductionRange> Loops { get; }

    /// <summary>Guards of both accesses (the second's primed).</summary>
    public ImmutableArray<GuardConstraint> Guards { get; }

    /// <summary>Both contexts are exact, so a solution is a conflict that really happens.</summary>
    public bool Exact { get; }

    /// <summary>
    /// Every variable, in the order a search assigns them: indices first (loop bounds may refer to them), then loop
    /// variables outermost first.
    /// </summary>
    public IEnumerable<PolynomialAtom> Variables => FirstIndices.Concat(SecondIndices).Concat(Loops.Select(l => l.Variable));

    public InductionRange? LoopOf(PolynomialAtom variable) => Loops.FirstOrDefault(l => l.Variable.Equals(variable));

    /// <summary>
    /// The two subscripts are translates of each other: <c>F - G = Σ a·(v - v') + constant</c>, every variable with
    /// the same coefficient on both sides. Then race freedom is a matter of the distance against the ranges.
    /// </summary>
    public bool IsTranslate()
    {
        foreach (PolynomialAtom variable in Difference.Variables)
        {
            PolynomialAtom partner = variable.IsPrimed ? Unprimed(variable) : variable.Primed();
            if (!Difference.CoefficientOf(variable).Add(Difference.CoefficientOf(partner)).IsZero)
                return false;
        }
        return true;
    }

    private static PolynomialAtom Unprimed(PolynomialAtom atom) => atom with { Key = atom.Key.Substring(0, atom.Key.Length - 1) };
}

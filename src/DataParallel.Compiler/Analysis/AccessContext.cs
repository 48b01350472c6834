using System.Collections.Immutable;
using System.Linq;

namespace DataParallel.Compiler.Analysis;

/// <summary>Where an access executes: the guards that dominate it and the loops around it, innermost last.</summary>
/// <param name="Guards">Conditions on index and loop variables that hold whenever the access executes.</param>
/// <param name="Loops">The induction variables of the enclosing loops (loops without one contribute nothing).</param>
/// <param name="Exact">
/// The guards and loop ranges describe exactly when the access executes. False when a condition on the indices
/// could not be expressed (<c>i / 2 == 3</c>, a disjunction) or a loop may end early: the tests may then use the
/// context to prove independence, but not to claim a conflict.
/// </param>
internal sealed record AccessContext(ImmutableArray<GuardConstraint> Guards, ImmutableArray<InductionRange> Loops, bool Exact)
{
    public static AccessContext Root { get; } = new(ImmutableArray<GuardConstraint>.Empty, ImmutableArray<InductionRange>.Empty, true);

    public AccessContext WithGuards(GuardSet guards)
        => this with { Guards = Guards.AddRange(guards.Constraints), Exact = Exact && guards.Exact };

    public AccessContext WithLoop(InductionRange loop) => this with { Loops = Loops.Add(loop), Exact = Exact && loop.Exact };

    public AccessContext Inexact() => Exact ? this with { Exact = false } : this;

    public AccessContext Primed() => new(
        Guards.Select(g => g.MapAtoms(a => a.Primed())).ToImmutableArray(),
        Loops.Select(l => l.Primed()).ToImmutableArray(),
        Exact);
}

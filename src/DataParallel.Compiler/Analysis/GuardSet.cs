using System.Collections.Immutable;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// What a branch condition says about the index and loop variables: a conjunction of <see cref="GuardConstraint"/>s,
/// and whether that is all it says (<see cref="Exact"/>). Conditions on data (<c>x[i] &gt; 0</c>) or on uniforms alone
/// constrain nothing the analysis can use and are exact with no constraints: either way, any index point may
/// take the branch.
/// </summary>
internal sealed record GuardSet(ImmutableArray<GuardConstraint> Constraints, bool Exact)
{
    public static GuardSet None { get; } = new(ImmutableArray<GuardConstraint>.Empty, true);

    public static GuardSet Unrepresentable { get; } = new(ImmutableArray<GuardConstraint>.Empty, false);

    public static GuardSet Of(GuardConstraint constraint) => new(ImmutableArray.Create(constraint), true);

    public GuardSet And(GuardSet other) => new(Constraints.AddRange(other.Constraints), Exact && other.Exact);
}

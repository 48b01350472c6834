namespace DataParallel.Compiler.Analysis;

/// <summary>The verdict of <see cref="DependenceTest"/> (or of the concrete run) on one pair of accesses.</summary>
/// <param name="Outcome">The verdict.</param>
/// <param name="Witness">For <see cref="DependenceOutcome.Dependent"/>: two conflicting index points.</param>
/// <param name="Requirement">For <see cref="DependenceOutcome.RequiresRuntime"/>: what the entry point must check.</param>
/// <param name="ConcreteRunAllowed">
/// For <see cref="DependenceOutcome.Inconclusive"/>: whether a conflict found by running the kernel on a small
/// concrete domain would be trustworthy. It is not when the symbolic analysis showed that the answer depends on how
/// the domain relates to the symbols (the concrete run would only test one arbitrary relation).
/// </param>
internal sealed record DependenceResult(DependenceOutcome Outcome, ConflictWitness? Witness, RuntimeRequirement? Requirement, bool ConcreteRunAllowed)
{
    public static DependenceResult Independent { get; } = new(DependenceOutcome.Independent, null, null, false);

    public static DependenceResult Undecided(bool concreteRunAllowed) => new(DependenceOutcome.Inconclusive, null, null, concreteRunAllowed);

    public static DependenceResult Conflict(ConflictWitness witness) => new(DependenceOutcome.Dependent, witness, null, false);

    public static DependenceResult Requires(RuntimeRequirement requirement) => new(DependenceOutcome.RequiresRuntime, null, requirement, false);
}

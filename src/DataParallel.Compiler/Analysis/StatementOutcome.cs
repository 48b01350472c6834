namespace DataParallel.Compiler.Analysis;

/// <summary>
/// How control leaves a statement, as far as the access analysis needs it: whether it always leaves early, may
/// leave early, and whether an early exit hinges on a condition about the indices that the analysis could not turn
/// into a guard for the code after it.
/// </summary>
/// <param name="AlwaysExits">Every path ends in <c>return</c>, <c>break</c> or <c>continue</c>.</param>
/// <param name="MayReturn">Some path returns.</param>
/// <param name="MayLeaveLoop">Some path breaks out of, or continues, the innermost enclosing loop.</param>
/// <param name="MayBreak">Some path breaks out of the innermost enclosing loop.</param>
/// <param name="ExitDependsOnIndex">Some early exit is taken or not depending on the index point (not only on data).</param>
/// <param name="RestGuard">What holds after the statement in the same block (for <c>if (c) return;</c>: <c>!c</c>).</param>
internal readonly record struct StatementOutcome(bool AlwaysExits, bool MayReturn, bool MayLeaveLoop, bool MayBreak, bool ExitDependsOnIndex, GuardSet? RestGuard)
{
    public static StatementOutcome Normal => default;

    public static StatementOutcome Return => new(true, true, false, false, false, null);

    public static StatementOutcome Break => new(true, false, true, true, false, null);

    public static StatementOutcome Continue => new(true, false, true, false, false, null);

    /// <summary>Some early exit inside may make the code after this statement skip some index points.</summary>
    public bool MayExit => MayReturn || MayLeaveLoop;
}

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// A loop's induction variable: a local set before the loop, stepped by a constant once per iteration, compared
/// with a loop-invariant bound in the loop's condition. Its values lie in [<see cref="Lower"/>, <see cref="Upper"/>)
/// and are congruent to <see cref="Init"/> modulo <see cref="Step"/>.
/// </summary>
/// <param name="Variable">The loop atom that stands for the variable inside the loop.</param>
/// <param name="Init">The value before the first iteration.</param>
/// <param name="Step">The constant added per iteration (negative for a count-down loop).</param>
/// <param name="Lower">The least value (inclusive), or null when unbounded below.</param>
/// <param name="Upper">One past the greatest value, or null when unbounded above (no usable bound in the condition).</param>
/// <param name="Exact">Every value in the range is reached: the loop has no <c>break</c>, <c>return</c> or extra condition that may end it early.</param>
/// <param name="Origin">
/// For a loop counted from an index-dependent start: the start, the variable being <c>Origin + Direction·atom</c>
/// (the atom then counts iterations from 0); null when the atom is the variable itself.
/// </param>
/// <param name="Direction">+1 or -1, with <see cref="Origin"/>.</param>
internal sealed record InductionRange(PolynomialAtom Variable, Polynomial Init, long Step, Polynomial? Lower, Polynomial? Upper, bool Exact, Polynomial? Origin = null, int Direction = 1)
{
    public InductionRange Primed() => this with
    {
        Variable = Variable.Primed(),
        Init = Init.MapAtoms(a => a.Primed()),
        Lower = Lower?.MapAtoms(a => a.Primed()),
        Upper = Upper?.MapAtoms(a => a.Primed()),
        Origin = Origin?.MapAtoms(a => a.Primed()),
    };

    public override string ToString() => $"{Variable.Display} in [{Lower?.ToString() ?? "-inf"}, {Upper?.ToString() ?? "inf"}) step {Step}";
}

namespace DataParallel.Compiler.Analysis;

/// <summary>Two index points that touch the same element, spelled for a diagnostic message.</summary>
/// <param name="FirstPoint">The point running the first access, e.g. <c>i = 0</c> or <c>(i, j) = (0, 1), k = 1</c>.</param>
/// <param name="SecondPoint">The point running the second access.</param>
/// <param name="Element">The element both touch, e.g. <c>y[n - 1]</c>.</param>
/// <param name="Note">Symbol values the example assumes (<c>n = 7</c>), when it is not symbolic.</param>
internal sealed record ConflictWitness(string FirstPoint, string SecondPoint, string Element, string? Note)
{
    public override string ToString() => $"{FirstPoint} and {SecondPoint} both access {Element}" + (Note is null ? "" : $" (when {Note})");
}

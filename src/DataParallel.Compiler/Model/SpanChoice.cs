namespace DataParallel.Compiler.Model;

/// <summary>
/// A span local after an <c>if</c> that leaves it different in its two branches (a φ of the branches' values):
/// <see cref="WhenTrue"/> where the then-branch ran, <see cref="WhenFalse"/> where it did not. <see cref="Selector"/>
/// is true where it ran: the <c>if</c>'s condition itself when nothing in it can change (indices, by-value uniforms,
/// constants), else a bool local the reader sets in each branch. An access through the local reads
/// <c>selector ? a : b</c> and writes under <c>if (selector) … else …</c>.
/// </summary>
internal sealed record SpanChoice(KernelExpression Selector, SpanValue WhenTrue, SpanValue WhenFalse) : SpanValue
{
    public override int Views => WhenTrue.Views + WhenFalse.Views;
}

namespace DataParallel.Compiler.Model;

/// <summary>
/// A span as a kernel body sees it: one of the kernel's span parameters, or a window into one (a slice, a range, or
/// an alias of either). The reader resolves every access through a view to an access of <see cref="Span"/> at
/// <c>Offset + position</c>, so the analyzers and the generator see parameters only.
/// </summary>
/// <param name="Span">The kernel span parameter the view looks into.</param>
/// <param name="Name">The view's name in messages (the span local, or the parameter itself).</param>
/// <param name="Offset">Where the view starts in <see cref="Span"/>, or null for the whole parameter.</param>
/// <param name="Length">The view's length, or null for the whole parameter's length.</param>
internal sealed record SpanView(KernelParameter Span, string Name, KernelExpression? Offset, KernelExpression? Length)
{
    /// <summary>Whether the view is the whole parameter: its accesses need no checks beyond the parameter's own.</summary>
    public bool IsWhole => Offset is null && Length is null;

    /// <summary>The view's <c>.Length</c>.</summary>
    public KernelExpression LengthExpression => Length ?? new SpanLengthExpression(Span.Name);
}

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
/// <remarks>
/// Equality compares what the view denotes, not <see cref="AssignedBy"/>: two branches that leave a local the same
/// view through different assignments leave it one view.
/// </remarks>
internal sealed record SpanView(KernelParameter Span, string Name, KernelExpression? Offset, KernelExpression? Length) : SpanValue
{
    /// <summary>The assignment of a span local that gave it this view (as written, quoted), for messages; null for its declaration.</summary>
    public string? AssignedBy { get; init; }

    public override int Views => 1;

    /// <summary>Whether the view is the whole parameter: its accesses need no checks beyond the parameter's own.</summary>
    public bool IsWhole => Offset is null && Length is null;

    /// <summary>The view's <c>.Length</c>.</summary>
    public KernelExpression LengthExpression => Length ?? new SpanLengthExpression(Span.Name);

    public bool Equals(SpanView? other)
        => other is not null && Span.Equals(other.Span) && Name == other.Name && Equals(Offset, other.Offset) && Equals(Length, other.Length);

    public override int GetHashCode() => (Span.GetHashCode() * 31 + Name.GetHashCode()) * 31 + (Offset?.GetHashCode() ?? 0);
}

namespace DataParallel.Compiler.Model;

/// <summary>
/// What a span local (or a helper's span parameter) denotes while the reader follows it: one <see cref="SpanView"/>,
/// or, after an <c>if</c> whose branches left it different, a <see cref="SpanChoice"/> between the branches' values.
/// It never reaches the IR: every access through it is resolved to accesses of kernel span parameters.
/// </summary>
internal abstract record SpanValue
{
    /// <summary>How many views the value chooses between (1 for a view).</summary>
    public abstract int Views { get; }
}

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// What the access analysis knows about a value at one point of a kernel body: its exact <see cref="Polynomial"/>
/// when it is an int built from indices, loop variables and uniforms, or only what it depends on.
/// </summary>
/// <param name="Polynomial">The exact value, or null when it is not a polynomial (a float, <c>i / 2</c>, <c>x[i]</c>, a merge of two branches).</param>
/// <param name="DataDependent">It depends on span elements or helper-call results, which no static analysis knows.</param>
/// <param name="IndexMask">Bit d is set when the value may differ between index points that differ in dimension d.</param>
/// <param name="LoopDependent">It may differ between loop iterations.</param>
internal sealed record AbstractValue(Polynomial? Polynomial, bool DataDependent, int IndexMask, bool LoopDependent)
{
    public static readonly AbstractValue Opaque = new(null, false, 0, false);

    /// <summary>
    /// For a value that is not a polynomial but the remainder of one by a uniform (<c>i % n</c>): the two operands.
    /// Any further arithmetic drops it; only a subscript that is exactly such a remainder keeps it.
    /// </summary>
    public RemainderForm? Remainder { get; init; }

    public static AbstractValue Exact(Polynomial polynomial)
    {
        int mask = 0;
        bool loop = false;
        foreach (PolynomialAtom atom in polynomial.Atoms)
        {
            if (atom.Kind == AtomKind.Index)
                mask |= 1 << atom.Dimension;
            else if (atom.Kind == AtomKind.Loop)
                loop = true;
        }
        return new AbstractValue(polynomial, false, mask, loop);
    }

    public static AbstractValue Unknown(bool dataDependent, int indexMask, bool loopDependent) => new(null, dataDependent, indexMask, loopDependent);

    public bool IsExact => Polynomial is not null;

    /// <summary>What a value computed from this one and <paramref name="other"/> (inexactly) depends on.</summary>
    public AbstractValue JoinDependencies(AbstractValue other)
        => Unknown(DataDependent || other.DataDependent, IndexMask | other.IndexMask, LoopDependent || other.LoopDependent);

    public AbstractValue AsUnknown() => Unknown(DataDependent, IndexMask, LoopDependent);

    /// <summary>
    /// The value after control flow from two paths meets: exact only when both paths agree; otherwise it depends on
    /// both values and on whatever decided the path (<paramref name="control"/>).
    /// </summary>
    public static AbstractValue Merge(AbstractValue a, AbstractValue b, AbstractValue control)
    {
        if (a.Polynomial is not null && a.Polynomial.Equals(b.Polynomial))
            return a;
        return a.JoinDependencies(b).JoinDependencies(control);
    }
}

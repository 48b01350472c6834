using System;
using System.Collections.Immutable;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// An indeterminate of a <see cref="Polynomial"/>. Atoms are compared by <see cref="Key"/>: two accesses that use the
/// same parameter, span length or uniform sub-expression share the atom, which is what lets the dependence tests
/// cancel <c>n</c> against <c>n</c>.
/// </summary>
/// <param name="Kind">What the atom stands for.</param>
/// <param name="Key">Identity: kind, name and (for the second access of a dependence pair) a prime.</param>
/// <param name="Display">How messages spell it (the parameter or local name, <c>x.Length</c>, <c>n / 2</c>).</param>
/// <param name="Dimension">The index dimension of an <see cref="AtomKind.Index"/> <see cref="AtomKind.Extent"/> or <see cref="AtomKind.End"/> atom, else -1.</param>
/// <param name="Expression">
/// For a symbol: the expression that computes it from parameters alone, so that the generated entry point can
/// evaluate it; null when no such expression exists (a uniform element of a span read inside the kernel).
/// </param>
/// <param name="Definition">For a symbol that is an operation the polynomial ring does not model (<c>n / 2</c>): how to compute it from its operands.</param>
internal sealed record PolynomialAtom(AtomKind Kind, string Key, string Display, int Dimension, KernelExpression? Expression, OpaqueDefinition? Definition)
    : IComparable<PolynomialAtom>
{
    public bool IsVariable => Kind is AtomKind.Index or AtomKind.Loop;

    /// <summary>Whether this is the copy of a variable that belongs to the second access of a dependence pair.</summary>
    public bool IsPrimed => Key.EndsWith("'", StringComparison.Ordinal);

    public static PolynomialAtom Index(int dimension, string name)
        => new(AtomKind.Index, "i:" + dimension, name, dimension, null, null);

    /// <summary>A loop variable, keyed by its unique IR name; messages use <paramref name="sourceName"/>, the name as written.</summary>
    public static PolynomialAtom Loop(string local, string sourceName)
        => new(AtomKind.Loop, "l:" + local, sourceName, -1, null, null);

    public static PolynomialAtom Extent(int dimension, string indexName)
        => new(AtomKind.Extent, "e:" + dimension, "extent(" + indexName + ")", dimension, new DomainExtentExpression(dimension), null);

    public static PolynomialAtom End(int dimension, string indexName)
        => new(AtomKind.End, "n:" + dimension, "end(" + indexName + ")", dimension, new DomainEndExpression(dimension), null);

    public static PolynomialAtom Symbol(string display, KernelExpression? expression, OpaqueDefinition? definition = null)
        => new(AtomKind.Symbol, "s:" + display, display, -1, expression, definition);

    /// <summary>The copy of a variable for the second access of a pair (symbols are shared, variables are not).</summary>
    public PolynomialAtom Primed() => IsVariable && !IsPrimed ? this with { Key = Key + "'" } : this;

    public bool Equals(PolynomialAtom? other) => other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    public int CompareTo(PolynomialAtom? other) => string.CompareOrdinal(Key, other?.Key);

    public override string ToString() => Display;
}

/// <summary>
/// A uniform value the polynomial ring cannot express (<c>n / 2</c>, <c>n % 3</c>, <c>Math.Min(n, m)</c>): an opaque
/// symbol, computed from its operands when a concrete valuation is needed.
/// </summary>
internal sealed record OpaqueDefinition(string Operation, ImmutableArray<Polynomial> Operands, ScalarKind Type)
{
    public bool Equals(OpaqueDefinition? other)
        => other is not null && Operation == other.Operation && Type == other.Type && Operands.Length == other.Operands.Length
           && System.Linq.Enumerable.SequenceEqual(Operands, other.Operands);

    public override int GetHashCode() => Operation.GetHashCode() ^ Operands.Length;
}

using System;
using System.Collections.Immutable;
using System.Linq;

namespace DataParallel.Compiler.Analysis;

/// <summary>A product of atoms (with repetition), kept sorted so that equal products have equal keys; the empty product is 1.</summary>
internal sealed class Monomial : IEquatable<Monomial>, IComparable<Monomial>
{
    public static readonly Monomial One = new(ImmutableArray<PolynomialAtom>.Empty);

    private Monomial(ImmutableArray<PolynomialAtom> factors)
    {
        Factors = factors;
        Key = string.Join("*", factors.Select(f => f.Key));
    }

    public ImmutableArray<PolynomialAtom> Factors { get; }

    public string Key { get; }

    public int Degree => Factors.Length;

    public bool IsOne => Factors.IsEmpty;

    public static Monomial Of(PolynomialAtom atom) => new(ImmutableArray.Create(atom));

    public static Monomial Of(ImmutableArray<PolynomialAtom> factors) => factors.IsEmpty ? One : new Monomial(factors.Sort());

    public Monomial Times(Monomial other)
        => other.IsOne ? this : IsOne ? other : new Monomial(Factors.AddRange(other.Factors).Sort());

    /// <summary>The variable factors (index and loop atoms).</summary>
    public ImmutableArray<PolynomialAtom> Variables => Factors.Where(f => f.IsVariable).ToImmutableArray();

    /// <summary>The monomial with the variable factors removed: the symbolic part of a coefficient.</summary>
    public Monomial SymbolPart => Factors.Any(f => f.IsVariable) ? Of(Factors.Where(f => !f.IsVariable).ToImmutableArray()) : this;

    public Monomial Map(Func<PolynomialAtom, PolynomialAtom> map) => Of(Factors.Select(map).ToImmutableArray());

    public bool Equals(Monomial? other) => other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as Monomial);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    /// <summary>Higher degree first, then by key: the order in which polynomials print.</summary>
    public int CompareTo(Monomial? other)
    {
        if (other is null)
            return 1;
        int byDegree = other.Degree.CompareTo(Degree);
        return byDegree != 0 ? byDegree : string.CompareOrdinal(Key, other.Key);
    }

    public override string ToString() => IsOne ? "1" : string.Join(" * ", Factors.Select(f => f.Display));
}

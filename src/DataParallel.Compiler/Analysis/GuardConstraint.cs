using System;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// A condition on index and loop variables that holds wherever an access executes: an enclosing <c>if</c>
/// (<c>j &gt;= 1</c>, <c>i % 2 == 0</c>, <c>i == k</c>), the negation of an earlier <c>if (…) return;</c>, or a
/// loop's step. The dependence tests only look for conflicts between index points that satisfy the guards.
/// </summary>
/// <param name="Expression">The polynomial the relation is about.</param>
/// <param name="Relation">What holds of it.</param>
/// <param name="Modulus">For the remainder relations: the (positive) modulus.</param>
/// <param name="Remainder">For the remainder relations: the remainder compared with.</param>
/// <param name="LowBits">The remainder is the low bits of a two's-complement value (<c>e &amp; (m - 1)</c>), never negative, rather than C#'s <c>%</c>.</param>
internal sealed record GuardConstraint(Polynomial Expression, GuardRelation Relation, long Modulus = 0, long Remainder = 0, bool LowBits = false)
{
    /// <summary>Whether the guard holds under a concrete valuation (null when an atom has no value).</summary>
    public bool? Holds(Func<PolynomialAtom, long?> valuation)
    {
        if (Expression.Evaluate(valuation) is not { } value)
            return null;
        return Relation switch
        {
            GuardRelation.NonNegative => value >= 0,
            GuardRelation.Zero => value == 0,
            GuardRelation.NonZero => value != 0,
            GuardRelation.RemainderEquals => Remainder == RemainderOf(value),
            GuardRelation.RemainderNotEquals => Remainder != RemainderOf(value),
            _ => null,
        };
    }

    private long RemainderOf(long value) => LowBits ? value & (Modulus - 1) : value % Modulus;

    public GuardConstraint MapAtoms(Func<PolynomialAtom, PolynomialAtom> map) => this with { Expression = Expression.MapAtoms(map) };

    public override string ToString() => Relation switch
    {
        GuardRelation.NonNegative => $"{Expression} >= 0",
        GuardRelation.Zero => $"{Expression} == 0",
        GuardRelation.NonZero => $"{Expression} != 0",
        GuardRelation.RemainderEquals => $"{Expression} % {Modulus} == {Remainder}",
        GuardRelation.RemainderNotEquals => $"{Expression} % {Modulus} != {Remainder}",
        _ => throw new System.ArgumentOutOfRangeException(nameof(Relation), Relation, null),
    };
}

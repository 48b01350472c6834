using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// An integer polynomial over <see cref="PolynomialAtom"/>s: the exact value of an int index expression built from
/// indices, loop variables and uniform symbols with <c>+</c>, <c>-</c>, <c>*</c> and constant shifts. An access is
/// affine when no monomial multiplies two variables; its coefficients may still be symbolic (<c>n * i</c>).
/// Arithmetic is checked: an overflow throws <see cref="OverflowException"/>, which the analyses' entry points
/// turn into "nothing to report" rather than a wrong answer.
/// </summary>
internal sealed class Polynomial : IEquatable<Polynomial>
{
    /// <summary>Products that grow past this many terms are not worth reasoning about; the value becomes unknown.</summary>
    private const int MaxTerms = 48;

    public static readonly Polynomial Zero = new(ImmutableArray<(Monomial, long)>.Empty);

    private Polynomial(ImmutableArray<(Monomial Monomial, long Coefficient)> terms) => Terms = terms;

    /// <summary>Non-zero terms, in <see cref="Monomial"/> order.</summary>
    public ImmutableArray<(Monomial Monomial, long Coefficient)> Terms { get; }

    public static Polynomial Constant(long value) => value == 0 ? Zero : new Polynomial(ImmutableArray.Create((Monomial.One, value)));

    public static Polynomial Of(PolynomialAtom atom) => new(ImmutableArray.Create((Monomial.Of(atom), 1L)));

    public static Polynomial Of(Monomial monomial) => new(ImmutableArray.Create((monomial, 1L)));

    public bool IsZero => Terms.IsEmpty;

    public bool IsConstant => Terms.All(t => t.Monomial.IsOne);

    /// <summary>The value, when the polynomial is a constant.</summary>
    public long? ConstantValue => IsConstant ? ConstantTerm : null;

    /// <summary>The coefficient of the monomial 1.</summary>
    public long ConstantTerm => Terms.Where(t => t.Monomial.IsOne).Select(t => t.Coefficient).FirstOrDefault();

    public IEnumerable<PolynomialAtom> Atoms => Terms.SelectMany(t => t.Monomial.Factors).Distinct();

    public IEnumerable<PolynomialAtom> Variables => Atoms.Where(a => a.IsVariable);

    public bool HasVariables => Terms.Any(t => t.Monomial.Factors.Any(f => f.IsVariable));

    /// <summary>No monomial has more than one variable factor: the form is affine in the variables.</summary>
    public bool IsAffine => Terms.All(t => t.Monomial.Factors.Count(f => f.IsVariable) <= 1);

    public Polynomial Add(Polynomial other) => Combine(Terms.Concat(other.Terms));

    public Polynomial Subtract(Polynomial other) => Combine(Terms.Concat(other.Terms.Select(t => (t.Monomial, checked(-t.Coefficient)))));

    public Polynomial Negate() => Scale(-1);

    public Polynomial Scale(long factor)
        => factor == 0 ? Zero : new Polynomial(Terms.Select(t => (t.Monomial, checked(t.Coefficient * factor))).ToImmutableArray());

    /// <summary>The product, or null when it would have too many terms to be useful.</summary>
    public Polynomial? Multiply(Polynomial other)
    {
        if (Terms.Length * other.Terms.Length > MaxTerms * 4)
            return null;
        var product = Combine(Terms.SelectMany(a => other.Terms.Select(b => (a.Monomial.Times(b.Monomial), checked(a.Coefficient * b.Coefficient)))));
        return product.Terms.Length > MaxTerms ? null : product;
    }

    /// <summary>The polynomial divided by <paramref name="divisor"/>, when every coefficient is a multiple of it.</summary>
    public Polynomial? DivideExactly(long divisor)
    {
        if (divisor == 0 || Terms.Any(t => t.Coefficient % divisor != 0))
            return null;
        return new Polynomial(Terms.Select(t => (t.Monomial, t.Coefficient / divisor)).ToImmutableArray());
    }

    /// <summary>The coefficient of <paramref name="variable"/> (a polynomial in the other atoms), for an affine polynomial.</summary>
    public Polynomial CoefficientOf(PolynomialAtom variable)
        => Combine(Terms.Where(t => t.Monomial.Factors.Contains(variable))
            .Select(t => (Monomial.Of(t.Monomial.Factors.Remove(variable)), t.Coefficient)));

    /// <summary>The terms without variables: the part of an affine form that is the same for every index point.</summary>
    public Polynomial WithoutVariables => new(Terms.Where(t => !t.Monomial.Factors.Any(f => f.IsVariable)).ToImmutableArray());

    /// <summary>
    /// Splits an affine polynomial by the symbolic part of each monomial: <c>n*i + j + n - 1</c> becomes
    /// <c>{ n: i + 1, 1: j - 1 }</c>. Each component has integer coefficients; this is the delinearization the
    /// dependence test uses.
    /// </summary>
    public IReadOnlyDictionary<Monomial, Polynomial> ComponentsBySymbolPart()
    {
        var groups = new Dictionary<Monomial, List<(Monomial, long)>>();
        foreach (var (monomial, coefficient) in Terms)
        {
            Monomial symbolPart = monomial.SymbolPart;
            Monomial variablePart = Monomial.Of(monomial.Factors.Where(f => f.IsVariable).ToImmutableArray());
            if (!groups.TryGetValue(symbolPart, out var list))
                groups[symbolPart] = list = new List<(Monomial, long)>();
            list.Add((variablePart, coefficient));
        }
        return groups.ToDictionary(g => g.Key, g => Combine(g.Value));
    }

    /// <summary>Replaces atoms by polynomials (atoms the map leaves null stay as they are).</summary>
    public Polynomial? Substitute(Func<PolynomialAtom, Polynomial?> map)
    {
        Polynomial result = Zero;
        foreach (var (monomial, coefficient) in Terms)
        {
            Polynomial term = Constant(coefficient);
            foreach (PolynomialAtom factor in monomial.Factors)
            {
                Polynomial? product = term.Multiply(map(factor) ?? Of(factor));
                if (product is null)
                    return null;
                term = product;
            }
            result = result.Add(term);
        }
        return result;
    }

    public Polynomial MapAtoms(Func<PolynomialAtom, PolynomialAtom> map)
        => Combine(Terms.Select(t => (t.Monomial.Map(map), t.Coefficient)));

    /// <summary>The value under <paramref name="valuation"/>, or null when an atom has no value or the arithmetic overflows.</summary>
    public long? Evaluate(Func<PolynomialAtom, long?> valuation)
    {
        try
        {
            long sum = 0;
            foreach (var (monomial, coefficient) in Terms)
            {
                long product = coefficient;
                foreach (PolynomialAtom factor in monomial.Factors)
                {
                    if (valuation(factor) is not { } value)
                        return null;
                    product = checked(product * value);
                }
                sum = checked(sum + product);
            }
            return sum;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// The polynomial as an expression the entry point can evaluate (in <c>long</c>, so products of int parameters
    /// cannot overflow), or null when an atom has no such expression.
    /// </summary>
    public KernelExpression? ToExpression()
    {
        KernelExpression? sum = null;
        foreach (var (monomial, coefficient) in Terms)
        {
            KernelExpression term = Long(Math.Abs(coefficient));
            bool first = true;
            foreach (PolynomialAtom factor in monomial.Factors)
            {
                if (factor.Expression is not { } expression)
                    return null;
                KernelExpression widened = expression.Type == ScalarKind.Int64 ? expression : new ConvertExpression(expression, ScalarKind.Int64, false);
                term = first && Math.Abs(coefficient) == 1 ? widened : new BinaryExpression(BinaryOperator.Multiply, term, widened, ScalarKind.Int64, false);
                first = false;
            }
            sum = sum is null
                ? (coefficient < 0 ? new UnaryExpression(UnaryOperator.Negate, term, ScalarKind.Int64, false) : term)
                : new BinaryExpression(coefficient < 0 ? BinaryOperator.Subtract : BinaryOperator.Add, sum, term, ScalarKind.Int64, false);
        }
        return sum ?? Long(0);
    }

    private static KernelExpression Long(long value) => new ConstantExpression(ScalarKind.Int64, LiteralFormatter.Format(value, ScalarKind.Int64), value);

    public bool Equals(Polynomial? other)
        => other is not null && Terms.Length == other.Terms.Length
           && Terms.Zip(other.Terms, (a, b) => a.Monomial.Equals(b.Monomial) && a.Coefficient == b.Coefficient).All(x => x);

    public override bool Equals(object? obj) => Equals(obj as Polynomial);

    public override int GetHashCode()
    {
        int hash = 19;
        foreach (var (monomial, coefficient) in Terms)
            hash = unchecked(hash * 31 + monomial.GetHashCode() * 7 + coefficient.GetHashCode());
        return hash;
    }

    /// <summary>C#-like text: <c>n * i + j - 1</c>.</summary>
    public override string ToString()
    {
        if (IsZero)
            return "0";
        var text = new StringBuilder();
        foreach (var (monomial, coefficient) in Terms)
        {
            ulong magnitude = coefficient < 0 ? (ulong)(-(coefficient + 1)) + 1 : (ulong)coefficient;
            if (text.Length == 0)
                text.Append(coefficient < 0 ? "-" : "");
            else
                text.Append(coefficient < 0 ? " - " : " + ");
            if (monomial.IsOne)
                text.Append(magnitude);
            else if (magnitude == 1)
                text.Append(monomial);
            else
                text.Append(magnitude).Append(" * ").Append(monomial);
        }
        return text.ToString();
    }

    private static Polynomial Combine(IEnumerable<(Monomial Monomial, long Coefficient)> terms)
    {
        var sums = new Dictionary<Monomial, long>();
        foreach (var (monomial, coefficient) in terms)
            sums[monomial] = sums.TryGetValue(monomial, out long sum) ? checked(sum + coefficient) : coefficient;
        return new Polynomial(sums.Where(s => s.Value != 0).OrderBy(s => s.Key).Select(s => (s.Key, s.Value)).ToImmutableArray());
    }
}

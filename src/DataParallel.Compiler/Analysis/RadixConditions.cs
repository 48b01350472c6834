using System;
using System.Collections.Generic;
using System.Linq;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// Delinearization of a translate pair (<see cref="DependenceProblem.IsTranslate"/>) by mixed radix: with the
/// subscript difference written <c>Σ c_v·(v - v') + K</c> (K a constant) and the variables ordered by coefficient,
/// no two different index points conflict when every variable from the lowest index up has a coefficient larger than
/// everything below it can add up to: <c>|K| + Σ_{u below v} |c_u|·width(u) &lt; c_v</c>. (Take the highest variable
/// whose difference is not zero: it moves the sum by at least c_v, which the rest cannot make up.) The widths are
/// the extents of indices and the ranges of loops, so each condition is a polynomial inequality: a constant that
/// proves or refutes, or a fact about the call — <c>end(j) &lt;= n</c> for <c>a[i * n + j]</c>,
/// <c>end(c) &lt;= 4</c> for <c>px[i * 4 + c]</c>, <c>end(j) &lt;= w + 2</c> for a padded row (an index is checked by
/// where its range ends, not by its count: see <see cref="Width"/>).
/// </summary>
internal static class RadixConditions
{
    /// <summary>The conditions (each <c>P &gt;= 0</c>), or null when the difference is not of this shape.</summary>
    public static List<Polynomial>? For(DependenceProblem problem)
    {
        Polynomial constant = problem.Difference.WithoutVariables;
        if (!constant.IsConstant)
            return null;
        long k = Math.Abs(constant.ConstantTerm);

        // Every unprimed variable with its (sign-normalised) coefficient and width; indices that do not occur have
        // coefficient zero — they can differ freely, which the first condition then refutes.
        var variables = new List<(PolynomialAtom Atom, Polynomial Coefficient, Polynomial Width)>();
        foreach (PolynomialAtom atom in problem.FirstIndices.Concat(problem.Difference.Variables.Where(v => !v.IsPrimed && v.Kind == AtomKind.Loop)).Distinct())
        {
            Polynomial coefficient = problem.Difference.CoefficientOf(atom);
            if (!coefficient.IsZero && coefficient.Terms[0].Coefficient < 0)
                coefficient = coefficient.Negate();
            if (Width(problem, atom) is not { } width)
                return null;
            variables.Add((atom, coefficient, width));
        }
        variables = variables
            .OrderBy(v => v.Coefficient.Terms.Select(t => t.Monomial.Degree).DefaultIfEmpty(0).Max())
            .ThenBy(v => v.Coefficient.ConstantValue ?? long.MaxValue)
            .ThenBy(v => v.Coefficient.ToString(), StringComparer.Ordinal)
            .ToList();

        int lowestIndex = variables.FindIndex(v => v.Atom.Kind == AtomKind.Index);
        var conditions = new List<Polynomial>();
        Polynomial below = Polynomial.Constant(k);
        for (int t = 0; t < variables.Count; t++)
        {
            var (_, coefficient, width) = variables[t];
            if (t >= lowestIndex)
            {
                // Once the previous condition holds, all below it stays under c_prev·(1 + width_prev): when c_prev
                // divides c, the condition reads c / c_prev >= 1 + width_prev, the way a user would state it.
                if (t > lowestIndex && Divide(coefficient, variables[t - 1].Coefficient) is { } quotient)
                    conditions.Add(quotient.Subtract(Polynomial.Constant(1)).Subtract(variables[t - 1].Width));
                else
                    conditions.Add(coefficient.Subtract(Polynomial.Constant(1)).Subtract(below));
            }
            else if (!coefficient.IsConstant)
            {
                conditions.Add(coefficient);   // |c| must be c: a symbolic coefficient below every index must not be negative
            }
            if (coefficient.Multiply(width) is not { } spread)
                return null;
            below = below.Add(spread);
        }
        return conditions;
    }

    /// <summary>
    /// How far an index's largest value lies above 0 (its range end minus one), or how many values minus one a loop
    /// takes; null when not a polynomial in symbols.
    /// </summary>
    /// <remarks>
    /// For the pair alone the number of values would do (only differences matter), but the conditions are what the
    /// entry point checks, and the other accesses' analysis takes a row index inside its row: <c>a[i * n + j]</c>
    /// with <c>j</c> over <c>1..64</c> and <c>n = 63</c> has 63 values, yet <c>j = 63</c> is the next row's element
    /// 0, which that row reads (<c>a[i * n]</c>). So an index is checked by the interval it covers, <c>[0, end)</c>.
    /// A loop keeps its count: its upper bound would count the pair's distance twice (<c>b[i * m + j]</c> against
    /// <c>b[i * m + j - 1]</c> for <c>j</c> in <c>1..m</c> fits a row of <c>m</c> exactly), and a loop whose
    /// interval starts past 0 is still checked by its count alone — an open case.
    /// </remarks>
    private static Polynomial? Width(DependenceProblem problem, PolynomialAtom variable)
    {
        if (variable.Kind == AtomKind.Index)
            return Polynomial.Of(PolynomialAtom.End(variable.Dimension, variable.Display)).Subtract(Polynomial.Constant(1));
        InductionRange? loop = problem.LoopOf(variable);
        if (loop?.Lower is not { } lower || loop.Upper is not { } upper || lower.HasVariables || upper.HasVariables)
            return null;
        return upper.Subtract(lower).Subtract(Polynomial.Constant(1));
    }

    /// <summary><paramref name="dividend"/> / <paramref name="divisor"/> when the divisor is one term that divides every term.</summary>
    private static Polynomial? Divide(Polynomial dividend, Polynomial divisor)
    {
        if (divisor.Terms.Length != 1 || divisor.Terms[0].Coefficient <= 0 || dividend.IsZero)
            return null;
        var (monomial, factor) = divisor.Terms[0];
        Polynomial quotient = Polynomial.Zero;
        foreach (var (term, coefficient) in dividend.Terms)
        {
            var remaining = term.Factors.ToList();
            if (coefficient % factor != 0 || !monomial.Factors.All(remaining.Remove))
                return null;
            quotient = quotient.Add(Polynomial.Of(Monomial.Of(remaining.ToImmutableArrayOf())).Scale(coefficient / factor));
        }
        return quotient;
    }

    private static System.Collections.Immutable.ImmutableArray<PolynomialAtom> ToImmutableArrayOf(this List<PolynomialAtom> atoms)
        => System.Collections.Immutable.ImmutableArray.CreateRange(atoms);
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// Looks for an exact integer solution of a <see cref="DependenceProblem"/>: values for every variable, symbolic
/// where they follow from the symbols (<c>i = n - 1</c>) and concrete under a <see cref="SymbolValuation"/>, that
/// satisfy the equations, the loop ranges and the guards, with the two index points different. Variables are
/// assigned in order; one that an equation (or an equality guard) determines is solved for exactly (the strong/weak
/// SIV cases), the others are tried near the ends of their ranges, where conflicts between neighbouring index
/// points show first. The search is bounded; finding nothing proves nothing.
/// </summary>
internal sealed class WitnessSearch
{
    private const int Candidates = 5;
    private const int NodeBudget = 20000;

    private readonly DependenceProblem _problem;
    private readonly IReadOnlyList<Polynomial> _equations;
    private readonly SymbolValuation _valuation;
    private readonly IReadOnlyDictionary<PolynomialAtom, Polynomial> _upperCaps;
    private readonly List<PolynomialAtom> _order;
    private readonly Dictionary<PolynomialAtom, (Polynomial Symbolic, long Value)> _assigned = new();
    private int _nodes;

    private WitnessSearch(DependenceProblem problem, IReadOnlyList<Polynomial> equations, SymbolValuation valuation, IReadOnlyDictionary<PolynomialAtom, Polynomial>? upperCaps)
    {
        _problem = problem;
        _equations = equations;
        _valuation = valuation;
        _upperCaps = upperCaps ?? new Dictionary<PolynomialAtom, Polynomial>();
        _order = problem.Variables.Distinct().ToList();
    }

    /// <summary>A solution, or null when none was found within the budget.</summary>
    public static IReadOnlyDictionary<PolynomialAtom, (Polynomial Symbolic, long Value)>? Find(
        DependenceProblem problem, IReadOnlyList<Polynomial> equations, SymbolValuation valuation, IReadOnlyDictionary<PolynomialAtom, Polynomial>? upperCaps = null)
    {
        var search = new WitnessSearch(problem, equations, valuation, upperCaps);
        return search.Assign() ? search._assigned : null;
    }

    private long? Concrete(PolynomialAtom atom)
        => _assigned.TryGetValue(atom, out var value) ? value.Value : atom.IsVariable ? null : _valuation[atom];

    private long? Evaluate(Polynomial polynomial) => polynomial.Evaluate(Concrete);

    private Polynomial? Symbolic(Polynomial polynomial)
        => polynomial.Substitute(a => _assigned.TryGetValue(a, out var value) ? value.Symbolic : null);

    private bool Assign()
    {
        if (++_nodes > NodeBudget || !Consistent())
            return false;
        PolynomialAtom? next = _order.FirstOrDefault(v => !_assigned.ContainsKey(v));
        if (next is null)
            return Distinct() && _order.All(v => InRange(v, _assigned[v].Value, final: true));

        if (Pivot() is { } pivot)
            return Try(pivot.Variable, pivot.Symbolic, pivot.Value);

        foreach (var (symbolic, value) in CandidatesFor(next))
        {
            if (Try(next, symbolic, value))
                return true;
        }
        return false;
    }

    private bool Try(PolynomialAtom variable, Polynomial symbolic, long value)
    {
        if (!InRange(variable, value))
            return false;
        _assigned[variable] = (symbolic, value);
        if (Assign())
            return true;
        _assigned.Remove(variable);
        return false;
    }

    /// <summary>An equation (or equality guard) with one unassigned variable whose coefficient is a constant: solve it.</summary>
    private (PolynomialAtom Variable, Polynomial Symbolic, long Value)? Pivot()
    {
        IEnumerable<Polynomial> equalities = _equations.Concat(_problem.Guards.Where(g => g.Relation == GuardRelation.Zero).Select(g => g.Expression));
        foreach (Polynomial equation in equalities)
        {
            var open = equation.Variables.Where(v => !_assigned.ContainsKey(v)).ToList();
            if (open.Count != 1)
                continue;
            PolynomialAtom variable = open[0];
            if (equation.CoefficientOf(variable).ConstantValue is not { } coefficient || coefficient == 0)
                continue;
            Polynomial rest = equation.Subtract(Polynomial.Of(variable).Scale(coefficient));
            if (Evaluate(rest) is not { } restValue || restValue % coefficient != 0)
                return (variable, Polynomial.Zero, long.MinValue);   // no integer solution on this branch
            long value = -restValue / coefficient;
            Polynomial symbolic = Symbolic(rest)?.Negate().DivideExactly(coefficient) ?? Polynomial.Constant(value);
            return (variable, symbolic, value);
        }
        return null;
    }

    private IEnumerable<(Polynomial Symbolic, long Value)> CandidatesFor(PolynomialAtom variable)
    {
        var (lower, upper) = Bounds(variable);
        var seen = new HashSet<long>();
        if (lower is { } low)
        {
            for (int t = 0; t < Candidates; t++)
            {
                if (Evaluate(low) is { } l && seen.Add(l + t))
                    yield return ((Symbolic(low) ?? Polynomial.Constant(l)).Add(Polynomial.Constant(t)), l + t);
            }
        }
        if (upper is { } high)
        {
            for (int t = 1; t <= Candidates; t++)
            {
                if (Evaluate(high) is { } h && seen.Add(h - t))
                    yield return ((Symbolic(high) ?? Polynomial.Constant(h)).Subtract(Polynomial.Constant(t)), h - t);
            }
        }
    }

    private (Polynomial? Lower, Polynomial? Upper) Bounds(PolynomialAtom variable)
    {
        Polynomial? lower, upper;
        if (variable.Kind == AtomKind.Index)
        {
            lower = Polynomial.Zero;
            upper = null;
        }
        else
        {
            InductionRange? loop = _problem.LoopOf(variable);
            lower = loop?.Lower;
            upper = loop?.Upper;
        }
        if (_upperCaps.TryGetValue(variable, out Polynomial? cap))
            upper = cap;
        return (lower, upper);
    }

    /// <summary>
    /// Whether the value lies in the variable's range; a bound that refers to variables not yet assigned is checked
    /// again once everything is (<paramref name="final"/>), when an unknown bound fails.
    /// </summary>
    private bool InRange(PolynomialAtom variable, long value, bool final = false)
    {
        if (value == long.MinValue)
            return false;
        var (lower, upper) = Bounds(variable);
        if (lower is not null)
        {
            long? l = Evaluate(lower);
            if (l is { } low ? value < low : final)
                return false;
        }
        if (upper is not null)
        {
            long? u = Evaluate(upper);
            if (u is { } high ? value >= high : final)
                return false;
        }
        return true;
    }

    /// <summary>Every equation and guard whose variables are all assigned holds.</summary>
    private bool Consistent()
    {
        foreach (Polynomial equation in _equations)
        {
            if (equation.Variables.All(_assigned.ContainsKey) && Evaluate(equation) is { } value && value != 0)
                return false;
        }
        foreach (GuardConstraint guard in _problem.Guards)
        {
            if (guard.Expression.Variables.All(_assigned.ContainsKey) && guard.Holds(Concrete) == false)
                return false;
        }
        // An element below zero is no element: that access would throw, not race.
        foreach (Polynomial subscript in new[] { _problem.F, _problem.G })
        {
            if (subscript.Variables.All(_assigned.ContainsKey) && Evaluate(subscript) is < 0)
                return false;
        }
        return true;
    }

    private bool Distinct()
    {
        for (int d = 0; d < _problem.FirstIndices.Length; d++)
        {
            if (_assigned[_problem.FirstIndices[d]].Value != _assigned[_problem.SecondIndices[d]].Value)
                return true;
        }
        return false;
    }
}

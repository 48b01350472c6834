using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// Decides whether two affine accesses of one span can touch the same element from different index points.
/// <list type="number">
/// <item>Translates (the same subscript, shifted by a constant: a store against itself, <c>a[i]</c> against
/// <c>a[i + 1]</c>, <c>a[i * n + j]</c> against <c>a[i * n + j - 1]</c>) are delinearized by mixed radix
/// (<see cref="RadixConditions"/>): proven independent, refuted (then searched for a witness), or race-free exactly
/// while the domain fits the layout — <c>end(j) &lt;= n</c> — which becomes a <see cref="RuntimeRequirement"/>
/// the entry point checks, and the analyzers stay silent.</item>
/// <item>Other pairs: the subscript difference is split by symbolic part (<c>n*i + j</c> into an <c>n</c> component
/// and a unit component). If <see cref="BanerjeeTest"/> (GCD and bounds per direction vector) cannot refute every
/// direction, <see cref="WitnessSearch"/> looks for a solution of the component equations — one that conflicts for
/// every value of the symbols: a definite race.</item>
/// <item>If they are independent for generic symbols, what remains are solutions where an index absorbs a symbol:
/// a symbolic distance (<c>a[i]</c> against <c>a[i + k]</c>: race-free while <c>|k|</c> exceeds the domain, a
/// requirement) or a mirror image (<c>y[i]</c> against <c>y[n - 1 - i]</c>), which the search solves on the whole
/// equation, with indices bounded by the strides their accesses imply: it conflicts in any domain covering both
/// halves.</item>
/// </list>
/// Anything else is inconclusive, and the analyzers say nothing.
/// </summary>
internal static class DependenceTest
{
    public static DependenceResult Test(KernelAccesses accesses, AccessSite first, AccessSite second)
    {
        var problem = DependenceProblem.Create(accesses, first, second);
        IReadOnlyDictionary<Monomial, Polynomial> components = problem.Difference.ComponentsBySymbolPart();
        var equations = components.Values.ToList();
        bool translate = problem.IsTranslate();

        if (translate && RadixConditions.For(problem) is { } conditions)
            return Translate(problem, conditions, equations);

        if (!BanerjeeTest.ProvesIndependence(problem, equations))
            return Search(problem, equations);
        if (components.Keys.All(k => k.IsOne))
            return DependenceResult.Independent;

        bool strides = components.Any(c => !c.Key.IsOne && c.Value.HasVariables);
        if (translate && !strides)
            return DistanceRequirement(problem);
        if (!translate)
            return MirrorSearch(problem, components.Where(c => !c.Key.IsOne && c.Value.HasVariables).Select(c => c.Key).OrderBy(k => k.Degree).ThenBy(k => k.Key, StringComparer.Ordinal).ToList());
        return DependenceResult.Undecided(concreteRunAllowed: false);
    }

    /// <summary>
    /// A translate pair with a constant distance, decided by its <see cref="RadixConditions"/>: proven conditions mean
    /// independence; conditions that fail already for a domain two wide in every index mean a conflict, which the
    /// search then names; conditions that hold for small domains are the call's business (a <see cref="RuntimeRequirement"/>).
    /// </summary>
    private static DependenceResult Translate(DependenceProblem problem, List<Polynomial> conditions, List<Polynomial> equations)
    {
        var open = conditions.Where(c => c.ConstantValue is not >= 0).Select(WithoutContent).Distinct().ToList();
        if (open.Count == 0)
            return DependenceResult.Independent;
        var small = new SymbolValuation(extents: Enumerable.Range(0, problem.FirstIndices.Length).ToDictionary(d => d, _ => 2L));
        if (open.Any(c => c.Evaluate(a => small[a]) is not >= 0))
        {
            // A conflict for every value of the symbols (the components), or one where a loop reaches the symbol (the whole equation).
            DependenceResult found = Search(problem, equations);
            return found.Outcome == DependenceOutcome.Dependent ? found : Search(problem, [problem.Difference]);
        }
        return Requirement(problem, open.Select(c => (c, Inequality(c))).ToList(), null);
    }

    /// <summary>Looks for a conflict that holds for every value of the symbols (a solution of every component equation).</summary>
    private static DependenceResult Search(DependenceProblem problem, List<Polynomial> equations)
    {
        var valuation = SymbolValuation.Generic();
        var solution = WitnessSearch.Find(problem, equations, valuation);
        if (solution is not null && problem.Exact)
            return DependenceResult.Conflict(Describe(problem, solution, valuation));
        return DependenceResult.Undecided(concreteRunAllowed: true);
    }

    /// <summary><c>P &gt;= 0</c> divided by the gcd of P's coefficients: the same condition, spelled smaller.</summary>
    private static Polynomial WithoutContent(Polynomial polynomial)
    {
        long content = polynomial.Terms.Select(t => Math.Abs(t.Coefficient)).Aggregate(0L, BanerjeeTest.Gcd);
        return content > 1 ? polynomial.DivideExactly(content) ?? polynomial : polynomial;
    }

    /// <summary>
    /// Translates by a symbolic distance <c>K</c> (<c>a[i]</c> against <c>a[i + k]</c>): no conflict while
    /// <c>|K|</c> exceeds what the variables can span, or when <c>K == 0</c> if equal subscripts are independent.
    /// </summary>
    private static DependenceResult DistanceRequirement(DependenceProblem problem)
    {
        Polynomial distance = problem.Difference.WithoutVariables;
        Polynomial variablePart = problem.Difference.Subtract(distance);
        if (Spread(problem, variablePart) is not { } spread)
            return DependenceResult.Undecided(concreteRunAllowed: false);
        bool zeroIsSafe = BanerjeeTest.ProvesIndependence(problem, [variablePart]);
        Polynomial margin = spread.Add(Polynomial.Constant(1));
        var above = distance.Subtract(margin);
        var belowNegative = distance.Negate().Subtract(margin);
        Polynomial shown = !distance.IsZero && distance.Terms[0].Coefficient < 0 ? distance.Negate() : distance;   // |K| and K == 0 read better without a leading minus
        string description = (zeroIsSafe ? $"{shown} == 0 || " : "") + $"|{shown}| >= {margin}";
        return Requirement(problem, [(above, description), (belowNegative, description)], zeroIsSafe ? distance : null, disjunction: true);
    }

    /// <summary>Subscripts that are not translates: search the whole equation, each index bounded by the stride its access implies.</summary>
    private static DependenceResult MirrorSearch(DependenceProblem problem, List<Monomial> strides)
    {
        var caps = new Dictionary<PolynomialAtom, Polynomial>();
        if (strides.Count > 0)
        {
            Polynomial unit = problem.Difference.ComponentsBySymbolPart().TryGetValue(Monomial.One, out Polynomial? c) ? c : Polynomial.Zero;
            for (int d = 0; d < problem.FirstIndices.Length; d++)
            {
                bool low = unit.CoefficientOf(problem.FirstIndices[d]).ConstantValue is 1 or -1 || unit.CoefficientOf(problem.SecondIndices[d]).ConstantValue is 1 or -1;
                if (low)
                {
                    caps[problem.FirstIndices[d]] = Polynomial.Of(strides[0]);
                    caps[problem.SecondIndices[d]] = Polynomial.Of(strides[0]);
                }
            }
        }
        var valuation = SymbolValuation.Generic();
        var solution = WitnessSearch.Find(problem, [problem.Difference], valuation, caps);
        if (solution is not null && problem.Exact)
            return DependenceResult.Conflict(Describe(problem, solution, valuation));
        // A conflict for even symbols only (a guard i <= n / 2 against the mirror n - 1 - i) is still a race of every
        // call with such values; the witness names them.
        var even = SymbolValuation.Even();
        solution = WitnessSearch.Find(problem, [problem.Difference], even, caps);
        return solution is not null && problem.Exact
            ? DependenceResult.Conflict(Describe(problem, solution, even) with { Note = even.Describe() })
            : DependenceResult.Undecided(concreteRunAllowed: false);
    }

    /// <summary>
    /// How far a translate component <c>Σ a·(v - v') + c</c> can stray from zero: <c>Σ |a|·(width(v) - 1) + |c|</c>,
    /// with an index's width its extent and a loop's the distance between its bounds. Null when a width is not a
    /// polynomial in symbols (a triangular loop, an unbounded one).
    /// </summary>
    private static Polynomial? Spread(DependenceProblem problem, Polynomial component)
    {
        Polynomial spread = Polynomial.Constant(Math.Abs(component.WithoutVariables.ConstantTerm));
        if (!component.WithoutVariables.IsConstant)
            return null;
        foreach (PolynomialAtom variable in component.Variables.Where(v => !v.IsPrimed))
        {
            if (component.CoefficientOf(variable).ConstantValue is not { } coefficient)
                return null;
            Polynomial width;
            if (variable.Kind == AtomKind.Index)
            {
                width = Polynomial.Of(PolynomialAtom.Extent(variable.Dimension, variable.Display)).Subtract(Polynomial.Constant(1));
            }
            else
            {
                InductionRange? loop = problem.LoopOf(variable);
                if (loop?.Lower is not { } lower || loop.Upper is not { } upper || lower.HasVariables || upper.HasVariables)
                    return null;
                width = upper.Subtract(lower).Subtract(Polynomial.Constant(1));
            }
            spread = spread.Add(width.Scale(Math.Abs(coefficient)));
        }
        return spread;
    }

    private static DependenceResult Requirement(DependenceProblem problem, List<(Polynomial NonNegative, string Description)> parts,
        Polynomial? zeroEscape, bool disjunction = false)
    {
        KernelExpression? condition = null;
        foreach (var (polynomial, _) in parts)
        {
            if (AtLeastZero(polynomial) is not { } holds)
                return DependenceResult.Undecided(concreteRunAllowed: false);
            condition = condition is null ? holds : new BinaryExpression(disjunction ? BinaryOperator.ConditionalOr : BinaryOperator.ConditionalAnd, condition, holds, ScalarKind.Boolean, false);
        }
        if (zeroEscape is not null)
        {
            if (zeroEscape.ToExpression() is not { } zero)
                return DependenceResult.Undecided(concreteRunAllowed: false);
            condition = new BinaryExpression(BinaryOperator.ConditionalOr, Compare(BinaryOperator.Equals, zero), condition!, ScalarKind.Boolean, false);
        }
        string description = string.Join(" && ", parts.Select(p => p.Description).Distinct());
        return DependenceResult.Requires(new RuntimeRequirement(problem.First.Span, problem.First.Display, problem.Second.Display, condition!, description));
    }

    /// <summary><c>P &gt;= 0</c> as the entry point evaluates it, spelled like <see cref="Inequality"/>: <c>n &gt;= end(j)</c>.</summary>
    private static KernelExpression? AtLeastZero(Polynomial nonNegative)
    {
        var (positive, negative) = Sides(nonNegative);
        if (positive.ToExpression() is not { } left || negative.ToExpression() is not { } right)
            return null;
        return new BinaryExpression(BinaryOperator.GreaterThanOrEqual, left, right, ScalarKind.Boolean, false);
    }

    private static (Polynomial Positive, Polynomial Negative) Sides(Polynomial polynomial)
    {
        Polynomial positive = Polynomial.Zero, negative = Polynomial.Zero;
        foreach (var (monomial, coefficient) in polynomial.Terms)
        {
            Polynomial term = Polynomial.Of(monomial).Scale(Math.Abs(coefficient));
            if (coefficient > 0)
                positive = positive.Add(term);
            else
                negative = negative.Add(term);
        }
        return (positive, negative);
    }

    private static KernelExpression Compare(BinaryOperator op, KernelExpression left)
        => new BinaryExpression(op, left, new ConstantExpression(ScalarKind.Int64, "0L", 0), ScalarKind.Boolean, false);

    /// <summary><c>P &gt;= 0</c> spelled as "negative terms &lt;= positive terms": <c>end(j) &lt;= n</c>.</summary>
    private static string Inequality(Polynomial nonNegative)
    {
        var (positive, negative) = Sides(nonNegative);
        return $"{negative} <= {positive}";
    }

    /// <summary>A loop variable's value in a solution: the atom's, or the start plus the count for a counted-from-start loop.</summary>
    private static Polynomial LoopValue(InductionRange loop, IReadOnlyDictionary<PolynomialAtom, (Polynomial Symbolic, long Value)> solution)
    {
        Polynomial count = solution[loop.Variable].Symbolic;
        if (loop.Origin is not { } origin || origin.Substitute(a => solution.TryGetValue(a, out var v) ? v.Symbolic : null) is not { } start)
            return count;
        return loop.Direction > 0 ? start.Add(count) : start.Subtract(count);
    }

    /// <summary>Spells a solution: the two index points (with their loop variables) and the element.</summary>
    public static ConflictWitness Describe(DependenceProblem problem, IReadOnlyDictionary<PolynomialAtom, (Polynomial Symbolic, long Value)> solution, SymbolValuation valuation)
    {
        string Point(IReadOnlyList<PolynomialAtom> indices, bool primed)
        {
            string names = indices.Count == 1 ? indices[0].Display : "(" + string.Join(", ", indices.Select(a => a.Display)) + ")";
            string values = indices.Count == 1 ? solution[indices[0]].Symbolic.ToString() : "(" + string.Join(", ", indices.Select(a => solution[a].Symbolic)) + ")";
            var loops = problem.Loops.Where(l => l.Variable.IsPrimed == primed && solution.ContainsKey(l.Variable))
                .Select(l => $"{l.Variable.Display} = {LoopValue(l, solution)}");
            string loopText = string.Join(", ", loops);
            return $"{names} = {values}" + (loopText.Length == 0 ? "" : $" ({loopText})");
        }
        Polynomial element = problem.F.Substitute(a => solution.TryGetValue(a, out var v) ? v.Symbolic : null) ?? Polynomial.Constant(problem.F.Evaluate(a => solution.TryGetValue(a, out var v) ? v.Value : valuation[a]) ?? 0);
        string span = problem.First.IsShared ? problem.First.Display : $"{problem.First.Span}[{element}]";
        return new ConflictWitness(Point(problem.FirstIndices, false), Point(problem.SecondIndices, true), span, null);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// Proves that two affine accesses never conflict between different index points, for every value of the
/// symbols: the subscript difference is split by symbolic part (delinearization, <see cref="Polynomial.ComponentsBySymbolPart"/>),
/// and for every direction vector other than "all indices equal" some component equation is shown to have no
/// integer solution — by the GCD test or by Banerjee's bounds over the index domain [0, ∞) and constant loop ranges.
/// A component equation that must hold for all symbol values is necessary only when the symbols are generic, so
/// this proves "generic" independence; <see cref="DependenceTest"/> deals with the non-generic solutions (a stride
/// absorbed by a wide index) separately.
/// </summary>
internal static class BanerjeeTest
{
    public static bool ProvesIndependence(DependenceProblem problem, IReadOnlyCollection<Polynomial> components)
    {
        int dimensions = problem.FirstIndices.Length;
        var directions = new Direction[dimensions];
        return AllRefuted(0);

        bool AllRefuted(int dimension)
        {
            if (dimension == dimensions)
                return directions.All(d => d == Direction.Equal) || components.Any(c => !Feasible(problem, c, directions));
            foreach (Direction direction in new[] { Direction.Less, Direction.Equal, Direction.Greater })
            {
                directions[dimension] = direction;
                if (!AllRefuted(dimension + 1))
                    return false;
            }
            return true;
        }
    }

    /// <summary>Whether <c>component = 0</c> may have an integer solution under the direction vector.</summary>
    public static bool Feasible(DependenceProblem problem, Polynomial component, IReadOnlyList<Direction> directions)
    {
        long constant = component.ConstantTerm;
        var coefficients = new List<long>();
        Interval range = Interval.Point(0);
        var handled = new HashSet<PolynomialAtom>();

        for (int d = 0; d < directions.Count; d++)
        {
            PolynomialAtom x = problem.FirstIndices[d], y = problem.SecondIndices[d];
            handled.Add(x);
            handled.Add(y);
            long? ca = component.CoefficientOf(x).ConstantValue, cb = component.CoefficientOf(y).ConstantValue;
            if (ca is not { } a || cb is not { } b)
                return true;
            if (directions[d] == Direction.Equal)
                coefficients.Add(a + b);
            else
            {
                coefficients.Add(a);
                coefficients.Add(b);
            }
            range = range.Add(PairRange(a, b, directions[d]));
        }

        foreach (PolynomialAtom variable in component.Variables)
        {
            if (handled.Contains(variable))
                continue;
            if (component.CoefficientOf(variable).ConstantValue is not { } a)
                return true;
            coefficients.Add(a);
            InductionRange? loop = problem.LoopOf(variable);
            long? lower = loop?.Lower?.ConstantValue, upper = loop?.Upper?.ConstantValue;
            if (lower is { } l && upper is { } u && u <= l)
                return false;   // the loop never runs: no access, no conflict
            range = range.Add(Interval.Scaled(a, lower, upper is { } last ? last - 1 : null));
        }

        long gcd = coefficients.Aggregate(0L, (g, c) => Gcd(g, Math.Abs(c)));
        if (gcd == 0 ? constant != 0 : constant % gcd != 0)
            return false;
        return range.Contains(-constant);
    }

    /// <summary>
    /// The range of <c>a·x + b·y</c> over x, y ≥ 0 with the given relation between x and y: its value at the vertex of
    /// the region, made infinite in each direction some edge of the region lets it grow.
    /// </summary>
    private static Interval PairRange(long a, long b, Direction direction)
    {
        switch (direction)
        {
            case Direction.Equal:
                return new Interval(a + b < 0 ? null : 0, a + b > 0 ? null : 0);
            case Direction.Less:   // 0 <= x < y: vertex (0, 1); edges along (0, 1) and (1, 1)
                return new Interval(b < 0 || a + b < 0 ? null : b, b > 0 || a + b > 0 ? null : b);
            default:               // 0 <= y < x: vertex (1, 0); edges along (1, 0) and (1, 1)
                return new Interval(a < 0 || a + b < 0 ? null : a, a > 0 || a + b > 0 ? null : a);
        }
    }

    public static long Gcd(long a, long b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }

    /// <summary>An integer interval with possibly infinite ends (null).</summary>
    private readonly record struct Interval(long? Low, long? High)
    {
        public static Interval Point(long value) => new(value, value);

        /// <summary>The range of <c>a·v</c> for v in [low, high].</summary>
        public static Interval Scaled(long a, long? low, long? high)
        {
            if (a == 0)
                return Point(0);
            long? l = low is { } x ? checked(a * x) : null, h = high is { } y ? checked(a * y) : null;
            return a > 0 ? new Interval(l, h) : new Interval(h, l);
        }

        public Interval Add(Interval other)
            => new(Low is { } a && other.Low is { } b ? checked(a + b) : null, High is { } c && other.High is { } d ? checked(c + d) : null);

        public bool Contains(long value) => (Low is not { } l || l <= value) && (High is not { } h || value <= h);
    }
}

using System.Collections.Generic;
using System.Linq;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// The range of a counted loop's variable: <c>for (int p = first; p &lt; end; p++)</c> (or <c>&lt;=</c>, <c>+= c</c> with
/// c &gt; 0, and the mirrored decreasing forms), where the body never assigns <c>p</c>. <see cref="First"/> and
/// <see cref="Last"/> are the lowest and highest values the body can see, both inclusive; with a step other than ±1
/// the variable may skip the end of the range (<see cref="UnitStep"/>).
/// </summary>
internal sealed record LoopRange(string Variable, KernelExpression First, KernelExpression Last, bool UnitStep);

internal static class LoopBounds
{
    /// <summary>Every counted loop variable of the body, by name.</summary>
    public static IReadOnlyDictionary<string, LoopRange> Find(BlockStatement body)
    {
        var assignments = KernelWalker.Assignments(body).GroupBy(a => a.Local).ToDictionary(g => g.Key, g => g.Count());
        var ranges = new Dictionary<string, LoopRange>();
        foreach (LoopStatement loop in KernelWalker.Statements(body).OfType<LoopStatement>())
        {
            if (loop.ConditionAfterBody || loop.Initializers.Count != 1 || loop.Increments.Count != 1)
                continue;
            if (loop.Initializers[0] is not DeclareLocalStatement { Initializer: { } first, Type: ScalarKind.Int32 } declare)
                continue;
            string name = declare.Name;
            // Declared once and stepped once: any other assignment would let the body move the variable.
            if (!assignments.TryGetValue(name, out int count) || count != 2)
                continue;
            if (Step(loop.Increments[0], name) is not { } step || step == 0)
                continue;
            if (Bound(loop.Condition, name, step > 0) is not { } last)
                continue;
            ranges[name] = step > 0 ? new LoopRange(name, first, last, step == 1) : new LoopRange(name, last, first, step == -1);
        }
        return ranges;
    }

    private static long? Step(KernelStatement increment, string name)
    {
        if (increment is not AssignLocalStatement { Value: BinaryExpression { Left: LocalExpression local, Right: ConstantExpression { IntegerValue: { } c } } step } assign
            || assign.Name != name || local.Name != name)
            return null;
        return step.Operator switch
        {
            BinaryOperator.Add => c,
            BinaryOperator.Subtract => -c,
            _ => null,
        };
    }

    /// <summary>The last value the body sees, from the loop condition comparing the variable with a bound.</summary>
    private static KernelExpression? Bound(KernelExpression? condition, string name, bool increasing)
    {
        if (condition is not BinaryExpression compare)
            return null;
        (BinaryOperator op, KernelExpression? bound) = compare switch
        {
            { Left: LocalExpression l } when l.Name == name => (compare.Operator, compare.Right),
            { Right: LocalExpression r } when r.Name == name => (Comparisons.Mirror(compare.Operator), compare.Left),
            _ => (compare.Operator, null),
        };
        if (bound is null || bound.Type != ScalarKind.Int32 || KernelWalker.Expressions(bound).Any(e => e is LocalExpression l && l.Name == name))
            return null;
        ConstantExpression one = new(ScalarKind.Int32, "1", 1);
        return (op, increasing) switch
        {
            (BinaryOperator.LessThan, true) => new BinaryExpression(BinaryOperator.Subtract, bound, one, ScalarKind.Int32, false),
            (BinaryOperator.LessThanOrEqual, true) => bound,
            (BinaryOperator.GreaterThan, false) => new BinaryExpression(BinaryOperator.Add, bound, one, ScalarKind.Int32, false),
            (BinaryOperator.GreaterThanOrEqual, false) => bound,
            _ => null,
        };
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DataParallel.Compiler.Syntax;

/// <summary>
/// Patterns: <c>x is …</c> tests and <c>switch</c> statements and expressions, read as the comparisons, if/else-if
/// chains and nested conditionals they mean: each arm or section is tried in source order (a default section last)
/// and its patterns become comparisons of the governing value, so the lowering masks and blends them like any
/// other branch.
/// </summary>
internal sealed partial class KernelBodyReader
{
    /// <summary>
    /// A switch expression as nested conditionals; null (recorded as not lowered, its arms scanned for excluded
    /// constructs) where it has no final catch-all arm or a pattern is not a comparison.
    /// </summary>
    private KernelExpression? ReadSwitchExpression(ISwitchExpressionOperation switchExpression, ScalarKind type)
    {
        var arms = switchExpression.Arms;
        // Without a final catch-all arm an unmatched value throws, which a vector body cannot do for one lane.
        if (arms.Length == 0 || arms[arms.Length - 1] is not { Pattern: IDiscardPatternOperation, Guard: null })
        {
            NotLowered(switchExpression, "a switch expression without a final '_' arm (an unmatched value throws)");
            ScanForErrors(switchExpression);
            return null;
        }
        KernelExpression governing = ReadExpression(switchExpression.Value);
        var tests = new List<KernelExpression>();
        for (int a = 0; a < arms.Length - 1; a++)
        {
            if (ArmTest(governing, arms[a].Pattern, arms[a].Guard) is not { } test)
            {
                foreach (ISwitchExpressionArmOperation arm in arms)
                    ScanForErrors(arm.Value);
                return null;
            }
            tests.Add(test);
        }
        KernelExpression result = ReadArmPart(arms[arms.Length - 1].Value, "in a switch arm");
        for (int a = arms.Length - 2; a >= 0; a--)
            result = new ConditionalExpression(tests[a], ReadArmPart(arms[a].Value, "in a switch arm"), result, type);
        return result;
    }

    /// <summary><c>value is pattern</c> as a comparison; null (recorded as not lowered) where the pattern is not one.</summary>
    private KernelExpression? ReadIsPattern(IIsPatternOperation isPattern)
        => PatternTest(ReadExpression(isPattern.Value), isPattern.Pattern);

    /// <summary>A switch statement as an if/else-if chain over its sections, the default section last.</summary>
    private KernelStatement ReadSwitchStatement(ISwitchOperation switchStatement)
    {
        // The sections' shapes and patterns are checked before any body is read, so that a switch left to run as
        // written has its bodies scanned for excluded constructs exactly once.
        if (switchStatement.Cases.SelectMany(section => section.Body.Take(BodyLength(switchStatement, section)))
                .SelectMany(statement => statement.DescendantsAndSelf().OfType<IBranchOperation>())
                .FirstOrDefault(branch => SymbolEqualityComparer.Default.Equals(branch.Target, switchStatement.ExitLabel)) is { } inner)
        {
            NotLowered(inner, "a break out of a switch section before its end");
            return Unsupported(switchStatement);
        }
        // Sections are read one after another, so a span local a section assigns would carry its new view into the
        // next section and past the switch (ReadIf keeps one view per branch; the chain built here does not).
        if (AssignedSpanLocals(switchStatement).FirstOrDefault(local => _spanLocals.ContainsKey(local)) is { } reassigned)
        {
            NotLowered(switchStatement, $"the span local '{reassigned.Name}', assigned again in a switch section");
            return Unsupported(switchStatement);
        }
        KernelExpression governing = ReadExpression(switchStatement.Value);
        var tests = new List<KernelExpression?>();
        foreach (ISwitchCaseOperation section in switchStatement.Cases)
        {
            if (section.Clauses.Any(clause => clause is IDefaultCaseClauseOperation))
            {
                tests.Add(null);
                continue;
            }
            KernelExpression? test = null;
            foreach (ICaseClauseOperation clause in section.Clauses)
            {
                KernelExpression? clauseTest = clause switch
                {
                    ISingleValueCaseClauseOperation single => ValueTest(governing, single.Value, BinaryOperator.Equals, clause),
                    IPatternCaseClauseOperation pattern => ArmTest(governing, pattern.Pattern, pattern.Guard),
                    _ => Unmatched(clause),
                };
                if (clauseTest is null)
                {
                    foreach (ISwitchCaseOperation any in switchStatement.Cases)
                        foreach (IOperation statement in any.Body)
                            ScanForErrors(statement);
                    return new BlockStatement(EquatableArray<KernelStatement>.Empty);
                }
                test = test is null ? clauseTest : new BinaryExpression(BinaryOperator.ConditionalOr, test, clauseTest, ScalarKind.Boolean, false);
            }
            tests.Add(test);
        }

        var tested = new List<(KernelExpression Test, KernelStatement Body)>();
        KernelStatement? fallback = null;
        for (int s = 0; s < tests.Count; s++)
        {
            ISwitchCaseOperation section = switchStatement.Cases[s];
            var body = new BlockStatement(section.Body.Take(BodyLength(switchStatement, section)).SelectMany(ReadStatements).ToEquatableArray());
            if (tests[s] is { } test)
                tested.Add((test, body));
            else
                fallback = body;
        }
        KernelStatement? chain = fallback;
        for (int s = tested.Count - 1; s >= 0; s--)
            chain = new IfStatement(tested[s].Test, tested[s].Body, chain);
        return chain is null ? new BlockStatement(EquatableArray<KernelStatement>.Empty) : Track(chain, switchStatement);
    }

    /// <summary>
    /// A switch arm's value or guard, which runs only for the indices that reach it. A helper with control flow there
    /// would have to run under the conditions of every arm before it, which the chain built here does not express:
    /// such a kernel runs as written.
    /// </summary>
    private KernelExpression ReadArmPart(IOperation operation, string where)
    {
        var hoisted = new List<KernelStatement>();
        KernelExpression value = ReadInto(operation, hoisted);
        return hoisted.Count == 0 ? value : Placeholder(operation, $"a call of a helper with control flow {where}");
    }

    /// <summary>How many of a section's statements run: all but the <c>break</c> that ends it.</summary>
    private static int BodyLength(ISwitchOperation switchStatement, ISwitchCaseOperation section)
    {
        var body = section.Body;
        return body.Length > 0 && body[body.Length - 1] is IBranchOperation { BranchKind: BranchKind.Break } end
            && SymbolEqualityComparer.Default.Equals(end.Target, switchStatement.ExitLabel)
            ? body.Length - 1
            : body.Length;
    }

    private KernelExpression? ArmTest(KernelExpression governing, IPatternOperation pattern, IOperation? guard)
    {
        if (PatternTest(governing, pattern) is not { } test)
            return null;
        if (guard is null)
            return test;
        KernelExpression condition = ReadArmPart(guard, "in a switch guard");
        return new BinaryExpression(BinaryOperator.ConditionalAnd, test, condition, ScalarKind.Boolean, false);
    }

    /// <summary>Constant, relational, <c>not</c>/<c>and</c>/<c>or</c> and discard patterns as comparisons of the governing value.</summary>
    private KernelExpression? PatternTest(KernelExpression governing, IPatternOperation pattern)
    {
        switch (pattern)
        {
            case IDiscardPatternOperation:
                return new ConstantExpression(ScalarKind.Boolean, "true", null);
            case IConstantPatternOperation constant:
                return ValueTest(governing, constant.Value, BinaryOperator.Equals, pattern);
            case IRelationalPatternOperation relational when TryBinaryOperator(relational.OperatorKind, out BinaryOperator op):
                return ValueTest(governing, relational.Value, op, pattern);
            case INegatedPatternOperation negated:
                return PatternTest(governing, negated.Pattern) is { } inner
                    ? new UnaryExpression(UnaryOperator.LogicalNot, inner, ScalarKind.Boolean, false)
                    : null;
            case IBinaryPatternOperation binary:
                if (PatternTest(governing, binary.LeftPattern) is not { } left || PatternTest(governing, binary.RightPattern) is not { } right)
                    return null;
                BinaryOperator combine = binary.OperatorKind == BinaryOperatorKind.And ? BinaryOperator.ConditionalAnd : BinaryOperator.ConditionalOr;
                return new BinaryExpression(combine, left, right, ScalarKind.Boolean, false);
            default:
                return Unmatched(pattern);
        }
    }

    /// <summary>
    /// <c>governing op value</c> at C#'s promoted type. The constant pattern <c>float.NaN</c> matches NaN, where
    /// <c>==</c> never does, so it is <c>float.IsNaN</c>; a relational pattern against NaN is left out.
    /// </summary>
    private KernelExpression? ValueTest(KernelExpression governing, IOperation value, BinaryOperator op, IOperation pattern)
    {
        if (value.ConstantValue is { HasValue: true, Value: float or double } constant && double.IsNaN(System.Convert.ToDouble(constant.Value)))
        {
            return op == BinaryOperator.Equals && governing.Type is ScalarKind.Single or ScalarKind.Double
                ? new MathCallExpression(governing.Type == ScalarKind.Single ? "System.Single" : "System.Double", "IsNaN",
                    ImmutableArray.Create(governing).ToEquatableArray(), ScalarKind.Boolean)
                : Unmatched(pattern);
        }
        KernelExpression operand = ReadExpression(value);
        ScalarKind compareAt = Promote(governing.Type);
        if (governing.Type == ScalarKind.Boolean || operand.Type == ScalarKind.Boolean)
        {
            if (governing.Type != operand.Type)
                return Unmatched(pattern);
            compareAt = ScalarKind.Boolean;
        }
        return new BinaryExpression(op, ConvertTo(governing, compareAt, false), ConvertTo(operand, compareAt, false), ScalarKind.Boolean, false);
    }

    private KernelExpression? Unmatched(IOperation pattern)
    {
        NotLowered(pattern, $"the switch pattern '{pattern.Syntax}'");
        return null;
    }
}

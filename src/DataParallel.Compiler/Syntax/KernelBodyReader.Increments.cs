using System.Linq;
using DataParallel.Compiler.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DataParallel.Compiler.Syntax;

internal sealed partial class KernelBodyReader
{
    /// <summary><c>++</c> or <c>--</c> on <paramref name="target"/>'s value <paramref name="current"/>, as C# computes it (in the promoted type, then narrowed back).</summary>
    private KernelStatement Increment(IIncrementOrDecrementOperation increment, KernelExpression current, ScalarKind targetType, IOperation at)
    {
        ScalarKind operandType = Promote(targetType);
        KernelExpression one = new ConstantExpression(operandType, LiteralFormatter.Format(1, operandType), 1);
        BinaryOperator op = increment.Kind == OperationKind.Increment ? BinaryOperator.Add : BinaryOperator.Subtract;
        KernelExpression combined = new BinaryExpression(op, ConvertTo(current, operandType, checkedContext: false), one, operandType, increment.IsChecked);
        return Assign(increment.Target, ConvertTo(combined, targetType, increment.IsChecked), at);
    }

    /// <summary>
    /// <c>x[i + k++]</c>, <c>while (steps-- &gt; 0)</c>: an increment of a local or parameter used as a value runs just
    /// before the statement (or, in a loop condition, before each test; on a side of <c>?:</c>, <c>&amp;&amp;</c> or
    /// <c>||</c>, under that side's guard), and the expression reads the value before it (postfix) or after it
    /// (prefix). That is the order C# evaluates in only when nothing else in the expression reads or writes the
    /// variable: otherwise, and for elements and fields, null — the kernel then runs as written.
    /// </summary>
    private KernelExpression? ReadIncrementValue(IIncrementOrDecrementOperation increment)
    {
        ISymbol? variable = increment.Target switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };
        if (increment.OperatorMethod is not null || _pending is null || variable is null
            || ScalarKindFacts.FromType(increment.Target.Type) is not { } type || UsedElsewhereInExpression(increment, variable))
            return null;
        if (increment.IsPostfix)
        {
            var before = new LocalExpression(FreshName(variable.Name + "_before"), type);
            _pending.Add(new DeclareLocalStatement(before.Name, type, ReadTargetValue(increment.Target)));
            // k = k + 1 rather than k = k_before + 1 (the same value): the access analysis recognises the first as a step.
            _pending.Add(Increment(increment, ReadTargetValue(increment.Target), type, increment));
            return before;
        }
        _pending.Add(Increment(increment, ReadTargetValue(increment.Target), type, increment));
        return ReadTargetValue(increment.Target);
    }

    /// <summary>Whether the expression around <paramref name="increment"/> (up to its statement) refers to <paramref name="variable"/> anywhere else.</summary>
    private static bool UsedElsewhereInExpression(IIncrementOrDecrementOperation increment, ISymbol variable)
    {
        IOperation root = increment;
        while (root.Parent is { } parent && (parent.Type is not null || parent is IArgumentOperation))
            root = parent;
        return root.DescendantsAndSelf().Any(o => !ReferenceEquals(o, increment.Target) && o switch
        {
            ILocalReferenceOperation local => SymbolEqualityComparer.Default.Equals(local.Local, variable),
            IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, variable),
            _ => false,
        });
    }
}

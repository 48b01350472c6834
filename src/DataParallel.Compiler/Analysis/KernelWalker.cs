using System.Collections.Generic;
using System.Linq;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Analysis;

/// <summary>Enumerations over a kernel body that several analyses share.</summary>
internal static class KernelWalker
{
    public static IEnumerable<KernelStatement> Statements(KernelStatement statement)
    {
        yield return statement;
        IEnumerable<KernelStatement> children = statement switch
        {
            BlockStatement block => block.Statements,
            IfStatement branch => branch.Else is null ? [branch.Then] : [branch.Then, branch.Else],
            LoopStatement loop => loop.Initializers.Concat(loop.Increments).Append(loop.Body),
            _ => [],
        };
        foreach (KernelStatement child in children)
        {
            foreach (KernelStatement nested in Statements(child))
                yield return nested;
        }
    }

    /// <summary>The expressions a statement evaluates directly (not those of nested statements).</summary>
    public static IEnumerable<KernelExpression> OwnExpressions(KernelStatement statement) => statement switch
    {
        DeclareLocalStatement { Initializer: { } init } => [init],
        AssignLocalStatement assign => [assign.Value],
        StoreStatement store => [store.Index, store.Value],
        IfStatement branch => [branch.Condition],
        LoopStatement { Condition: { } condition } => [condition],
        ReturnStatement { Value: { } value } => [value],
        EvaluateStatement evaluate => [evaluate.Expression],
        _ => [],
    };

    public static IEnumerable<KernelExpression> Expressions(KernelExpression expression)
    {
        yield return expression;
        foreach (KernelExpression child in Children(expression))
        {
            foreach (KernelExpression nested in Expressions(child))
                yield return nested;
        }
    }

    public static IEnumerable<KernelExpression> Children(KernelExpression expression) => expression switch
    {
        LoadExpression load => [load.Index],
        UnaryExpression unary => [unary.Operand],
        BinaryExpression binary => [binary.Left, binary.Right],
        ConvertExpression convert => [convert.Operand],
        ConditionalExpression conditional => [conditional.Condition, conditional.WhenTrue, conditional.WhenFalse],
        MathCallExpression call => call.Arguments,
        _ => [],
    };

    /// <summary>Every expression anywhere in the body.</summary>
    public static IEnumerable<KernelExpression> AllExpressions(KernelStatement body)
        => Statements(body).SelectMany(OwnExpressions).SelectMany(Expressions);

    /// <summary>
    /// Every node of the body, statements and expressions, in body order (a node before its children), the checks of
    /// slices included; a node that stands at several places is visited at each.
    /// </summary>
    public static IEnumerable<KernelNode> Nodes(KernelStatement body)
    {
        foreach (KernelStatement statement in Statements(body))
        {
            yield return statement;
            IEnumerable<KernelExpression> own = statement switch
            {
                StoreStatement { Slice: { } slice } store => [store.Index, store.Value, slice.Position, slice.Length],
                SliceCheckStatement check => [check.Start, check.Length, check.SourceLength],
                _ => OwnExpressions(statement),
            };
            foreach (KernelExpression expression in own.SelectMany(ExpressionsWithSlices))
                yield return expression;
        }
    }

    private static IEnumerable<KernelExpression> ExpressionsWithSlices(KernelExpression expression)
        => Expressions(expression).SelectMany(e => e is LoadExpression { Slice: { } slice }
            ? new[] { e }.Concat(ExpressionsWithSlices(slice.Position)).Concat(ExpressionsWithSlices(slice.Length))
            : [e]);

    /// <summary>Every (local, value) assignment, declarations with initializers included.</summary>
    public static IEnumerable<(string Local, KernelExpression Value)> Assignments(KernelStatement body)
    {
        foreach (KernelStatement statement in Statements(body))
        {
            if (statement is DeclareLocalStatement { Initializer: { } init } declare)
                yield return (declare.Name, init);
            else if (statement is AssignLocalStatement assign)
                yield return (assign.Name, assign.Value);
        }
    }
}

using System.Collections.Generic;
using System.Linq;
using DataParallel.Analyzers.Model;

namespace DataParallel.Analyzers.Analysis;

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

    /// <summary>
    /// Locals whose value is fixed once, before any control flow: declared with an initializer at the top level of
    /// the body and never assigned again. Their definitions can be substituted into index expressions.
    /// </summary>
    public static IReadOnlyDictionary<string, KernelExpression> SingleDefinitions(BlockStatement body)
    {
        var counts = Assignments(body).GroupBy(a => a.Local).ToDictionary(g => g.Key, g => g.Count());
        var definitions = new Dictionary<string, KernelExpression>();
        foreach (KernelStatement statement in StraightLinePrefix(body))
        {
            if (statement is DeclareLocalStatement { Initializer: { } init } declare && counts[declare.Name] == 1)
                definitions[declare.Name] = init;
        }
        return definitions;
    }

    /// <summary>
    /// The statements every index executes unconditionally: the body's top-level statements (plain blocks flattened)
    /// up to the first branch, loop or return.
    /// </summary>
    public static IEnumerable<KernelStatement> StraightLinePrefix(BlockStatement body)
    {
        foreach (KernelStatement statement in body.Statements)
        {
            switch (statement)
            {
                case BlockStatement nested:
                    foreach (KernelStatement inner in StraightLinePrefix(nested))
                    {
                        if (inner is not (DeclareLocalStatement or AssignLocalStatement or StoreStatement or EvaluateStatement or SharedWriteStatement))
                            yield break;
                        yield return inner;
                    }
                    if (!nested.Statements.All(s => s is DeclareLocalStatement or AssignLocalStatement or StoreStatement or EvaluateStatement or SharedWriteStatement or BlockStatement))
                        yield break;
                    break;
                case DeclareLocalStatement or AssignLocalStatement or StoreStatement or EvaluateStatement or SharedWriteStatement:
                    yield return statement;
                    break;
                default:
                    yield break;
            }
        }
    }
}

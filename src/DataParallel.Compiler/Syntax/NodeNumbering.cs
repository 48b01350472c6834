using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Syntax;

/// <summary>
/// Gives the nodes the reader built without an operation of their own (offsets, slice bounds, the locals and
/// branches it introduces) their ids, after the ones it tracked, in the body's order: then every node of a body
/// has an id of its own and lookups never need to compare references.
/// </summary>
internal static class NodeNumbering
{
    public static void NumberUnnumbered(KernelStatement statement, ref int lastId)
    {
        Number(statement, ref lastId);
        switch (statement)
        {
            case BlockStatement block:
                foreach (KernelStatement inner in block.Statements)
                    NumberUnnumbered(inner, ref lastId);
                break;
            case DeclareLocalStatement { Initializer: { } initializer }:
                NumberUnnumbered(initializer, ref lastId);
                break;
            case AssignLocalStatement assign:
                NumberUnnumbered(assign.Value, ref lastId);
                break;
            case StoreStatement store:
                NumberUnnumbered(store.Index, ref lastId);
                NumberUnnumbered(store.Value, ref lastId);
                NumberUnnumbered(store.Slice, ref lastId);
                break;
            case SliceCheckStatement check:
                NumberUnnumbered(check.Start, ref lastId);
                NumberUnnumbered(check.Length, ref lastId);
                NumberUnnumbered(check.SourceLength, ref lastId);
                break;
            case IfStatement branch:
                NumberUnnumbered(branch.Condition, ref lastId);
                NumberUnnumbered(branch.Then, ref lastId);
                if (branch.Else is { } otherwise)
                    NumberUnnumbered(otherwise, ref lastId);
                break;
            case LoopStatement loop:
                foreach (KernelStatement initializer in loop.Initializers)
                    NumberUnnumbered(initializer, ref lastId);
                if (loop.Condition is { } condition)
                    NumberUnnumbered(condition, ref lastId);
                foreach (KernelStatement increment in loop.Increments)
                    NumberUnnumbered(increment, ref lastId);
                NumberUnnumbered(loop.Body, ref lastId);
                break;
            case ReturnStatement { Value: { } value }:
                NumberUnnumbered(value, ref lastId);
                break;
            case EvaluateStatement evaluate:
                NumberUnnumbered(evaluate.Expression, ref lastId);
                break;
        }
    }

    private static void NumberUnnumbered(KernelExpression expression, ref int lastId)
    {
        Number(expression, ref lastId);
        switch (expression)
        {
            case LoadExpression load:
                NumberUnnumbered(load.Index, ref lastId);
                NumberUnnumbered(load.Slice, ref lastId);
                break;
            case UnaryExpression unary:
                NumberUnnumbered(unary.Operand, ref lastId);
                break;
            case BinaryExpression binary:
                NumberUnnumbered(binary.Left, ref lastId);
                NumberUnnumbered(binary.Right, ref lastId);
                break;
            case ConvertExpression convert:
                NumberUnnumbered(convert.Operand, ref lastId);
                break;
            case ConditionalExpression conditional:
                NumberUnnumbered(conditional.Condition, ref lastId);
                NumberUnnumbered(conditional.WhenTrue, ref lastId);
                NumberUnnumbered(conditional.WhenFalse, ref lastId);
                break;
            case MathCallExpression call:
                foreach (KernelExpression argument in call.Arguments)
                    NumberUnnumbered(argument, ref lastId);
                break;
        }
    }

    private static void NumberUnnumbered(SliceBound? slice, ref int lastId)
    {
        if (slice is null)
            return;
        NumberUnnumbered(slice.Position, ref lastId);
        NumberUnnumbered(slice.Length, ref lastId);
    }

    private static void Number(KernelNode node, ref int lastId)
    {
        if (node.Id == KernelNode.NoSource)
            node.Id = ++lastId;
    }
}

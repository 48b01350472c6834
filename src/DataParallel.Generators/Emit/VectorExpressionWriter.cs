using System.Collections.Generic;
using System.Linq;
using DataParallel.Analyzers.Analysis;
using DataParallel.Analyzers.Model;

namespace DataParallel.Generators.Emit;

/// <summary>
/// Writes a varying IR expression as vector C# for one width: every lane computes what the scalar kernel computes
/// for its index, with the same IEEE operations (no contraction, no reassociation). Uniform subexpressions are
/// computed as scalars and broadcast. In the last, partial vector of a domain (<paramref name="tail"/>), loads repeat
/// the last active element in the inactive lanes and stores write only the active ones.
/// </summary>
internal sealed class VectorExpressionWriter(VectorWidth width, SimdPlan plan, ScalarExpressionWriter scalar, INameScope names, bool tail, IReadOnlyDictionary<string, string> broadcasts)
{
    private const string Lanes = "Dp::Lanes";
    private const string NarrowLanes = "Dp::NarrowLanes";

    public string Write(KernelExpression expression)
    {
        ScalarKind lane = expression.Type.LaneType()!.Value;
        if (plan.Lanes.Classify(expression) == LaneClass.Uniform)
            return Broadcast(expression, lane);
        switch (expression)
        {
            case IndexExpression index:
                return tail
                    ? $"{Lanes}.IndicesTail{width.Bits}({names.Index(index.Dimension)}, __active)"
                    : $"{Lanes}.Indices{width.Bits}({names.Index(index.Dimension)})";
            case LocalExpression local:
                return local.Name;
            case LoadExpression load:
                return Load(load);
            case UnaryExpression unary:
                return $"({ScalarExpressionWriter.UnaryToken(unary.Operator)}{Write(unary.Operand)})";
            case BinaryExpression binary:
                return Binary(binary, lane);
            case ConvertExpression convert:
                return Convert(Write(convert.Operand), convert.Operand.Type, convert.Type);
            case MathCallExpression call:
                return $"{width.Api}.{call.Method}({string.Join(", ", call.Arguments.Select(Write))})";
            default:
                throw new System.InvalidOperationException($"{expression.GetType().Name} has no vector form.");
        }
    }

    /// <summary>The address of lane 0 of a contiguous access: its index expression, evaluated as a scalar for lane 0.</summary>
    public string Offset(KernelExpression index) => $"(nuint){scalar.Write(index)}";

    public string Store(StoreStatement store, string value)
    {
        string reference = names.ProvenRef(store.Span, store.Display)!;
        if (store.ElementType.IsSmallInteger())
            return tail
                ? $"{NarrowLanes}.StoreNarrowedTail{width.Bits}({value}, ref {reference}, {Offset(store.Index)}, __active);"
                : $"{NarrowLanes}.StoreNarrowed{width.Bits}({value}, ref {reference}, {Offset(store.Index)});";
        return tail
            ? $"{Lanes}.StoreTail{width.Bits}({value}, ref {reference}, {Offset(store.Index)}, __active);"
            : $"{width.Api}.StoreUnsafe({value}, ref {reference}, {Offset(store.Index)});";
    }

    private string Load(LoadExpression load)
    {
        string reference = names.ProvenRef(load.Span, load.Display)!;
        if (load.Type.IsSmallInteger())
            return tail
                ? $"{NarrowLanes}.LoadWidenedTail{width.Bits}(ref {reference}, {Offset(load.Index)}, __active)"
                : $"{NarrowLanes}.LoadWidened{width.Bits}(ref {reference}, {Offset(load.Index)})";
        return tail
            ? $"{Lanes}.LoadTail{width.Bits}(ref {reference}, {Offset(load.Index)}, __active)"
            : $"{width.Api}.LoadUnsafe(ref {reference}, {Offset(load.Index)})";
    }

    private string Broadcast(KernelExpression expression, ScalarKind lane)
    {
        if (expression is UniformExpression uniform && broadcasts.TryGetValue(uniform.Name, out string? hoisted))
            return hoisted;
        string value = scalar.Write(expression);
        if (expression.Type != lane)
            value = $"unchecked(({lane.Keyword()}){value})";
        return $"{width.Api}.Create({value})";
    }

    private string Binary(BinaryExpression binary, ScalarKind lane)
    {
        string left = Write(binary.Left);
        switch (binary.Operator)
        {
            case BinaryOperator.LeftShift or BinaryOperator.RightShift or BinaryOperator.UnsignedRightShift:
            {
                int mask = lane.Size() * 8 - 1;
                string count = $"({scalar.Write(binary.Right)} & {mask})";
                string method = binary.Operator switch
                {
                    BinaryOperator.LeftShift => "ShiftLeft",
                    BinaryOperator.RightShift when lane.IsSigned() => "ShiftRightArithmetic",
                    _ => "ShiftRightLogical",
                };
                return $"{width.Api}.{method}({left}, {count})";
            }
            case BinaryOperator.Remainder:
                return $"{Lanes}.Remainder({left}, {Write(binary.Right)})";
            default:
                return $"({left} {ScalarExpressionWriter.BinaryToken(binary.Operator)} {Write(binary.Right)})";
        }
    }

    /// <summary>
    /// Converts between lane types of equal width. Small integers live in int lanes holding their exact value, so
    /// converting to one truncates in-lane (mask or sign-extend) exactly as the C# cast does.
    /// </summary>
    private string Convert(string value, ScalarKind from, ScalarKind to)
    {
        ScalarKind fromLane = from.LaneType()!.Value, toLane = to.LaneType()!.Value;
        string converted = (fromLane, toLane) switch
        {
            _ when fromLane == toLane => value,
            (ScalarKind.Int32, ScalarKind.UInt32) => $"{width.Api}.AsUInt32({value})",
            (ScalarKind.UInt32, ScalarKind.Int32) => $"{width.Api}.AsInt32({value})",
            (ScalarKind.Int64, ScalarKind.UInt64) => $"{width.Api}.AsUInt64({value})",
            (ScalarKind.UInt64, ScalarKind.Int64) => $"{width.Api}.AsInt64({value})",
            (ScalarKind.Int32 or ScalarKind.UInt32, ScalarKind.Single) => $"{width.Api}.ConvertToSingle({value})",
            (ScalarKind.Single, ScalarKind.Int32) => $"{width.Api}.ConvertToInt32({value})",
            (ScalarKind.Single, ScalarKind.UInt32) => $"{width.Api}.ConvertToUInt32({value})",
            (ScalarKind.Int64 or ScalarKind.UInt64, ScalarKind.Double) => $"{width.Api}.ConvertToDouble({value})",
            (ScalarKind.Double, ScalarKind.Int64) => $"{width.Api}.ConvertToInt64({value})",
            (ScalarKind.Double, ScalarKind.UInt64) => $"{width.Api}.ConvertToUInt64({value})",
            _ => throw new System.InvalidOperationException($"No vector conversion from {from} to {to}."),
        };
        return to switch
        {
            ScalarKind.Byte => $"({converted} & {width.Api}.Create(0xFF))",
            ScalarKind.UInt16 => $"({converted} & {width.Api}.Create(0xFFFF))",
            ScalarKind.SByte => $"{width.Api}.ShiftRightArithmetic({width.Api}.ShiftLeft({converted}, 24), 24)",
            ScalarKind.Int16 => $"{width.Api}.ShiftRightArithmetic({width.Api}.ShiftLeft({converted}, 16), 16)",
            _ => converted,
        };
    }
}

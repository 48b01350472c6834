using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;

namespace DataParallel.Generators.Emit;

/// <summary>
/// Writes an IR expression as scalar C# with exactly the kernel's semantics: every operand already has the type C#
/// gave it, so parenthesising each operation and spelling each conversion reproduces the original computation.
/// </summary>
internal sealed class ScalarExpressionWriter(INameScope names)
{
    public string Write(KernelExpression expression) => expression switch
    {
        ConstantExpression constant => constant.Literal.StartsWith("-", System.StringComparison.Ordinal) ? $"({constant.Literal})" : constant.Literal,
        IndexExpression index => names.Index(index.Dimension),
        UniformExpression uniform => names.Uniform(uniform.Name),
        LocalExpression local => names.Local(local),
        DomainExtentExpression extent => names.Extent(extent.Dimension),
        DomainEndExpression end => names.End(end.Dimension),
        SpanLengthExpression length => $"{names.Span(length.Span)}.Length",
        StaticFieldExpression field => field.FullyQualifiedName,
        LoadExpression load => names.ProvenRef(load.Span, load.Id) is { } reference
            ? load.Type == ScalarKind.Boolean
                // Vector code sees bool elements through a byte reference.
                ? $"(global::System.Runtime.CompilerServices.Unsafe.Add(ref {reference}, {Write(load.Index)}) != 0)"
                : $"global::System.Runtime.CompilerServices.Unsafe.Add(ref {reference}, {Write(load.Index)})"
            : $"{names.Span(load.Span)}[{Write(load.Index)}]",
        UnaryExpression unary => Checked(unary.Checked, $"{UnaryToken(unary.Operator)}{Write(unary.Operand)}"),
        BinaryExpression binary => Checked(binary.Checked, $"{Write(binary.Left)} {BinaryToken(binary.Operator)} {Write(binary.Right)}"),
        ConvertExpression convert => convert.Checked
            ? $"checked(({convert.Type.Keyword()}){Write(convert.Operand)})"
            : $"unchecked(({convert.Type.Keyword()}){Write(convert.Operand)})",
        ConditionalExpression conditional => $"({Write(conditional.Condition)} ? {Write(conditional.WhenTrue)} : {Write(conditional.WhenFalse)})",
        MathCallExpression call => $"global::{call.ContainingType}.{call.Method}({string.Join(", ", call.Arguments.Select(Write))}{(call.RoundingMode is { } mode ? ", global::System.MidpointRounding." + mode : "")})",
        _ => throw new System.InvalidOperationException($"{expression.GetType().Name} has no scalar form."),
    };

    private static string Checked(bool isChecked, string operation) => isChecked ? $"checked({operation})" : $"({operation})";

    public static string UnaryToken(UnaryOperator op) => op switch
    {
        UnaryOperator.Negate => "-",
        UnaryOperator.BitwiseNot => "~",
        UnaryOperator.LogicalNot => "!",
        _ => throw new System.ArgumentOutOfRangeException(nameof(op), op, null),
    };

    public static string BinaryToken(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Remainder => "%",
        BinaryOperator.And => "&",
        BinaryOperator.Or => "|",
        BinaryOperator.ExclusiveOr => "^",
        BinaryOperator.LeftShift => "<<",
        BinaryOperator.RightShift => ">>",
        BinaryOperator.UnsignedRightShift => ">>>",
        BinaryOperator.ConditionalAnd => "&&",
        BinaryOperator.ConditionalOr => "||",
        BinaryOperator.Equals => "==",
        BinaryOperator.NotEquals => "!=",
        BinaryOperator.LessThan => "<",
        BinaryOperator.LessThanOrEqual => "<=",
        BinaryOperator.GreaterThan => ">",
        BinaryOperator.GreaterThanOrEqual => ">=",
        _ => throw new System.ArgumentOutOfRangeException(nameof(op), op, null),
    };
}

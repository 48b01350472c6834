using System.Linq;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Planning;

namespace DataParallel.Generators.Emit;

/// <summary>
/// Writes an IR expression as C# inside an ILGPU kernel: indices and locals by name, uniforms as fields of the
/// uniforms' struct, spans as <c>ArrayView&lt;T&gt;</c> (indexed by int, <c>IntLength</c> for <c>.Length</c>), math as
/// ILGPU's <c>XMath</c>. Only what <see cref="GpuPlanner"/> accepts reaches it; anything else is a bug, thrown.
/// </summary>
internal static class GpuExpressionWriter
{
    public const string Uniforms = "__uniforms";

    public static string Write(KernelExpression expression, KernelModel kernel) => expression switch
    {
        ConstantExpression constant => constant.Literal.StartsWith("-", System.StringComparison.Ordinal) ? $"({constant.Literal})" : constant.Literal,
        IndexExpression index => Identifier.Escape(kernel.Parameters[index.Dimension].Name),
        UniformExpression uniform => $"{Uniforms}.{Identifier.Escape(uniform.Name)}",
        LocalExpression local => Identifier.Escape(local.Name),
        SpanLengthExpression length => $"{Identifier.Escape(length.Span)}.IntLength",
        LoadExpression { Slice: null } load => $"{Identifier.Escape(load.Span)}[{Write(load.Index, kernel)}]",
        UnaryExpression { Checked: false } unary => $"({ScalarExpressionWriter.UnaryToken(unary.Operator)}{Write(unary.Operand, kernel)})",
        BinaryExpression { Checked: false } binary => $"({Write(binary.Left, kernel)} {ScalarExpressionWriter.BinaryToken(binary.Operator)} {Write(binary.Right, kernel)})",
        ConvertExpression { Checked: false } convert => $"unchecked(({convert.Type.Keyword()}){Write(convert.Operand, kernel)})",
        ConditionalExpression conditional => $"({Write(conditional.Condition, kernel)} ? {Write(conditional.WhenTrue, kernel)} : {Write(conditional.WhenFalse, kernel)})",
        MathCallExpression call when GpuPlanner.IsLowerableMath(call)
            => $"global::ILGPU.Algorithms.XMath.{call.Method}({string.Join(", ", call.Arguments.Select(a => Write(a, kernel)))})",
        _ => throw new System.InvalidOperationException($"{expression.GetType().Name} has no GPU form; GpuPlanner should have kept the kernel off the GPU."),
    };
}

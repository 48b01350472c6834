using System.Linq;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Planning;

namespace DataParallel.Generators.Emit;

/// <summary>
/// Writes an IR expression as C# inside an ILGPU kernel: indices and locals by name, uniforms as fields of the
/// uniforms' struct, spans as <c>ArrayView&lt;T&gt;</c> (indexed by int, <c>IntLength</c> for <c>.Length</c>), math as
/// <see cref="GpuMathFunctions"/> says. Only what <see cref="GpuPlanner"/> accepts reaches it; anything else is a bug, thrown (an
/// operation that may fault, outside a guarded kernel, included).
/// </summary>
internal static class GpuExpressionWriter
{
    public const string Uniforms = "__uniforms";

    /// <summary>
    /// The expression as C#; with <paramref name="guards"/> (a guarded kernel), faulting operations and unproven loads
    /// in their guarded forms. <c>checked</c> operations that cannot overflow are written as they are: C# gives them
    /// the unchecked meaning.
    /// </summary>
    public static string Write(KernelExpression expression, KernelModel kernel, GpuFaultGuards? guards = null)
    {
        string Operand(KernelExpression e) => Write(e, kernel, guards);
        if (guards?.Write(expression, Operand) is { } guarded)
            return guarded;
        return expression switch
        {
            ConstantExpression constant => constant.Literal.StartsWith("-", System.StringComparison.Ordinal) ? $"({constant.Literal})" : constant.Literal,
            IndexExpression index => Identifier.Escape(kernel.Parameters[index.Dimension].Name),
            UniformExpression { Type: ScalarKind.Boolean } flag => $"({Uniforms}.{Identifier.Escape(flag.Name)} != 0)",
            UniformExpression uniform => $"{Uniforms}.{Identifier.Escape(uniform.Name)}",
            LocalExpression local => Identifier.Escape(local.Name),
            SpanLengthExpression length => $"{Identifier.Escape(length.Span)}.IntLength",
            // Through a slice too: the IR rewrote it to the underlying span at offset + position, and the host proved
            // the slice's checks.
            LoadExpression load => $"{Identifier.Escape(load.Span)}[{Operand(load.Index)}]",
            UnaryExpression unary when !GpuGuardedOperations.Faults(unary) => $"({ScalarExpressionWriter.UnaryToken(unary.Operator)}{Operand(unary.Operand)})",
            BinaryExpression binary when !GpuGuardedOperations.Faults(binary) => $"({Operand(binary.Left)} {ScalarExpressionWriter.BinaryToken(binary.Operator)} {Operand(binary.Right)})",
            ConvertExpression convert when !GpuGuardedOperations.Faults(convert) => $"unchecked(({convert.Type.Keyword()}){Operand(convert.Operand)})",
            ConditionalExpression conditional => $"({Operand(conditional.Condition)} ? {Operand(conditional.WhenTrue)} : {Operand(conditional.WhenFalse)})",
            MathCallExpression call when GpuMathFunctions.DeviceMethod(call) is { } method
                => $"{method}({string.Join(", ", call.Arguments.Select(Operand))})",
            _ => throw new System.InvalidOperationException($"{expression.GetType().Name} has no GPU form; GpuPlanner should have kept the kernel off the GPU."),
        };
    }
}

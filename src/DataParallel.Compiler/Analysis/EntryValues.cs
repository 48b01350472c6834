using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Analysis;

/// <summary>Expressions the entry point can evaluate before any index runs.</summary>
internal static class EntryValues
{
    /// <summary>An expression of parameters, span lengths, static fields and constants: uniform, and computable at entry.</summary>
    public static bool IsParameterOnly(KernelExpression expression) => expression switch
    {
        ConstantExpression or UniformExpression or SpanLengthExpression or StaticFieldExpression => true,
        ConvertExpression c => IsParameterOnly(c.Operand),
        UnaryExpression u => IsParameterOnly(u.Operand),
        BinaryExpression b => IsParameterOnly(b.Left) && IsParameterOnly(b.Right),
        _ => false,
    };
}

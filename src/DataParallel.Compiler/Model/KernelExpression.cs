namespace DataParallel.Compiler.Model;

/// <summary>
/// A node of a kernel body's expression tree: value-equatable, free of symbols and syntax, with every implicit
/// C# conversion made explicit (<see cref="ConvertExpression"/>), so the lowering never has to re-derive C#'s
/// typing rules. <see cref="Type"/> is the C# type of the value.
/// </summary>
internal abstract record KernelExpression(ScalarKind Type) : KernelNode;

/// <summary>A compile-time constant; <see cref="Literal"/> is its C# spelling, typed exactly (e.g. <c>2f</c>, <c>(byte)3</c>).</summary>
internal sealed record ConstantExpression(ScalarKind Type, string Literal, long? IntegerValue) : KernelExpression(Type);

/// <summary>The value of index parameter number <see cref="Dimension"/> (0 is the outermost).</summary>
internal sealed record IndexExpression(int Dimension) : KernelExpression(ScalarKind.Int32);

/// <summary>A uniform parameter: the same value for every index.</summary>
internal sealed record UniformExpression(string Name, ScalarKind Type) : KernelExpression(Type);

/// <summary>A local variable (names are made unique across the body).</summary>
internal sealed record LocalExpression(string Name, ScalarKind Type) : KernelExpression(Type);

/// <summary><c>span.Length</c>.</summary>
internal sealed record SpanLengthExpression(string Span) : KernelExpression(ScalarKind.Int32);

/// <summary>A read of a static field (a uniform: the same for every index).</summary>
internal sealed record StaticFieldExpression(string FullyQualifiedName, ScalarKind Type) : KernelExpression(Type);

/// <summary>
/// A read <c>span[index]</c>; <see cref="Display"/> is the access as the user wrote it, for messages. A read through a
/// slice names the underlying parameter, with the slice's own check in <see cref="Slice"/>.
/// </summary>
internal sealed record LoadExpression(string Span, KernelExpression Index, ScalarKind Type, string Display, SliceBound? Slice = null) : KernelExpression(Type);

internal enum UnaryOperator
{
    Negate,
    BitwiseNot,
    LogicalNot,
}

internal sealed record UnaryExpression(UnaryOperator Operator, KernelExpression Operand, ScalarKind Type, bool Checked) : KernelExpression(Type);

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    And,
    Or,
    ExclusiveOr,
    LeftShift,
    RightShift,
    UnsignedRightShift,
    ConditionalAnd,
    ConditionalOr,
    Equals,
    NotEquals,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
}

/// <summary>
/// A binary operation. Both operands already have the operation's type (C# converted them), except the count of
/// a shift, which is an int; comparisons have <see cref="Type"/> bool.
/// </summary>
internal sealed record BinaryExpression(BinaryOperator Operator, KernelExpression Left, KernelExpression Right, ScalarKind Type, bool Checked) : KernelExpression(Type);

/// <summary>A numeric conversion (explicit or made explicit), with C#'s semantics for its context.</summary>
internal sealed record ConvertExpression(KernelExpression Operand, ScalarKind Type, bool Checked) : KernelExpression(Type);

/// <summary><c>condition ? whenTrue : whenFalse</c>.</summary>
internal sealed record ConditionalExpression(KernelExpression Condition, KernelExpression WhenTrue, KernelExpression WhenFalse, ScalarKind Type) : KernelExpression(Type);

/// <summary>
/// A call of a <c>System.Math</c>/<c>System.MathF</c> method, e.g. <c>MathF.Sqrt</c>. <see cref="RoundingMode"/> is
/// the <c>MidpointRounding</c> member passed to <c>Round(x, mode)</c> as a constant (not one of the arguments).
/// </summary>
internal sealed record MathCallExpression(string ContainingType, string Method, EquatableArray<KernelExpression> Arguments, ScalarKind Type, string? RoundingMode = null) : KernelExpression(Type);

/// <summary>
/// A call of another static method of the compilation, kept as a call (the scalar path runs it as written);
/// <see cref="Display"/> names it for messages.
/// </summary>
internal sealed record HelperCallExpression(string Display, ScalarKind Type) : KernelExpression(Type);

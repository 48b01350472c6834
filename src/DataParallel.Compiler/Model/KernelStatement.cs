namespace DataParallel.Compiler.Model;

/// <summary>A statement of a kernel body (see <see cref="KernelExpression"/> for the conventions).</summary>
internal abstract record KernelStatement : KernelNode;

/// <summary><c>T name = initializer;</c> (a missing initializer leaves the local unassigned, as C# requires before use).</summary>
/// <param name="Name">The local's name in the IR, unique across the body (a shadowed or reused name gets a suffix).</param>
/// <param name="SourceName">The name the kernel's source gives the local, or null for a local the reader introduces.</param>
internal sealed record DeclareLocalStatement(string Name, ScalarKind Type, KernelExpression? Initializer, string? SourceName = null) : KernelStatement;

/// <summary><c>name = value;</c>, compound forms already expanded.</summary>
internal sealed record AssignLocalStatement(string Name, KernelExpression Value) : KernelStatement;

/// <summary>
/// <c>span[index] = value;</c>, compound forms already expanded. A write through a slice names the underlying
/// parameter, with the slice's own check in <see cref="Slice"/>.
/// </summary>
internal sealed record StoreStatement(string Span, KernelExpression Index, KernelExpression Value, ScalarKind ElementType, string Display, SliceBound? Slice = null) : KernelStatement;

/// <summary>
/// The argument check of <c>Slice(Start, Length)</c> (and of a range <c>[a..b]</c>) on a span of
/// <see cref="SourceLength"/> elements: <c>0 ≤ Start</c>, <c>0 ≤ Length</c>, <c>Start + Length ≤ SourceLength</c>.
/// It computes nothing; the generated entry point proves it for the whole domain, as the kernel as written would
/// throw where it fails.
/// </summary>
/// <param name="Source">The sliced span or slice, for messages.</param>
/// <param name="Display">The slice as written, for messages.</param>
internal sealed record SliceCheckStatement(string Source, KernelExpression Start, KernelExpression Length, KernelExpression SourceLength, string Display) : KernelStatement;

/// <summary>A write the kernel language allows but that is shared state (a static field or a ref parameter).</summary>
/// <param name="Target">The static field's or the ref parameter's name.</param>
/// <param name="Display">What it writes, for messages (<c>static field 'Total'</c>).</param>
internal sealed record SharedWriteStatement(string Target, string Display) : KernelStatement;

internal sealed record BlockStatement(EquatableArray<KernelStatement> Statements) : KernelStatement;

internal sealed record IfStatement(KernelExpression Condition, KernelStatement Then, KernelStatement? Else) : KernelStatement;

/// <summary>
/// <c>for (initializers; condition; increments) body</c>; a <c>while</c> loop has no initializers or increments,
/// and a <c>do</c> loop sets <see cref="ConditionAfterBody"/>.
/// </summary>
internal sealed record LoopStatement(
    EquatableArray<KernelStatement> Initializers,
    KernelExpression? Condition,
    EquatableArray<KernelStatement> Increments,
    KernelStatement Body,
    bool ConditionAfterBody) : KernelStatement;

internal sealed record BreakStatement : KernelStatement;

internal sealed record ContinueStatement : KernelStatement;

/// <summary><c>return;</c> or, in a reduction kernel, <c>return value;</c>.</summary>
internal sealed record ReturnStatement(KernelExpression? Value) : KernelStatement;

/// <summary>An expression evaluated for its side effects only (e.g. a helper call).</summary>
internal sealed record EvaluateStatement(KernelExpression Expression) : KernelStatement;

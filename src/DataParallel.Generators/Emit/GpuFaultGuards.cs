using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Planning;

namespace DataParallel.Generators.Emit;

/// <summary>
/// The in-kernel guards of one guarded GPU kernel (<see cref="GpuGuardedOperations"/>): the thread's fault code, the
/// guarded forms of faulting operations and unproven accesses, and the check after each statement that may fault,
/// which records the index's fault and ends its thread before the statement has any effect.
/// </summary>
internal sealed class GpuFaultGuards(ImmutableArray<ProvenAccess> proven, int dimensions)
{
    public const string Guards = "global::DataParallel.Gpu.KernelGuards";

    /// <summary>The thread's fault code, a local of the kernel (<c>KernelGuards.None</c> until an operation faults).</summary>
    public const string Fault = "__fault";

    /// <summary>The kernel's parameter holding the launch's fault record.</summary>
    public const string Record = "__faults";

    private int _temporaries;

    public ImmutableArray<ProvenAccess> Proven { get; } = proven;

    /// <summary>The thread's place in the domain in row-major order: the order in which the scalar kernel runs indices.</summary>
    public string Position => dimensions switch
    {
        1 => "(long)__index.X",
        2 => $"(long)__index.Y * {GpuExpressionWriter.Uniforms}.__count1 + __index.X",
        _ => $"((long)__index.Z * {GpuExpressionWriter.Uniforms}.__count1 + __index.Y) * {GpuExpressionWriter.Uniforms}.__count2 + __index.X",
    };

    /// <summary>The line that ends a faulted thread: its fault recorded, nothing more done.</summary>
    public string Check => $"if ({Fault} != {Guards}.None) {{ {Guards}.Record({Record}, __position, {Fault}); return; }}";

    /// <summary>A fresh name for a temporary of the guarded code (a condition evaluated before the check).</summary>
    public string Temporary(string stem) => $"__{stem}{_temporaries++}";

    public bool MayFault(KernelStatement statement) => GpuGuardedOperations.MayFault(statement, Proven);

    public bool MayFault(KernelExpression expression) => GpuGuardedOperations.MayFault(expression, Proven);

    public bool ChecksBounds(LoadExpression load) => GpuGuardedOperations.ChecksBounds(load.Id, load.Index, Proven);

    public bool ChecksBounds(StoreStatement store) => GpuGuardedOperations.ChecksBounds(store.Id, store.Index, Proven);

    /// <summary>Whether a loop's condition or increments may fault (its initializers check themselves).</summary>
    public bool MayFault(LoopStatement loop) => (loop.Condition is { } condition && MayFault(condition)) || loop.Increments.Any(MayFault);

    /// <summary>
    /// The guarded form of a faulting operation, or null for any other expression. Operands are cast to the
    /// operation's type, as C# converted them, so that the guard's overload is the operation's.
    /// </summary>
    public string? Write(KernelExpression expression, System.Func<KernelExpression, string> operand)
    {
        string Typed(KernelExpression e, ScalarKind type) => $"({type.Keyword()})({operand(e)})";
        switch (expression)
        {
            case LoadExpression load when ChecksBounds(load):
                return $"{Guards}.Load({Identifier.Escape(load.Span)}, {operand(load.Index)}, ref {Fault})";
            case BinaryExpression binary when GpuGuardedOperations.Faults(binary):
                string method = binary.Operator switch
                {
                    BinaryOperator.Divide => "Divide",
                    BinaryOperator.Remainder => "Remainder",
                    BinaryOperator.Add => "CheckedAdd",
                    BinaryOperator.Subtract => "CheckedSubtract",
                    _ => "CheckedMultiply",
                };
                return $"{Guards}.{method}({Typed(binary.Left, binary.Type)}, {Typed(binary.Right, binary.Type)}, ref {Fault})";
            case MathCallExpression call when GpuGuardedOperations.Faults(call):
                // Abs, Sign and Clamp: the guard of the same name, its operands of the call's argument types.
                return $"{Guards}.{call.Method}({string.Join(", ", call.Arguments.Select(a => Typed(a, a.Type)))}, ref {Fault})";
            case UnaryExpression unary when GpuGuardedOperations.Faults(unary):
                return $"{Guards}.CheckedNegate({Typed(unary.Operand, unary.Type)}, ref {Fault})";
            case ConvertExpression convert when GpuGuardedOperations.Faults(convert):
                string target = convert.Type.Keyword();
                string widened = convert.Operand.Type.IsSigned() ? "long" : "ulong";
                return $"unchecked(({target}){Guards}.InRange(({widened})({operand(convert.Operand)}), (long){target}.MinValue, (ulong){target}.MaxValue, ref {Fault}))";
            default:
                return null;
        }
    }
}

using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Planning;

/// <summary>
/// What a GPU kernel guards in the kernel (issue 13 item 2): the operations that throw on the CPU where a GPU cannot
/// throw — integer division and remainder, <c>checked</c> arithmetic and integer conversions, integer
/// <c>Math.Abs</c> — and the accesses
/// whose bounds the host cannot prove. A guard records the fault and skips the operation; the thread stops at the end
/// of the statement and the entry point throws the CPU's exception when it waits. The planner and the emitter ask
/// these same questions, so what the planner admits is exactly what the emitter guards.
/// </summary>
internal static class GpuGuardedOperations
{
    /// <summary>Whether evaluating <paramref name="operation"/> itself (not its operands) may fault.</summary>
    public static bool Faults(KernelExpression operation) => operation switch
    {
        BinaryExpression { Operator: BinaryOperator.Divide or BinaryOperator.Remainder } division => division.Type.IsInteger(),
        BinaryExpression { Checked: true, Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply } arithmetic => arithmetic.Type.IsInteger(),
        UnaryExpression { Checked: true, Operator: UnaryOperator.Negate } negation => negation.Type.IsInteger(),
        ConvertExpression { Checked: true } conversion => conversion.Operand.Type.ConversionCanOverflow(conversion.Type),
        // Math.Abs of a signed integer throws OverflowException for the minimum value.
        MathCallExpression { ContainingType: "System.Math", Method: "Abs", RoundingMode: null } abs => abs.Arguments.Count == 1 && abs.Type.IsSigned() && abs.Arguments[0].Type == abs.Type,
        // Math.Sign of a float or double throws ArithmeticException for NaN.
        MathCallExpression { Method: "Sign", RoundingMode: null } sign => IsMath(sign) && sign.Arguments.Count == 1 && sign.Type == ScalarKind.Int32
            && sign.Arguments[0].Type is ScalarKind.Single or ScalarKind.Double,
        // Math.Clamp throws ArgumentException when the minimum is above the maximum.
        MathCallExpression { Method: "Clamp", RoundingMode: null } clamp => IsMath(clamp) && clamp.Arguments.Count == 3 && clamp.Arguments.All(a => a.Type == clamp.Type)
            && (clamp.Type is ScalarKind.Single or ScalarKind.Double || IsGuardedArithmeticType(clamp.Type)),
        _ => false,
    };

    private static bool IsMath(MathCallExpression call) => call.ContainingType is "System.Math" or "System.MathF";

    /// <summary>The integer types the guards of <see cref="Faults"/> take (C# promotes narrower operands to int).</summary>
    public static bool IsGuardedArithmeticType(ScalarKind type) => type is ScalarKind.Int32 or ScalarKind.UInt32 or ScalarKind.Int64 or ScalarKind.UInt64;

    /// <summary>
    /// Whether an access is bounds-checked in the kernel: the host has no proof of it, or its index evaluates a guarded
    /// operation (whose substitute value after a fault the host's proof never saw).
    /// </summary>
    public static bool ChecksBounds(int access, KernelExpression index, ImmutableArray<ProvenAccess> proven)
        => proven.ProofOf(access) is null || MayFault(index, proven);

    /// <summary>Whether evaluating <paramref name="expression"/> may fault anywhere inside.</summary>
    public static bool MayFault(KernelExpression expression, ImmutableArray<ProvenAccess> proven)
        => KernelWalker.Expressions(expression).Any(e => Faults(e) || (e is LoadExpression load && ChecksBounds(load.Id, load.Index, proven)));

    /// <summary>Whether a statement's own expressions, or its access, may fault: the thread checks its fault code after it.</summary>
    public static bool MayFault(KernelStatement statement, ImmutableArray<ProvenAccess> proven)
        => (statement is StoreStatement store && ChecksBounds(store.Id, store.Index, proven))
            || KernelWalker.OwnExpressions(statement).Any(e => MayFault(e, proven));
}

using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DataParallel.Compiler.Syntax;

/// <summary>
/// How a write to shared state combines with what was there: <c>Total += x[i]</c>, <c>count++</c>,
/// <c>best = Math.Max(best, x[i])</c> are updates a <c>Reduce</c> kernel computes without a race; a plain
/// <c>last = x[i]</c> is not an update at all.
/// </summary>
/// <param name="Operator">As the user wrote it, for the message: <c>+=</c>, <c>++</c>, <c>Math.Max</c>.</param>
/// <param name="Reduction">The <c>DataParallel.Reduction</c> member that computes the same combination, or null when none does.</param>
internal sealed record SharedUpdate(string Operator, string? Reduction)
{
    /// <summary>Classifies the assignment at <paramref name="location"/> (a static field or ref parameter write).</summary>
    public static SharedUpdate? Classify(IOperation body, Location location)
    {
        IOperation? write = body.DescendantsAndSelf().FirstOrDefault(o => o.Syntax.Span == location.SourceSpan
            && o is ICompoundAssignmentOperation or IIncrementOrDecrementOperation or ISimpleAssignmentOperation);
        switch (write)
        {
            case ICompoundAssignmentOperation compound:
                return FromOperator(compound.OperatorKind, compound.Target.Type);
            case IIncrementOrDecrementOperation increment:
                return new SharedUpdate(increment.Kind == OperationKind.Increment ? "++" : "--", IsInteger(increment.Target.Type) || IsFloat(increment.Target.Type) ? "Sum" : null);
            case ISimpleAssignmentOperation assignment:
                IOperation value = Unwrap(assignment.Value);
                if (value is IBinaryOperation binary && (SameTarget(binary.LeftOperand, assignment.Target)
                    || binary.OperatorKind != BinaryOperatorKind.Subtract && SameTarget(binary.RightOperand, assignment.Target)))
                    return FromOperator(binary.OperatorKind, assignment.Target.Type) is { } update ? update with { Operator = update.Operator.TrimEnd('=') } : null;
                if (value is IInvocationOperation { TargetMethod.Name: "Max" or "Min", Arguments.Length: 2 } call
                    && call.TargetMethod.ContainingType.Name is "Math" or "MathF"
                    && call.Arguments.Any(a => SameTarget(a.Value, assignment.Target)))
                    return new SharedUpdate($"{call.TargetMethod.ContainingType.Name}.{call.TargetMethod.Name}", call.TargetMethod.Name);
                return null;
            default:
                return null;
        }
    }

    /// <summary>The reduction for an element-wise accumulation the IR found (<c>+</c>, <c>Max</c>…).</summary>
    public static SharedUpdate FromIr(string operation, bool integer) => operation switch
    {
        "+" => new SharedUpdate("+=", "Sum"),
        "-" => new SharedUpdate("-=", "Sum"),
        "*" => new SharedUpdate("*=", "Product"),
        "&" => new SharedUpdate("&=", integer ? "And" : null),
        "|" => new SharedUpdate("|=", integer ? "Or" : null),
        "^" => new SharedUpdate("^=", integer ? "Xor" : null),
        _ => new SharedUpdate("Math." + operation, operation),
    };

    private static SharedUpdate? FromOperator(BinaryOperatorKind kind, ITypeSymbol? type) => kind switch
    {
        BinaryOperatorKind.Add => new SharedUpdate("+=", "Sum"),
        BinaryOperatorKind.Subtract => new SharedUpdate("-=", "Sum"),
        BinaryOperatorKind.Multiply => new SharedUpdate("*=", "Product"),
        BinaryOperatorKind.And => new SharedUpdate("&=", IsInteger(type) ? "And" : null),
        BinaryOperatorKind.Or => new SharedUpdate("|=", IsInteger(type) ? "Or" : null),
        BinaryOperatorKind.ExclusiveOr => new SharedUpdate("^=", IsInteger(type) ? "Xor" : null),
        _ => null,
    };

    private static IOperation Unwrap(IOperation operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } or IParenthesizedOperation)
            operation = operation is IConversionOperation c ? c.Operand : ((IParenthesizedOperation)operation).Operand;
        return operation;
    }

    private static bool SameTarget(IOperation candidate, IOperation target) => (Unwrap(candidate), target) switch
    {
        (IFieldReferenceOperation a, IFieldReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Field, b.Field),
        (IParameterReferenceOperation a, IParameterReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Parameter, b.Parameter),
        _ => false,
    };

    private static bool IsInteger(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16
        or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64;

    private static bool IsFloat(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Single or SpecialType.System_Double;
}

using System.Collections.Immutable;
using DataParallel.Compiler.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DataParallel.Compiler.Syntax;

internal sealed partial class KernelBodyReader
{
    /// <summary>
    /// <c>BitOperations.PopCount/LeadingZeroCount/TrailingZeroCount</c> and the generic-math statics of the same
    /// names on int, uint, long and ulong (<c>int.PopCount(x)</c>, <c>ulong.LeadingZeroCount(x)</c>): each is the
    /// <c>BitOperations</c> count of the operand's bits read as unsigned (<c>int.LeadingZeroCount(x)</c> is
    /// <c>BitOperations.LeadingZeroCount((uint)x)</c>), converted to the declared result type. Null for other calls
    /// (and for <c>nint</c>/<c>nuint</c> operands).
    /// </summary>
    private KernelExpression? ReadBitCount(IInvocationOperation invocation, IMethodSymbol method, ScalarKind? type)
    {
        if (!MathMethodNames.IsBitCount(method.Name) || invocation.Arguments.Length != 1 || type is not { } resultType
            || !(method.ContainingType.ToDisplayString() == "System.Numerics.BitOperations"
                || method.ContainingType.SpecialType is SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64))
            return null;
        ScalarKind? bits = ScalarKindFacts.FromType(method.Parameters[0].Type) switch
        {
            ScalarKind.Int32 or ScalarKind.UInt32 => ScalarKind.UInt32,
            ScalarKind.Int64 or ScalarKind.UInt64 => ScalarKind.UInt64,
            _ => null,
        };
        if (bits is not { } unsigned)
            return null;
        KernelExpression operand = ConvertTo(ReadExpression(invocation.Arguments[0].Value), unsigned, checkedContext: false);
        var count = new MathCallExpression("System.Numerics.BitOperations", method.Name, ImmutableArray.Create(operand).ToEquatableArray(), ScalarKind.Int32);
        return ConvertTo(count, resultType, checkedContext: false);
    }
}

using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace DataParallel.Compiler.Syntax;

/// <summary>
/// Static methods of the primitive numeric types that are, in the runtime, the <c>Math</c>/<c>MathF</c> method of the
/// same name and parameters (<c>float.Sqrt(x)</c> is <c>MathF.Sqrt(x)</c>; <c>int.Abs(v)</c> is <c>Math.Abs(v)</c>), so
/// a kernel written with the generic-math spellings lowers like one written with <c>Math</c>. The lists leave out the
/// methods whose primitive version differs: <c>float.Clamp</c> and <c>double.Clamp</c> are <c>Min(Max(v, min), max)</c>,
/// which treats −0 and NaN bounds unlike <c>Math.Clamp</c>; <c>Exp2</c>, <c>Lerp</c> and <c>Hypot</c> have no
/// <c>Math</c> counterpart.
/// </summary>
internal static class PrimitiveMathAliases
{
    private static readonly HashSet<string> s_floatingPoint =
    [
        "Abs", "Acos", "Acosh", "Asin", "Asinh", "Atan", "Atan2", "Atanh", "BitDecrement", "BitIncrement", "Cbrt", "Ceiling",
        "CopySign", "Cos", "Cosh", "Exp", "Floor", "FusedMultiplyAdd", "ILogB", "Log", "Log2", "Log10", "Max", "MaxMagnitude",
        "Min", "MinMagnitude", "Pow", "ReciprocalEstimate", "ReciprocalSqrtEstimate", "Round", "ScaleB", "Sign", "Sin", "Sinh",
        "Sqrt", "Tan", "Tanh", "Truncate",
    ];

    // Unsigned types have no Math.Abs or Math.Sign of their own (uint.Sign is not Math.Sign of anything).
    private static readonly HashSet<string> s_integer = ["Abs", "Clamp", "Max", "Min", "Sign"];

    /// <summary>
    /// <c>System.Math</c> or <c>System.MathF</c> when <paramref name="method"/> is one of those aliases, the class whose
    /// method of that name it is; otherwise null.
    /// </summary>
    public static string? MathClassOf(IMethodSymbol method)
    {
        if (!method.IsStatic || method.IsGenericMethod)
            return null;
        return method.ContainingType.SpecialType switch
        {
            SpecialType.System_Single when s_floatingPoint.Contains(method.Name) => "System.MathF",
            SpecialType.System_Double when s_floatingPoint.Contains(method.Name) => "System.Math",
            SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_Int32 or SpecialType.System_Int64
                when s_integer.Contains(method.Name) => "System.Math",
            SpecialType.System_Byte or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64
                when s_integer.Contains(method.Name) && method.Name is not ("Abs" or "Sign") => "System.Math",
            _ => null,
        };
    }
}

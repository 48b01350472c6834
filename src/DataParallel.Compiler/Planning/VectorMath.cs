using System.Linq;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Planning;

/// <summary>
/// The <c>Math</c>/<c>MathF</c> methods that have a .NET 10 vector equivalent of the same name on
/// <c>Vector128/256/512</c>, and how they compare with the scalar method.
/// </summary>
internal static class VectorMath
{
    public static bool IsSupported(MathCallExpression call)
    {
        int arity = call.Arguments.Count;
        ScalarKind type = call.Type;
        bool floating = type is ScalarKind.Single or ScalarKind.Double;
        if (MathMethodNames.IsClassification(call.Method))
            return arity == 1 && type == ScalarKind.Boolean && call.Arguments[0].Type is ScalarKind.Single or ScalarKind.Double;
        if (call.Method == "Sign")
        {
            // Math.Sign returns int for every argument type.
            ScalarKind argument = call.Arguments.Count == 1 ? call.Arguments[0].Type : ScalarKind.Boolean;
            return arity == 1 && type == ScalarKind.Int32 && argument is ScalarKind.Single or ScalarKind.Double or ScalarKind.SByte or ScalarKind.Int16 or ScalarKind.Int32 or ScalarKind.Int64;
        }
        if (MathMethodNames.IsBitCount(call.Method))
            return arity == 1 && type == ScalarKind.Int32 && call.Arguments[0].Type is ScalarKind.UInt32 or ScalarKind.UInt64;
        foreach (KernelExpression argument in call.Arguments)
        {
            if (argument.Type != type)
                return false;
        }
        if (call.RoundingMode is not null)
            return call.Method == "Round" && floating && arity == 1;
        // Small integers ride in int lanes holding their exact values, so Min/Max/Clamp/Abs on them are the int ones.
        bool integer = type.IsInteger();
        bool signedInteger = type is ScalarKind.SByte or ScalarKind.Int16 or ScalarKind.Int32 or ScalarKind.Int64;
        return call.Method switch
        {
            "Sqrt" or "Floor" or "Ceiling" or "Round" or "Truncate" => floating && arity == 1,
            "Abs" => (floating || signedInteger) && arity == 1,
            "Exp" or "Log" or "Log2" or "Sin" or "Cos" => floating && arity == 1,
            "Min" or "Max" => (floating || integer) && arity == 2,
            "MinMagnitude" or "MaxMagnitude" => floating && arity == 2,
            "CopySign" => floating && arity == 2,
            "FusedMultiplyAdd" => floating && arity == 3,
            "Clamp" => (floating || integer) && arity == 3,
            _ => false,
        };
    }


    /// <summary>
    /// Methods with no vector equivalent that still run in vector code, lane by lane through the scalar method:
    /// one or two floating-point arguments of the result's type, none that can throw.
    /// </summary>
    public static bool IsMappable(MathCallExpression call)
        => call.Arguments.Count is 1 or 2
            && call.Type is ScalarKind.Single or ScalarKind.Double
            // Sign throws on NaN: lanes a mask has switched off must not raise what the scalar kernel never would.
            && call.Method != "Sign"
            && call.RoundingMode is null
            && call.Arguments.All(a => a.Type == call.Type);

    /// <summary>
    /// Vector forms of these are approximations: results stay within a documented ulp bound of the scalar method
    /// instead of being bit-identical.
    /// </summary>
    public static bool IsTranscendental(string method) => method is "Exp" or "Log" or "Log2" or "Sin" or "Cos";

    /// <summary>Relative cost in work units per lane, for the scheduler's threading decision.</summary>
    public static int Cost(string method) => method switch
    {
        "Exp" or "Log" or "Log2" or "Sin" or "Cos" => 24,
        "Sqrt" => 8,
        _ when MathMethodNames.IsBitCount(method) => 12,
        _ => 1,
    };
}

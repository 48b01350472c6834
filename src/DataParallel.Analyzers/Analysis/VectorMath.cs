using System.Linq;
using DataParallel.Analyzers.Model;

namespace DataParallel.Analyzers.Analysis;

/// <summary>
/// The <c>Math</c>/<c>MathF</c> methods that have a .NET 10 vector equivalent of the same name on
/// <c>Vector128/256/512</c>, and how they compare with the scalar method.
/// </summary>
internal static class VectorMath
{
    public static bool IsSupported(MathCallExpression call)
    {
        int arity = call.Arguments.Count;
        bool floating = call.Type is ScalarKind.Single or ScalarKind.Double;
        bool integer = call.Type is ScalarKind.Int32 or ScalarKind.UInt32 or ScalarKind.Int64 or ScalarKind.UInt64;
        foreach (KernelExpression argument in call.Arguments)
        {
            if (argument.Type != call.Type)
                return false;
        }
        return call.Method switch
        {
            "Sqrt" or "Abs" or "Floor" or "Ceiling" or "Round" or "Truncate" => floating && arity == 1,
            "Exp" or "Log" or "Log2" or "Sin" or "Cos" => floating && arity == 1,
            "Min" or "Max" => (floating || integer) && arity == 2,
            "CopySign" => floating && arity == 2,
            "FusedMultiplyAdd" => floating && arity == 3,
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
        _ => 1,
    };
}

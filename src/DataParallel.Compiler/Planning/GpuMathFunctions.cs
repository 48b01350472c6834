using System.Collections.Generic;
using System.Linq;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Planning;

/// <summary>
/// The device function each <c>Math</c>/<c>MathF</c>/<c>BitOperations</c> call of a GPU kernel becomes, or none (the
/// kernel then stays off the GPU, DP3003). Only functions whose device form means what .NET's does: on ILGPU's CPU
/// accelerator each was measured at 0 ulp from .NET (tests allow 1, docs/guides/gpu.md); on CUDA and OpenCL the
/// device's own approximations apply.
/// </summary>
internal static class GpuMathFunctions
{
    private const string XMath = "global::ILGPU.Algorithms.XMath";
    private const string GpuMath = "global::DataParallel.Gpu.GpuMath";

    /// <summary>float/double functions and their arity, lowered to ILGPU.Algorithms' <c>XMath</c> of the same name.</summary>
    private static readonly Dictionary<string, int> s_xmath = new()
    {
        ["Sqrt"] = 1, ["Abs"] = 1, ["Floor"] = 1, ["Ceiling"] = 1, ["Truncate"] = 1, ["Exp"] = 1, ["Log"] = 1,
        ["Sin"] = 1, ["Cos"] = 1, ["Tan"] = 1, ["Asin"] = 1, ["Acos"] = 1, ["Atan"] = 1,
        ["Sinh"] = 1, ["Cosh"] = 1, ["Tanh"] = 1, ["Pow"] = 2,
    };

    /// <summary>
    /// float/double functions XMath lacks, written as .NET's own <c>Math</c>/<c>MathF</c> call: ILGPU (with
    /// algorithms enabled) compiles these to its device intrinsics for PTX and OpenCL, and the CPU accelerator runs .NET's.
    /// </summary>
    private static readonly Dictionary<string, int> s_dotnet = new()
    {
        ["Log10"] = 1, ["Log2"] = 1, ["Cbrt"] = 1, ["Atan2"] = 2, ["FusedMultiplyAdd"] = 3,
    };

    /// <summary><c>Math.Round(x, mode)</c> by mode, as the XMath function with exactly that rounding.</summary>
    private static readonly Dictionary<string, string> s_rounding = new()
    {
        ["ToEven"] = "RoundToEven", ["AwayFromZero"] = "RoundAwayFromZero", ["ToZero"] = "Truncate",
        ["ToNegativeInfinity"] = "Floor", ["ToPositiveInfinity"] = "Ceiling",
    };

    /// <summary>The method the call becomes on the device (called with the call's arguments in order), or null.</summary>
    public static string? DeviceMethod(MathCallExpression call)
    {
        // BitOperations counts of a uint or ulong: XMath's overloads count the same bits (32 and 64 for zero).
        if (call.ContainingType == "System.Numerics.BitOperations")
            return MathMethodNames.IsBitCount(call.Method) && call.Type == ScalarKind.Int32 && call.Arguments.Count == 1 && call.Arguments[0].Type is ScalarKind.UInt32 or ScalarKind.UInt64
                ? $"{XMath}.{call.Method}"
                : null;
        if (call.ContainingType is not ("System.Math" or "System.MathF") || call.Arguments.Any(a => a.Type != call.Type))
            return null;
        int arity = call.Arguments.Count;
        if (call.Type is ScalarKind.Single or ScalarKind.Double)
        {
            if (call.Method == "Round" && arity == 1)
                return $"{XMath}.{s_rounding[call.RoundingMode ?? "ToEven"]}";
            if (call.RoundingMode is not null)
                return null;
            if (s_xmath.TryGetValue(call.Method, out int xmathArity) && xmathArity == arity)
                return $"{XMath}.{call.Method}";
            if (s_dotnet.TryGetValue(call.Method, out int dotnetArity) && dotnetArity == arity)
                return $"global::System.{(call.Type == ScalarKind.Single ? "MathF" : "Math")}.{call.Method}";
            // XMath's and the device's min/max drop a NaN; GpuMath's comparisons give Math.Min/Max's NaN and ±0 results.
            return call.Method is "Min" or "Max" && arity == 2 ? $"{GpuMath}.{call.Method}" : null;
        }
        return call.Type.IsInteger() && call.RoundingMode is null && call.Method is "Min" or "Max" && arity == 2 ? $"{XMath}.{call.Method}" : null;
    }
}

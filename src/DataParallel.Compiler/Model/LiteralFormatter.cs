using System;
using System.Globalization;

namespace DataParallel.Compiler.Model;

/// <summary>Spells a constant as a C# literal of exactly its type, so generated code computes with the same value.</summary>
internal static class LiteralFormatter
{
    public static string Format(object value, ScalarKind kind) => kind switch
    {
        ScalarKind.Boolean => (bool)value ? "true" : "false",
        ScalarKind.Single => FormatSingle(Convert.ToSingle(value, CultureInfo.InvariantCulture)),
        ScalarKind.Double => FormatDouble(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
        ScalarKind.Int32 => Convert.ToInt32(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        ScalarKind.UInt32 => Convert.ToUInt32(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + "u",
        ScalarKind.Int64 => Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + "L",
        ScalarKind.UInt64 => Convert.ToUInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture) + "UL",
        ScalarKind.SByte or ScalarKind.Byte or ScalarKind.Int16 or ScalarKind.UInt16
            => $"(({kind.Keyword()}){Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)})",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No literal form."),
    };

    public static long? IntegerValue(object value, ScalarKind kind)
    {
        if (!kind.IsInteger())
            return null;
        if (kind == ScalarKind.UInt64)
        {
            ulong u = Convert.ToUInt64(value, CultureInfo.InvariantCulture);
            return u <= long.MaxValue ? (long)u : null;
        }
        return Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    private static string FormatSingle(float value)
    {
        if (float.IsNaN(value)) return "float.NaN";
        if (float.IsPositiveInfinity(value)) return "float.PositiveInfinity";
        if (float.IsNegativeInfinity(value)) return "float.NegativeInfinity";
        if (value == 0 && 1f / value < 0) return "-0f";
        return value.ToString("R", CultureInfo.InvariantCulture) + "f";
    }

    private static string FormatDouble(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        if (value == 0 && 1d / value < 0) return "-0d";
        return value.ToString("R", CultureInfo.InvariantCulture) + "d";
    }
}

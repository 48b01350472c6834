using System;
using System.Collections.Generic;
using System.Globalization;

namespace DataParallel.Generators.Tests.Harness;

/// <summary>How a generated result is compared with the scalar kernel's.</summary>
internal abstract class ElementComparison
{
    /// <summary>
    /// Bit for bit, as DESIGN §3 promises for non-transcendental bodies. The one allowance: any NaN equals any NaN,
    /// because IEEE 754 leaves the payload of a propagated NaN open and the JIT may commute the operands of a
    /// commutative operation, so NaN payloads are not the generator's to control.
    /// </summary>
    public static ElementComparison Bitwise { get; } = new BitwiseComparison();

    /// <summary>
    /// For transcendental functions: NaN where the scalar result is NaN, the same infinity where it is infinite, and
    /// otherwise at most <paramref name="maxUlps"/> units in the last place apart. Integers stay exact.
    /// </summary>
    public static ElementComparison WithinUlps(long maxUlps) => new UlpComparison(maxUlps);

    /// <summary>
    /// For results that subtract transcendental terms (an option price is a difference of two products near the spot):
    /// cancellation turns the functions' few-ulp differences into many ulps of a small result, so the bound is on the
    /// absolute error instead. NaN and infinities must match as for <see cref="WithinUlps"/>. Integers stay exact.
    /// </summary>
    public static ElementComparison WithinAbsolute(double maxError) => new AbsoluteComparison(maxError);

    /// <summary>Up to <paramref name="limit"/> indices where <paramref name="actual"/> differs from <paramref name="expected"/>.</summary>
    public List<int> Mismatches(Array expected, Array actual, int limit = 5)
    {
        var mismatches = new List<int>();
        if (expected.Length != actual.Length)
            throw new InvalidOperationException("Arrays of different lengths cannot be compared element-wise.");
        switch (expected)
        {
            case float[] e: Collect(e, (float[])actual, Same, mismatches, limit); break;
            case double[] e: Collect(e, (double[])actual, Same, mismatches, limit); break;
            case int[] e: Collect(e, (int[])actual, static (a, b) => a == b, mismatches, limit); break;
            case uint[] e: Collect(e, (uint[])actual, static (a, b) => a == b, mismatches, limit); break;
            case long[] e: Collect(e, (long[])actual, static (a, b) => a == b, mismatches, limit); break;
            case ulong[] e: Collect(e, (ulong[])actual, static (a, b) => a == b, mismatches, limit); break;
            case short[] e: Collect(e, (short[])actual, static (a, b) => a == b, mismatches, limit); break;
            case ushort[] e: Collect(e, (ushort[])actual, static (a, b) => a == b, mismatches, limit); break;
            case byte[] e: Collect(e, (byte[])actual, static (a, b) => a == b, mismatches, limit); break;
            case sbyte[] e: Collect(e, (sbyte[])actual, static (a, b) => a == b, mismatches, limit); break;
            case bool[] e: Collect(e, (bool[])actual, static (a, b) => a == b, mismatches, limit); break;
            default: throw new NotSupportedException($"No element comparison for {expected.GetType()}.");
        }
        return mismatches;
    }

    /// <summary>Whether two scalar results (reductions) agree.</summary>
    public bool SameValue(object? expected, object? actual) => (expected, actual) switch
    {
        (float e, float a) => Same(e, a),
        (double e, double a) => Same(e, a),
        _ => Equals(expected, actual),
    };

    protected abstract bool Same(float expected, float actual);

    protected abstract bool Same(double expected, double actual);

    private static void Collect<T>(T[] expected, T[] actual, Func<T, T, bool> same, List<int> mismatches, int limit)
    {
        for (int i = 0; i < expected.Length && mismatches.Count < limit; i++)
        {
            if (!same(expected[i], actual[i]))
                mismatches.Add(i);
        }
    }

    /// <summary>Formats a value with its bits, so a -0 or a NaN payload is visible in a failure.</summary>
    public static string Format(object? value) => value switch
    {
        float f => $"{f.ToString("R", CultureInfo.InvariantCulture)} (0x{BitConverter.SingleToUInt32Bits(f):X8})",
        double d => $"{d.ToString("R", CultureInfo.InvariantCulture)} (0x{BitConverter.DoubleToUInt64Bits(d):X16})",
        null => "null",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>Distance in representable floats; +0 and -0 are the same point.</summary>
    public static long UlpDistance(float a, float b)
    {
        static long Ordered(float value)
        {
            int bits = BitConverter.SingleToInt32Bits(value);
            return bits < 0 ? (long)int.MinValue - bits : bits;
        }
        return Math.Abs(Ordered(a) - Ordered(b));
    }

    /// <inheritdoc cref="UlpDistance(float, float)"/>
    public static Int128 UlpDistance(double a, double b)
    {
        static Int128 Ordered(double value)
        {
            long bits = BitConverter.DoubleToInt64Bits(value);
            return bits < 0 ? (Int128)long.MinValue - bits : bits;
        }
        return Int128.Abs(Ordered(a) - Ordered(b));
    }

    private sealed class BitwiseComparison : ElementComparison
    {
        protected override bool Same(float expected, float actual)
            => (float.IsNaN(expected) && float.IsNaN(actual)) || BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual);

        protected override bool Same(double expected, double actual)
            => (double.IsNaN(expected) && double.IsNaN(actual)) || BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual);

        public override string ToString() => "bitwise";
    }

    private sealed class UlpComparison(long maxUlps) : ElementComparison
    {
        protected override bool Same(float expected, float actual)
        {
            if (float.IsNaN(expected) || float.IsNaN(actual))
                return float.IsNaN(expected) && float.IsNaN(actual);
            if (float.IsInfinity(expected) || float.IsInfinity(actual))
                return expected == actual;
            return UlpDistance(expected, actual) <= maxUlps;
        }

        protected override bool Same(double expected, double actual)
        {
            if (double.IsNaN(expected) || double.IsNaN(actual))
                return double.IsNaN(expected) && double.IsNaN(actual);
            if (double.IsInfinity(expected) || double.IsInfinity(actual))
                return expected == actual;
            return UlpDistance(expected, actual) <= maxUlps;
        }

        public override string ToString() => $"within {maxUlps} ulp";
    }

    private sealed class AbsoluteComparison(double maxError) : ElementComparison
    {
        protected override bool Same(float expected, float actual) => Same((double)expected, actual);

        protected override bool Same(double expected, double actual)
        {
            if (double.IsNaN(expected) || double.IsNaN(actual))
                return double.IsNaN(expected) && double.IsNaN(actual);
            if (double.IsInfinity(expected) || double.IsInfinity(actual))
                return expected == actual;
            return Math.Abs(expected - actual) <= maxError;
        }

        public override string ToString() => $"within {maxError.ToString(CultureInfo.InvariantCulture)} absolute";
    }
}

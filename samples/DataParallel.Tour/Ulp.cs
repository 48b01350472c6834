using System;

namespace DataParallel.Tour;

/// <summary>Distances between floats in units in the last place: how many representable floats lie between two values.</summary>
internal static class Ulp
{
    /// <summary>The ulp distance between <paramref name="a"/> and <paramref name="b"/>; 0 for two NaNs, <see cref="long.MaxValue"/> for one.</summary>
    public static long Distance(float a, float b)
    {
        if (float.IsNaN(a) || float.IsNaN(b))
            return float.IsNaN(a) && float.IsNaN(b) ? 0 : long.MaxValue;
        return Math.Abs((long)Ordinal(a) - Ordinal(b));
    }

    // Floats are sign-magnitude; mapping negative ones to -magnitude makes consecutive floats consecutive integers
    // across zero (+0 and -0 both become 0).
    private static int Ordinal(float value)
    {
        int bits = BitConverter.SingleToInt32Bits(value);
        return bits < 0 ? int.MinValue - bits : bits;
    }
}

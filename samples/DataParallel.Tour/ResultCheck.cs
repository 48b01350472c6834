using System;

namespace DataParallel.Tour;

/// <summary>The outcome of comparing the generated results with the scalar loop's, element by element.</summary>
/// <param name="Tolerance">What was required.</param>
/// <param name="MaxUlps">The largest ulp distance found.</param>
/// <param name="WorstIndex">Where the largest distance (or, for a bitwise check, the first differing bits) was found; -1 if nowhere.</param>
/// <param name="Passed">Whether every element met <paramref name="Tolerance"/>.</param>
/// <param name="MaxRelative">The largest relative difference found (relative checks only).</param>
internal readonly record struct ResultCheck(Tolerance Tolerance, long MaxUlps, int WorstIndex, bool Passed, double MaxRelative = 0)
{
    public static ResultCheck Compare(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, Tolerance tolerance)
    {
        if (expected.Length != actual.Length)
            throw new ArgumentException($"Expected {expected.Length} results, got {actual.Length}.", nameof(actual));
        if (tolerance.IsBitwise)
            return CompareBits(expected, actual, tolerance);
        if (tolerance.IsRelative)
            return CompareRelative(expected, actual, tolerance);

        long maxUlps = 0;
        int worst = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            long ulps = Ulp.Distance(expected[i], actual[i]);
            if (ulps > maxUlps)
                (maxUlps, worst) = (ulps, i);
        }
        return new ResultCheck(tolerance, maxUlps, worst, maxUlps <= tolerance.MaxUlps);
    }

    private static ResultCheck CompareRelative(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, Tolerance tolerance)
    {
        double maxRelative = 0;
        int worst = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            if (float.IsNaN(expected[i]) && float.IsNaN(actual[i]))
                continue;
            double scale = Math.Max(Math.Abs((double)expected[i]), 1e-30);
            double relative = Math.Abs((double)actual[i] - expected[i]) / scale;
            if (!(relative <= maxRelative))
                (maxRelative, worst) = (double.IsNaN(relative) ? double.PositiveInfinity : relative, i);
        }
        return new ResultCheck(tolerance, 0, worst, maxRelative <= tolerance.MaxRelative, maxRelative);
    }

    // Bit for bit, not 0 ulps: that also tells -0 from +0 and one NaN from another.
    private static ResultCheck CompareBits(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, Tolerance tolerance)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                return new ResultCheck(tolerance, Ulp.Distance(expected[i], actual[i]), i, Passed: false);
        }
        return new ResultCheck(tolerance, 0, -1, Passed: true);
    }
}

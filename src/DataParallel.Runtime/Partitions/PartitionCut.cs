using System;

namespace DataParallel;

/// <summary>
/// Where a set cuts an array of a given number of rows: at the cumulative share of each partition's weight,
/// rounded to a multiple of the set's block size so that boundaries fall on the absolute blocks the deterministic
/// reductions combine in order.
/// </summary>
internal static class PartitionCut
{
    /// <summary>The first row of every partition, then the row count: <c>weights.Length + 1</c> boundaries.</summary>
    public static int[] Boundaries(int rows, ReadOnlySpan<double> weights, int blockRows)
    {
        var boundaries = new int[weights.Length + 1];
        double total = 0;
        foreach (double weight in weights)
            total += weight;
        double cumulative = 0;
        for (int p = 1; p < weights.Length; p++)
        {
            cumulative += weights[p - 1];
            long blocks = (long)Math.Round(rows * (cumulative / total) / blockRows, MidpointRounding.AwayFromZero);
            boundaries[p] = (int)Math.Clamp(blocks * blockRows, boundaries[p - 1], rows);
        }
        boundaries[weights.Length] = rows;
        return boundaries;
    }
}

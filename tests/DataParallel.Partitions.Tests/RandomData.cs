using System;

namespace DataParallel.Partitions.Tests;

/// <summary>Reproducible test data.</summary>
internal static class RandomData
{
    public static float[] Floats(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = (float)(random.NextDouble() * 2 - 1);
        return values;
    }
}

using System;

namespace DataParallel.Tour;

/// <summary>Seeded test data, so that every run of the tour checks and times the same inputs.</summary>
internal static class RandomFloats
{
    /// <summary>An array of <paramref name="count"/> floats drawn uniformly from [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static float[] Uniform(Random random, int count, float min, float max)
    {
        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
            values[i] = min + (max - min) * random.NextSingle();
        return values;
    }
}

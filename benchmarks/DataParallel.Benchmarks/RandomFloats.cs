using System;

namespace DataParallel.Benchmarks;

/// <summary>Seeded inputs, so that every run measures the same data.</summary>
internal static class RandomFloats
{
    public static float[] Uniform(int count, float min, float max, int seed = 42)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
            values[i] = min + (max - min) * random.NextSingle();
        return values;
    }
}

using System;
using System.Numerics;

namespace DataParallel.Generators.Tests.Harness;

/// <summary>
/// Seeded inputs for differential tests: random values with the awkward ones (NaN, ±∞, −0, subnormals, extremes)
/// sprinkled in, so that every vector lane and every tail position meets some of them. Same seed, same data.
/// </summary>
internal static class TestValues
{
    private static readonly float[] s_specialFloats =
    [
        float.NaN, float.PositiveInfinity, float.NegativeInfinity, -0f, 0f, float.Epsilon, -float.Epsilon,
        1e-40f, -3e-39f, float.MaxValue, float.MinValue, 1f, -1f, 0.5f, -2.5f, 1.5f, 16777217f,
    ];

    private static readonly double[] s_specialDoubles =
    [
        double.NaN, double.PositiveInfinity, double.NegativeInfinity, -0d, 0d, double.Epsilon, -double.Epsilon,
        1e-310, -3e-308, double.MaxValue, double.MinValue, 1d, -1d, 0.5d, -2.5d, 1.5d, 9007199254740993d,
    ];

    /// <summary>Floats over a wide exponent range, about one in four a special value.</summary>
    public static float[] Floats(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = random.Next(4) == 0
                ? s_specialFloats[random.Next(s_specialFloats.Length)]
                : (float)((random.NextDouble() * 2 - 1) * Math.Pow(2, random.Next(-24, 25)));
        }
        return values;
    }

    /// <summary>Finite floats in [-<paramref name="magnitude"/>, <paramref name="magnitude"/>), for bodies where specials would only produce NaN.</summary>
    public static float[] ModerateFloats(int length, int seed, float magnitude = 10f)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++)
            values[i] = (float)((random.NextDouble() * 2 - 1) * magnitude);
        return values;
    }

    /// <summary>Doubles over a wide exponent range, about one in four a special value.</summary>
    public static double[] Doubles(int length, int seed)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = random.Next(4) == 0
                ? s_specialDoubles[random.Next(s_specialDoubles.Length)]
                : (random.NextDouble() * 2 - 1) * Math.Pow(2, random.Next(-60, 61));
        }
        return values;
    }

    /// <summary>Finite doubles in [-<paramref name="magnitude"/>, <paramref name="magnitude"/>).</summary>
    public static double[] ModerateDoubles(int length, int seed, double magnitude = 10d)
    {
        var random = new Random(seed);
        var values = new double[length];
        for (int i = 0; i < length; i++)
            values[i] = (random.NextDouble() * 2 - 1) * magnitude;
        return values;
    }

    /// <summary>Integers over the type's whole range, with its extremes, 0 and ±1 sprinkled in.</summary>
    public static T[] Integers<T>(int length, int seed) where T : IBinaryInteger<T>, IMinMaxValue<T>
    {
        T[] specials = [T.MinValue, T.MaxValue, T.Zero, T.One, T.CreateTruncating(-1), T.MinValue + T.One, T.MaxValue - T.One];
        var random = new Random(seed);
        var values = new T[length];
        for (int i = 0; i < length; i++)
            values[i] = random.Next(4) == 0 ? specials[random.Next(specials.Length)] : T.CreateTruncating(random.NextInt64(long.MinValue, long.MaxValue));
        return values;
    }

    /// <summary>Small integers in [<paramref name="min"/>, <paramref name="max"/>), where the whole range would overflow the body.</summary>
    public static T[] SmallIntegers<T>(int length, int seed, int min, int max) where T : IBinaryInteger<T>
    {
        var random = new Random(seed);
        var values = new T[length];
        for (int i = 0; i < length; i++)
            values[i] = T.CreateTruncating(random.Next(min, max));
        return values;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Narrowing <c>checked</c> conversions on SIMD (integer to smaller or other-signed integer, float and double to
/// integer): the cast's value for every lane in range, and the scalar <see cref="OverflowException"/> exactly where a
/// lane the kernel evaluates is out of range, NaN or infinite — including the values just inside and just outside
/// each boundary, and never for a lane a condition switched off.
/// </summary>
public sealed class CheckedConversionDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel] public static void LongToInt(int i, ReadOnlySpan<long> x, Span<int> y) => y[i] = checked((int)x[i]);
            [Parallel] public static void IntToByte(int i, ReadOnlySpan<int> x, Span<byte> y) => y[i] = checked((byte)x[i]);
            [Parallel] public static void IntToShort(int i, ReadOnlySpan<int> x, Span<short> y) => y[i] = checked((short)(x[i] + 1));
            [Parallel] public static void SByteToByte(int i, ReadOnlySpan<sbyte> x, Span<byte> y) => y[i] = checked((byte)x[i]);
            [Parallel] public static void UIntToInt(int i, ReadOnlySpan<uint> x, Span<int> y) => y[i] = checked((int)x[i]);
            [Parallel] public static void IntToUInt(int i, ReadOnlySpan<int> x, Span<uint> y) => y[i] = checked((uint)x[i]);
            [Parallel] public static void LongToULong(int i, ReadOnlySpan<long> x, Span<ulong> y) => y[i] = checked((ulong)x[i]);
            [Parallel] public static void FloatToInt(int i, ReadOnlySpan<float> x, Span<int> y) => y[i] = checked((int)x[i]);
            [Parallel] public static void FloatToByte(int i, ReadOnlySpan<float> x, Span<byte> y) => y[i] = checked((byte)x[i]);
            [Parallel] public static void FloatToUInt(int i, ReadOnlySpan<float> x, Span<uint> y) => y[i] = checked((uint)x[i]);
            [Parallel] public static void DoubleToInt(int i, ReadOnlySpan<double> x, Span<int> y) => y[i] = checked((int)x[i]);
            [Parallel] public static void DoubleToLong(int i, ReadOnlySpan<double> x, Span<long> y) => y[i] = checked((long)x[i]);
            [Parallel] public static void DoubleToULong(int i, ReadOnlySpan<double> x, Span<ulong> y) => y[i] = checked((ulong)x[i]);
            [Parallel] public static void DoubleToFloat(int i, ReadOnlySpan<double> x, Span<float> y) => y[i] = checked((float)x[i]);

            [Parallel]
            public static void Guarded(int i, ReadOnlySpan<int> x, Span<byte> y)
            {
                if (x[i] >= 0 && x[i] < 512)
                    y[i] = checked((byte)(x[i] / 2));
                else
                    y[i] = x[i] < 0 ? (byte)1 : checked((byte)(x[i] >> 24));
            }
        }

        public static class Drivers
        {
            public static void LongToIntGenerated(long[] x, int[] y) => Kernels.LongToInt(x, y);
            public static void LongToIntScalar(long[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.LongToInt(i, x, y); }
            public static void IntToByteGenerated(int[] x, byte[] y) => Kernels.IntToByte(x, y);
            public static void IntToByteScalar(int[] x, byte[] y) { for (int i = 0; i < y.Length; i++) Kernels.IntToByte(i, x, y); }
            public static void IntToShortGenerated(int[] x, short[] y) => Kernels.IntToShort(x, y);
            public static void IntToShortScalar(int[] x, short[] y) { for (int i = 0; i < y.Length; i++) Kernels.IntToShort(i, x, y); }
            public static void SByteToByteGenerated(sbyte[] x, byte[] y) => Kernels.SByteToByte(x, y);
            public static void SByteToByteScalar(sbyte[] x, byte[] y) { for (int i = 0; i < y.Length; i++) Kernels.SByteToByte(i, x, y); }
            public static void UIntToIntGenerated(uint[] x, int[] y) => Kernels.UIntToInt(x, y);
            public static void UIntToIntScalar(uint[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.UIntToInt(i, x, y); }
            public static void IntToUIntGenerated(int[] x, uint[] y) => Kernels.IntToUInt(x, y);
            public static void IntToUIntScalar(int[] x, uint[] y) { for (int i = 0; i < y.Length; i++) Kernels.IntToUInt(i, x, y); }
            public static void LongToULongGenerated(long[] x, ulong[] y) => Kernels.LongToULong(x, y);
            public static void LongToULongScalar(long[] x, ulong[] y) { for (int i = 0; i < y.Length; i++) Kernels.LongToULong(i, x, y); }
            public static void FloatToIntGenerated(float[] x, int[] y) => Kernels.FloatToInt(x, y);
            public static void FloatToIntScalar(float[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.FloatToInt(i, x, y); }
            public static void FloatToByteGenerated(float[] x, byte[] y) => Kernels.FloatToByte(x, y);
            public static void FloatToByteScalar(float[] x, byte[] y) { for (int i = 0; i < y.Length; i++) Kernels.FloatToByte(i, x, y); }
            public static void FloatToUIntGenerated(float[] x, uint[] y) => Kernels.FloatToUInt(x, y);
            public static void FloatToUIntScalar(float[] x, uint[] y) { for (int i = 0; i < y.Length; i++) Kernels.FloatToUInt(i, x, y); }
            public static void DoubleToIntGenerated(double[] x, int[] y) => Kernels.DoubleToInt(x, y);
            public static void DoubleToIntScalar(double[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.DoubleToInt(i, x, y); }
            public static void DoubleToLongGenerated(double[] x, long[] y) => Kernels.DoubleToLong(x, y);
            public static void DoubleToLongScalar(double[] x, long[] y) { for (int i = 0; i < y.Length; i++) Kernels.DoubleToLong(i, x, y); }
            public static void DoubleToULongGenerated(double[] x, ulong[] y) => Kernels.DoubleToULong(x, y);
            public static void DoubleToULongScalar(double[] x, ulong[] y) { for (int i = 0; i < y.Length; i++) Kernels.DoubleToULong(i, x, y); }
            public static void DoubleToFloatGenerated(double[] x, float[] y) => Kernels.DoubleToFloat(x, y);
            public static void DoubleToFloatScalar(double[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.DoubleToFloat(i, x, y); }
            public static void GuardedGenerated(int[] x, byte[] y) => Kernels.Guarded(x, y);
            public static void GuardedScalar(int[] x, byte[] y) { for (int i = 0; i < y.Length; i++) Kernels.Guarded(i, x, y); }
        }
        """;

    private static readonly Lazy<KernelDrivers> s_drivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    /// <summary>
    /// Per kernel: values in range, the edges first (the last values that convert, on both sides), and values out of
    /// range (one past each edge, NaN, infinities) that must throw.
    /// </summary>
    private static readonly (string Kernel, Type Element, Array Inside, Array Outside, Func<Random, object> Random)[] s_cases =
    [
        ("LongToInt", typeof(long), new long[] { int.MinValue, int.MaxValue, 0, -1 }, new long[] { int.MaxValue + 1L, int.MinValue - 1L, long.MinValue, long.MaxValue }, r => r.NextInt64(int.MinValue, int.MaxValue + 1L)),
        ("IntToByte", typeof(int), new[] { 0, 255, 1 }, new[] { -1, 256, int.MinValue, int.MaxValue }, r => r.Next(0, 256)),
        ("IntToShort", typeof(int), new[] { short.MinValue - 1, short.MaxValue - 1 }, new[] { short.MinValue - 2, (int)short.MaxValue, int.MaxValue - 1 }, r => r.Next(short.MinValue - 1, short.MaxValue)),
        ("SByteToByte", typeof(sbyte), new sbyte[] { 0, sbyte.MaxValue }, new sbyte[] { -1, sbyte.MinValue }, r => (sbyte)r.Next(0, 128)),
        ("UIntToInt", typeof(uint), new uint[] { 0, int.MaxValue }, new uint[] { int.MaxValue + 1u, uint.MaxValue }, r => (uint)r.Next(0, int.MaxValue)),
        ("IntToUInt", typeof(int), new[] { 0, int.MaxValue }, new[] { -1, int.MinValue }, r => r.Next(0, int.MaxValue)),
        ("LongToULong", typeof(long), new long[] { 0, long.MaxValue }, new long[] { -1, long.MinValue }, r => r.NextInt64(0, long.MaxValue)),
        ("FloatToInt", typeof(float), new[] { -2147483648f, 2147483520f, -0f, 0.99f, -0.99f, float.Epsilon, -1e-40f },
            new[] { 2147483648f, -2147483904f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue }, r => (float)((r.NextDouble() * 2 - 1) * 2.1e9)),
        ("FloatToByte", typeof(float), new[] { -0.99f, 255.99f, -0f, 128.5f }, new[] { -1f, 256f, float.NaN, float.NegativeInfinity, -300f }, r => (float)(r.NextDouble() * 256.9 - 0.9)),
        ("FloatToUInt", typeof(float), new[] { -0.99f, 4294967040f, 0f }, new[] { -1f, 4294967296f, float.NaN, float.PositiveInfinity }, r => (float)(r.NextDouble() * 4.2e9)),
        ("DoubleToInt", typeof(double), new[] { -2147483648.99, 2147483647.99, -0.0, 0.5, -2147483648.0, 2147483647.0 },
            new[] { 2147483648.0, -2147483649.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1e300 }, r => (r.NextDouble() * 2 - 1) * 2.147e9),
        ("DoubleToLong", typeof(double), new[] { -9223372036854775808.0, 9223372036854774784.0, 0.75, -0.75 },
            new[] { 9223372036854775808.0, -9223372036854777856.0, double.NaN, double.NegativeInfinity }, r => (r.NextDouble() * 2 - 1) * 9.2e18),
        ("DoubleToULong", typeof(double), new[] { -0.99, 18446744073709549568.0, 0.0 }, new[] { -1.0, 18446744073709551616.0, double.NaN, double.PositiveInfinity }, r => r.NextDouble() * 1.8e19),
    ];

    private static Array Values((string Kernel, Type Element, Array Inside, Array Outside, Func<Random, object> Random) c, int size, int seed)
    {
        var random = new Random(seed);
        Array values = Array.CreateInstance(c.Element, size);
        for (int i = 0; i < size; i++)
            values.SetValue(i < c.Inside.Length * 3 && i % 3 == 0 ? c.Inside.GetValue(i / 3) : c.Random(random), i);
        return values;
    }

    private static readonly Dictionary<string, Type> s_outputs = new()
    {
        ["LongToInt"] = typeof(int), ["IntToByte"] = typeof(byte), ["IntToShort"] = typeof(short), ["SByteToByte"] = typeof(byte),
        ["UIntToInt"] = typeof(int), ["IntToUInt"] = typeof(uint), ["LongToULong"] = typeof(ulong), ["FloatToInt"] = typeof(int),
        ["FloatToByte"] = typeof(byte), ["FloatToUInt"] = typeof(uint), ["DoubleToInt"] = typeof(int), ["DoubleToLong"] = typeof(long),
        ["DoubleToULong"] = typeof(ulong),
    };

    private static Array Output(string kernel, int size) => Array.CreateInstance(s_outputs[kernel], size);

    [Fact]
    public void Checked_conversions_of_values_in_range_match_the_scalar_kernel()
    {
        foreach (var c in s_cases)
            Differential.AssertGeneratedMatchesScalar(s_drivers.Value, c.Kernel, size => [Values(c, size, size), Output(c.Kernel, size)], DomainSizes.Standard, ElementComparison.Bitwise);
        Differential.AssertGeneratedMatchesScalar(s_drivers.Value, "DoubleToFloat",
            size => [TestValues.Doubles(size, size).Select((v, i) => i % 5 == 1 ? 1e300 * (i % 2 == 0 ? 1 : -1) : v).ToArray(), new float[size]], DomainSizes.Standard, ElementComparison.Bitwise);
    }

    [Fact]
    public void An_out_of_range_lane_throws_the_scalar_exception_in_every_configuration()
    {
        foreach (var c in s_cases)
        {
            foreach (object bad in c.Outside)
            {
                foreach (int position in new[] { 0, 5, 63 })
                {
                    Array x = Values(c, 64, position);
                    x.SetValue(bad, position);
                    Assert.Throws<OverflowException>(() => s_drivers.Value.Invoke(c.Kernel + "Scalar", x, Output(c.Kernel, 64)));
                    foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
                    {
                        using (configuration.Apply())
                        {
                            var thrown = Record.Exception(() => s_drivers.Value.Invoke(c.Kernel + "Generated", x, Output(c.Kernel, 64)));
                            Assert.True(thrown is OverflowException, $"{c.Kernel}({bad}) at {position}, {configuration}: {thrown?.GetType().Name ?? "no exception"}");
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void Lanes_a_condition_switches_off_never_throw()
    {
        int[] Data(int size, int seed)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, size).Select(i => i % 4 == 0 ? random.Next(int.MinValue, int.MaxValue) : random.Next(-600, 600)).ToArray();
        }
        Differential.AssertGeneratedMatchesScalar(s_drivers.Value, "Guarded", size => [Data(size, size), new byte[size]], DomainSizes.Standard, ElementComparison.Bitwise);
    }

    [Fact]
    public void Every_kernel_here_vectorises() => GeneratorHarness.Run(Source).AssertEveryKernelVectorises();
}

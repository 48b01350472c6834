using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// The Math/MathF methods whose vector form is not one VectorN method of the same name, or whose scalar method
/// throws for some inputs: Clamp (-0 kept, NaN bounds, reversed bounds), Sign (NaN throws), integer Abs (MinValue
/// throws), Round with a MidpointRounding, Min/MaxMagnitude, Min/Max on 8/16-bit and unsigned types. Each must give
/// the scalar kernel's bits, or the scalar kernel's exception.
/// </summary>
public sealed class MathSemanticsDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel] public static void ClampFloat(int i, float lo, float hi, ReadOnlySpan<float> x, Span<float> y) => y[i] = Math.Clamp(x[i], lo, hi);
            [Parallel] public static void ClampDouble(int i, double lo, double hi, ReadOnlySpan<double> x, Span<double> y) => y[i] = Math.Clamp(x[i], lo, hi);
            [Parallel] public static void ClampInt(int i, int lo, int hi, ReadOnlySpan<int> x, Span<int> y) => y[i] = Math.Clamp(x[i], lo, hi);
            [Parallel] public static void ClampLong(int i, long lo, long hi, ReadOnlySpan<long> x, Span<long> y) => y[i] = Math.Clamp(x[i], lo, hi);
            [Parallel] public static void ClampUInt(int i, uint lo, uint hi, ReadOnlySpan<uint> x, Span<uint> y) => y[i] = Math.Clamp(x[i], lo, hi);
            [Parallel] public static void ClampByte(int i, byte lo, byte hi, ReadOnlySpan<byte> x, Span<byte> y) => y[i] = Math.Clamp(x[i], lo, hi);
            [Parallel] public static void ClampShort(int i, short lo, short hi, ReadOnlySpan<short> x, Span<short> y) => y[i] = Math.Clamp(x[i], lo, hi);

            [Parallel]
            public static void ClampLocalBounds(int i, float scale, ReadOnlySpan<float> x, Span<float> y)
            {
                float lo = -scale;
                float hi = scale * 2f;
                y[i] = x[i] > 0f ? Math.Clamp(x[i] * 3f, lo, hi) : x[i];
            }

            [Parallel] public static void ClampConstant(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = Math.Clamp(x[i], 0f, 1f);

            [Parallel]
            public static void ClampBranch(int i, bool use, float lo, float hi, ReadOnlySpan<float> x, Span<float> y)
            {
                if (use)
                    y[i] = Math.Clamp(x[i], lo, hi);
                else
                    y[i] = x[i];
            }

            [Parallel] public static void SignFloat(int i, ReadOnlySpan<float> x, Span<int> y) => y[i] = Math.Sign(x[i]);
            [Parallel] public static void SignDouble(int i, ReadOnlySpan<double> x, Span<int> y) => y[i] = Math.Sign(x[i]);
            [Parallel] public static void SignInt(int i, ReadOnlySpan<int> x, Span<int> y) => y[i] = Math.Sign(x[i]);
            [Parallel] public static void SignLong(int i, ReadOnlySpan<long> x, Span<int> y) => y[i] = Math.Sign(x[i]);
            [Parallel] public static void SignShort(int i, ReadOnlySpan<short> x, Span<int> y) => y[i] = Math.Sign(x[i]);
            [Parallel] public static void SignGuarded(int i, ReadOnlySpan<float> x, Span<int> y) => y[i] = float.IsNaN(x[i]) ? 7 : MathF.Sign(x[i]);
            [Parallel] public static void SignMasked(int i, ReadOnlySpan<float> x, Span<int> y) { if (x[i] == x[i]) y[i] = MathF.Sign(x[i]) * 3; }

            [Parallel] public static void AbsInt(int i, ReadOnlySpan<int> x, Span<int> y) => y[i] = Math.Abs(x[i]);
            [Parallel] public static void AbsLong(int i, ReadOnlySpan<long> x, Span<long> y) => y[i] = Math.Abs(x[i]);
            [Parallel] public static void AbsShort(int i, ReadOnlySpan<short> x, Span<short> y) => y[i] = Math.Abs(x[i]);
            [Parallel] public static void AbsSByte(int i, ReadOnlySpan<sbyte> x, Span<sbyte> y) => y[i] = Math.Abs(x[i]);
            [Parallel] public static void AbsMasked(int i, ReadOnlySpan<int> x, Span<int> y) { if (x[i] != int.MinValue) y[i] = Math.Abs(x[i]); }

            [Parallel] public static void RoundAwayFloat(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = MathF.Round(x[i], MidpointRounding.AwayFromZero);
            [Parallel] public static void RoundAwayDouble(int i, ReadOnlySpan<double> x, Span<double> y) => y[i] = Math.Round(x[i], MidpointRounding.AwayFromZero);
            [Parallel] public static void RoundEvenFloat(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = MathF.Round(x[i], MidpointRounding.ToEven);
            [Parallel] public static void RoundZeroDouble(int i, ReadOnlySpan<double> x, Span<double> y) => y[i] = Math.Round(x[i], MidpointRounding.ToZero);
            [Parallel] public static void RoundDownFloat(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = MathF.Round(x[i], MidpointRounding.ToNegativeInfinity);
            [Parallel] public static void RoundUpDouble(int i, ReadOnlySpan<double> x, Span<double> y) => y[i] = Math.Round(x[i], MidpointRounding.ToPositiveInfinity);

            [Parallel] public static void MaxMagnitudeFloat(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y) => y[i] = MathF.MaxMagnitude(x[i], z[i]);
            [Parallel] public static void MinMagnitudeFloat(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y) => y[i] = MathF.MinMagnitude(x[i], z[i]);
            [Parallel] public static void MaxMagnitudeDouble(int i, ReadOnlySpan<double> x, ReadOnlySpan<double> z, Span<double> y) => y[i] = Math.MaxMagnitude(x[i], z[i]);
            [Parallel] public static void MinMagnitudeDouble(int i, ReadOnlySpan<double> x, ReadOnlySpan<double> z, Span<double> y) => y[i] = Math.MinMagnitude(x[i], z[i]);

            [Parallel] public static void MinByte(int i, ReadOnlySpan<byte> x, ReadOnlySpan<byte> z, Span<byte> y) => y[i] = Math.Min(x[i], z[i]);
            [Parallel] public static void MaxSByte(int i, ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> z, Span<sbyte> y) => y[i] = Math.Max(x[i], z[i]);
            [Parallel] public static void MinShort(int i, ReadOnlySpan<short> x, ReadOnlySpan<short> z, Span<short> y) => y[i] = Math.Min(x[i], z[i]);
            [Parallel] public static void MaxUShort(int i, ReadOnlySpan<ushort> x, ReadOnlySpan<ushort> z, Span<ushort> y) => y[i] = Math.Max(x[i], z[i]);
            [Parallel] public static void MinUInt(int i, ReadOnlySpan<uint> x, ReadOnlySpan<uint> z, Span<uint> y) => y[i] = Math.Min(x[i], z[i]);
            [Parallel] public static void MaxULong(int i, ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> z, Span<ulong> y) => y[i] = Math.Max(x[i], z[i]);
            [Parallel] public static void MinLong(int i, ReadOnlySpan<long> x, ReadOnlySpan<long> z, Span<long> y) => y[i] = Math.Min(x[i], z[i]);

            [Parallel]
            public static void ClassifyFloat(int i, ReadOnlySpan<float> x, Span<int> y)
                => y[i] = (float.IsNaN(x[i]) ? 1 : 0) | (float.IsInfinity(x[i]) ? 2 : 0) | (float.IsPositiveInfinity(x[i]) ? 4 : 0) | (float.IsNegativeInfinity(x[i]) ? 8 : 0)
                    | (float.IsFinite(x[i]) ? 16 : 0) | (float.IsNegative(x[i]) ? 32 : 0) | (float.IsNormal(x[i]) ? 64 : 0) | (float.IsSubnormal(x[i]) ? 128 : 0);

            [Parallel]
            public static void ClassifyDouble(int i, ReadOnlySpan<double> x, Span<int> y)
                => y[i] = (double.IsNaN(x[i]) ? 1 : 0) | (double.IsInfinity(x[i]) ? 2 : 0) | (double.IsPositiveInfinity(x[i]) ? 4 : 0) | (double.IsNegativeInfinity(x[i]) ? 8 : 0)
                    | (double.IsFinite(x[i]) ? 16 : 0) | (double.IsNegative(x[i]) ? 32 : 0) | (double.IsNormal(x[i]) ? 64 : 0) | (double.IsSubnormal(x[i]) ? 128 : 0);
        }

        public static class Drivers
        {
            public static void ClassifyFloatGenerated(float[] x, int[] y) => Kernels.ClassifyFloat(x, y);
            public static void ClassifyFloatScalar(float[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.ClassifyFloat(i, x, y); }
            public static void ClassifyDoubleGenerated(double[] x, int[] y) => Kernels.ClassifyDouble(x, y);
            public static void ClassifyDoubleScalar(double[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.ClassifyDouble(i, x, y); }
            public static void ClampFloatGenerated(float lo, float hi, float[] x, float[] y) => Kernels.ClampFloat(lo, hi, x, y);
            public static void ClampFloatScalar(float lo, float hi, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.ClampFloat(i, lo, hi, x, y); }
            public static void ClampDoubleGenerated(double lo, double hi, double[] x, double[] y) => Kernels.ClampDouble(lo, hi, x, y);
            public static void ClampDoubleScalar(double lo, double hi, double[] x, double[] y) { for (int i = 0; i < y.Length; i++) Kernels.ClampDouble(i, lo, hi, x, y); }
            public static void ClampIntGenerated(int lo, int hi, int[] x, int[] y) => Kernels.ClampInt(lo, hi, x, y);
            public static void ClampIntScalar(int lo, int hi, int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.ClampInt(i, lo, hi, x, y); }
            public static void ClampLongGenerated(long lo, long hi, long[] x, long[] y) => Kernels.ClampLong(lo, hi, x, y);
            public static void ClampLongScalar(long lo, long hi, long[] x, long[] y) { for (int i = 0; i < y.Length; i++) Kernels.ClampLong(i, lo, hi, x, y); }
            public static void ClampUIntGenerated(uint lo, uint hi, uint[] x, uint[] y) => Kernels.ClampUInt(lo, hi, x, y);
            public static void ClampUIntScalar(uint lo, uint hi, uint[] x, uint[] y) { for (int i = 0; i < y.Length; i++) Kernels.ClampUInt(i, lo, hi, x, y); }
            public static void ClampByteGenerated(byte lo, byte hi, byte[] x, byte[] y) => Kernels.ClampByte(lo, hi, x, y);
            public static void ClampByteScalar(byte lo, byte hi, byte[] x, byte[] y) { for (int i = 0; i < y.Length; i++) Kernels.ClampByte(i, lo, hi, x, y); }
            public static void ClampShortGenerated(short lo, short hi, short[] x, short[] y) => Kernels.ClampShort(lo, hi, x, y);
            public static void ClampShortScalar(short lo, short hi, short[] x, short[] y) { for (int i = 0; i < y.Length; i++) Kernels.ClampShort(i, lo, hi, x, y); }
            public static void ClampLocalBoundsGenerated(float scale, float[] x, float[] y) => Kernels.ClampLocalBounds(scale, x, y);
            public static void ClampLocalBoundsScalar(float scale, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.ClampLocalBounds(i, scale, x, y); }
            public static void ClampConstantGenerated(float[] x, float[] y) => Kernels.ClampConstant(x, y);
            public static void ClampConstantScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.ClampConstant(i, x, y); }
            public static void ClampBranchGenerated(bool use, float lo, float hi, float[] x, float[] y) => Kernels.ClampBranch(use, lo, hi, x, y);
            public static void ClampBranchScalar(bool use, float lo, float hi, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.ClampBranch(i, use, lo, hi, x, y); }

            public static void SignFloatGenerated(float[] x, int[] y) => Kernels.SignFloat(x, y);
            public static void SignFloatScalar(float[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.SignFloat(i, x, y); }
            public static void SignDoubleGenerated(double[] x, int[] y) => Kernels.SignDouble(x, y);
            public static void SignDoubleScalar(double[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.SignDouble(i, x, y); }
            public static void SignIntGenerated(int[] x, int[] y) => Kernels.SignInt(x, y);
            public static void SignIntScalar(int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.SignInt(i, x, y); }
            public static void SignLongGenerated(long[] x, int[] y) => Kernels.SignLong(x, y);
            public static void SignLongScalar(long[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.SignLong(i, x, y); }
            public static void SignShortGenerated(short[] x, int[] y) => Kernels.SignShort(x, y);
            public static void SignShortScalar(short[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.SignShort(i, x, y); }
            public static void SignGuardedGenerated(float[] x, int[] y) => Kernels.SignGuarded(x, y);
            public static void SignGuardedScalar(float[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.SignGuarded(i, x, y); }
            public static void SignMaskedGenerated(float[] x, int[] y) => Kernels.SignMasked(x, y);
            public static void SignMaskedScalar(float[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.SignMasked(i, x, y); }

            public static void AbsIntGenerated(int[] x, int[] y) => Kernels.AbsInt(x, y);
            public static void AbsIntScalar(int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.AbsInt(i, x, y); }
            public static void AbsLongGenerated(long[] x, long[] y) => Kernels.AbsLong(x, y);
            public static void AbsLongScalar(long[] x, long[] y) { for (int i = 0; i < y.Length; i++) Kernels.AbsLong(i, x, y); }
            public static void AbsShortGenerated(short[] x, short[] y) => Kernels.AbsShort(x, y);
            public static void AbsShortScalar(short[] x, short[] y) { for (int i = 0; i < y.Length; i++) Kernels.AbsShort(i, x, y); }
            public static void AbsSByteGenerated(sbyte[] x, sbyte[] y) => Kernels.AbsSByte(x, y);
            public static void AbsSByteScalar(sbyte[] x, sbyte[] y) { for (int i = 0; i < y.Length; i++) Kernels.AbsSByte(i, x, y); }
            public static void AbsMaskedGenerated(int[] x, int[] y) => Kernels.AbsMasked(x, y);
            public static void AbsMaskedScalar(int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.AbsMasked(i, x, y); }

            public static void RoundAwayFloatGenerated(float[] x, float[] y) => Kernels.RoundAwayFloat(x, y);
            public static void RoundAwayFloatScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.RoundAwayFloat(i, x, y); }
            public static void RoundAwayDoubleGenerated(double[] x, double[] y) => Kernels.RoundAwayDouble(x, y);
            public static void RoundAwayDoubleScalar(double[] x, double[] y) { for (int i = 0; i < y.Length; i++) Kernels.RoundAwayDouble(i, x, y); }
            public static void RoundEvenFloatGenerated(float[] x, float[] y) => Kernels.RoundEvenFloat(x, y);
            public static void RoundEvenFloatScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.RoundEvenFloat(i, x, y); }
            public static void RoundZeroDoubleGenerated(double[] x, double[] y) => Kernels.RoundZeroDouble(x, y);
            public static void RoundZeroDoubleScalar(double[] x, double[] y) { for (int i = 0; i < y.Length; i++) Kernels.RoundZeroDouble(i, x, y); }
            public static void RoundDownFloatGenerated(float[] x, float[] y) => Kernels.RoundDownFloat(x, y);
            public static void RoundDownFloatScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.RoundDownFloat(i, x, y); }
            public static void RoundUpDoubleGenerated(double[] x, double[] y) => Kernels.RoundUpDouble(x, y);
            public static void RoundUpDoubleScalar(double[] x, double[] y) { for (int i = 0; i < y.Length; i++) Kernels.RoundUpDouble(i, x, y); }

            public static void MaxMagnitudeFloatGenerated(float[] x, float[] z, float[] y) => Kernels.MaxMagnitudeFloat(x, z, y);
            public static void MaxMagnitudeFloatScalar(float[] x, float[] z, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.MaxMagnitudeFloat(i, x, z, y); }
            public static void MinMagnitudeFloatGenerated(float[] x, float[] z, float[] y) => Kernels.MinMagnitudeFloat(x, z, y);
            public static void MinMagnitudeFloatScalar(float[] x, float[] z, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.MinMagnitudeFloat(i, x, z, y); }
            public static void MaxMagnitudeDoubleGenerated(double[] x, double[] z, double[] y) => Kernels.MaxMagnitudeDouble(x, z, y);
            public static void MaxMagnitudeDoubleScalar(double[] x, double[] z, double[] y) { for (int i = 0; i < y.Length; i++) Kernels.MaxMagnitudeDouble(i, x, z, y); }
            public static void MinMagnitudeDoubleGenerated(double[] x, double[] z, double[] y) => Kernels.MinMagnitudeDouble(x, z, y);
            public static void MinMagnitudeDoubleScalar(double[] x, double[] z, double[] y) { for (int i = 0; i < y.Length; i++) Kernels.MinMagnitudeDouble(i, x, z, y); }

            public static void MinByteGenerated(byte[] x, byte[] z, byte[] y) => Kernels.MinByte(x, z, y);
            public static void MinByteScalar(byte[] x, byte[] z, byte[] y) { for (int i = 0; i < y.Length; i++) Kernels.MinByte(i, x, z, y); }
            public static void MaxSByteGenerated(sbyte[] x, sbyte[] z, sbyte[] y) => Kernels.MaxSByte(x, z, y);
            public static void MaxSByteScalar(sbyte[] x, sbyte[] z, sbyte[] y) { for (int i = 0; i < y.Length; i++) Kernels.MaxSByte(i, x, z, y); }
            public static void MinShortGenerated(short[] x, short[] z, short[] y) => Kernels.MinShort(x, z, y);
            public static void MinShortScalar(short[] x, short[] z, short[] y) { for (int i = 0; i < y.Length; i++) Kernels.MinShort(i, x, z, y); }
            public static void MaxUShortGenerated(ushort[] x, ushort[] z, ushort[] y) => Kernels.MaxUShort(x, z, y);
            public static void MaxUShortScalar(ushort[] x, ushort[] z, ushort[] y) { for (int i = 0; i < y.Length; i++) Kernels.MaxUShort(i, x, z, y); }
            public static void MinUIntGenerated(uint[] x, uint[] z, uint[] y) => Kernels.MinUInt(x, z, y);
            public static void MinUIntScalar(uint[] x, uint[] z, uint[] y) { for (int i = 0; i < y.Length; i++) Kernels.MinUInt(i, x, z, y); }
            public static void MaxULongGenerated(ulong[] x, ulong[] z, ulong[] y) => Kernels.MaxULong(x, z, y);
            public static void MaxULongScalar(ulong[] x, ulong[] z, ulong[] y) { for (int i = 0; i < y.Length; i++) Kernels.MaxULong(i, x, z, y); }
            public static void MinLongGenerated(long[] x, long[] z, long[] y) => Kernels.MinLong(x, z, y);
            public static void MinLongScalar(long[] x, long[] z, long[] y) { for (int i = 0; i < y.Length; i++) Kernels.MinLong(i, x, z, y); }
        }
        """;

    private static readonly Lazy<KernelDrivers> s_drivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    private static KernelDrivers Drivers => s_drivers.Value;

    /// <summary>Floats with ties (n + 0.5), near-ties and the special values mixed in.</summary>
    private static float[] FloatsWithTies(int size, int seed)
    {
        float[] values = TestValues.Floats(size, seed);
        for (int i = 0; i < size; i += 3)
            values[i] = (i % 41 - 20) + (i % 2 == 0 ? 0.5f : MathF.BitDecrement(0.5f));
        return values;
    }

    private static double[] DoublesWithTies(int size, int seed)
    {
        double[] values = TestValues.Doubles(size, seed);
        for (int i = 0; i < size; i += 3)
            values[i] = (i % 41 - 20) + (i % 2 == 0 ? 0.5 : Math.BitDecrement(0.5));
        return values;
    }

    private static void Check(string kernel, Func<int, object[]> arguments)
        => Differential.AssertGeneratedMatchesScalar(Drivers, kernel, arguments, DomainSizes.Standard, ElementComparison.Bitwise);

    public static TheoryData<float, float> FloatBounds => new()
    {
        { 0f, 1f }, { -1f, 1f }, { -0f, 0f }, { 0f, -0f }, { 2f, 2f }, { float.NaN, 1f }, { 0f, float.NaN },
        { float.NegativeInfinity, float.PositiveInfinity }, { float.Epsilon, 1e30f },
    };

    [Theory]
    [MemberData(nameof(FloatBounds))]
    public void Clamp_matches_the_scalar_method_for_float_and_double(float lo, float hi)
    {
        Check("ClampFloat", size => [lo, hi, TestValues.Floats(size, size + 1), new float[size]]);
        Check("ClampDouble", size => [(double)lo, (double)hi, TestValues.Doubles(size, size + 2), new double[size]]);
        Check("ClampLocalBounds", size => [hi, TestValues.Floats(size, size + 3), new float[size]]);
        Check("ClampBranch", size => [true, lo, hi, TestValues.Floats(size, size + 4), new float[size]]);
    }

    [Fact]
    public void Clamp_keeps_negative_zero()
    {
        float[] y = new float[9];
        Drivers.Invoke("ClampFloatGenerated", 0f, 1f, Enumerable.Repeat(-0f, 9).ToArray(), y);
        Assert.All(y, value => Assert.True(float.IsNegative(value)));
        Check("ClampConstant", size => [TestValues.Floats(size, size + 5), new float[size]]);
    }

    [Fact]
    public void Clamp_matches_the_scalar_method_for_integers()
    {
        foreach ((int lo, int hi) in new[] { (-5, 5), (0, 0), (int.MinValue, int.MaxValue), (3, 200) })
        {
            Check("ClampInt", size => [lo, hi, TestValues.Integers<int>(size, size + 6), new int[size]]);
            Check("ClampLong", size => [(long)lo * 3, (long)hi * 3, TestValues.Integers<long>(size, size + 7), new long[size]]);
            Check("ClampUInt", size => [(uint)Math.Abs((long)lo), (uint)Math.Abs((long)hi) + (uint)Math.Abs((long)lo), TestValues.Integers<uint>(size, size + 8), new uint[size]]);
            Check("ClampShort", size => [(short)Math.Clamp(lo, short.MinValue, short.MaxValue), (short)Math.Clamp(hi, short.MinValue, short.MaxValue), TestValues.Integers<short>(size, size + 9), new short[size]]);
        }
        Check("ClampByte", size => [(byte)3, (byte)200, TestValues.Integers<byte>(size, size + 10), new byte[size]]);
    }

    [Fact]
    public void Clamp_with_min_above_max_throws_the_scalar_methods_exception_in_every_configuration()
    {
        foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
        {
            using (configuration.Apply())
            {
                Assert.Throws<ArgumentException>(() => Drivers.Invoke("ClampFloatGenerated", 1f, 0f, new float[100], new float[100]));
                Assert.Throws<ArgumentException>(() => Drivers.Invoke("ClampIntGenerated", 1, 0, new int[100], new int[100]));
                // Reversed bounds the kernel never reaches do not throw, as in the scalar kernel.
                Drivers.Invoke("ClampBranchGenerated", false, 1f, 0f, new float[100], new float[100]);
                // An empty domain runs no index.
                Drivers.Invoke("ClampFloatGenerated", 1f, 0f, Array.Empty<float>(), Array.Empty<float>());
            }
        }
    }

    [Fact]
    public void Sign_matches_the_scalar_method()
    {
        Check("SignFloat", size => [TestValues.Floats(size, size + 11).Select(v => float.IsNaN(v) ? -0f : v).ToArray(), new int[size]]);
        Check("SignDouble", size => [TestValues.Doubles(size, size + 12).Select(v => double.IsNaN(v) ? 0d : v).ToArray(), new int[size]]);
        Check("SignInt", size => [TestValues.Integers<int>(size, size + 13), new int[size]]);
        Check("SignLong", size => [TestValues.Integers<long>(size, size + 14), new int[size]]);
        Check("SignShort", size => [TestValues.Integers<short>(size, size + 15), new int[size]]);
        // NaN lanes the kernel does not pass to Sign must not throw.
        Check("SignGuarded", size => [TestValues.Floats(size, size + 16), new int[size]]);
        Check("SignMasked", size => [TestValues.Floats(size, size + 17), new int[size]]);
    }

    [Fact]
    public void Sign_of_NaN_throws_the_scalar_methods_exception_in_every_configuration()
    {
        foreach (int position in new[] { 0, 5, 37, 99 })
        {
            float[] x = Enumerable.Range(0, 100).Select(i => i - 50f).ToArray();
            x[position] = float.NaN;
            double[] xd = x.Select(v => (double)v).ToArray();
            foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
            {
                using (configuration.Apply())
                {
                    Assert.Throws<ArithmeticException>(() => Drivers.Invoke("SignFloatGenerated", x, new int[100]));
                    Assert.Throws<ArithmeticException>(() => Drivers.Invoke("SignDoubleGenerated", xd, new int[100]));
                }
            }
        }
    }

    [Fact]
    public void Integer_Abs_matches_the_scalar_method()
    {
        static T[] NoMinValue<T>(T[] values, T replacement) where T : System.Numerics.IMinMaxValue<T>, IEquatable<T>
            => values.Select(v => v.Equals(T.MinValue) ? replacement : v).ToArray();
        Check("AbsInt", size => [NoMinValue(TestValues.Integers<int>(size, size + 18), 0), new int[size]]);
        Check("AbsLong", size => [NoMinValue(TestValues.Integers<long>(size, size + 19), -1L), new long[size]]);
        Check("AbsShort", size => [NoMinValue(TestValues.Integers<short>(size, size + 20), (short)-7), new short[size]]);
        Check("AbsSByte", size => [NoMinValue(TestValues.Integers<sbyte>(size, size + 21), (sbyte)127), new sbyte[size]]);
        Check("AbsMasked", size => [TestValues.Integers<int>(size, size + 22), new int[size]]);
    }

    [Fact]
    public void Integer_Abs_of_MinValue_throws_the_scalar_methods_exception_in_every_configuration()
    {
        foreach (int position in new[] { 0, 6, 63 })
        {
            int[] x = Enumerable.Range(0, 64).Select(i => i - 30).ToArray();
            x[position] = int.MinValue;
            long[] xl = x.Select(v => v == int.MinValue ? long.MinValue : v).ToArray();
            short[] xs = x.Select(v => v == int.MinValue ? short.MinValue : (short)v).ToArray();
            sbyte[] xb = x.Select(v => v == int.MinValue ? sbyte.MinValue : (sbyte)v).ToArray();
            foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
            {
                using (configuration.Apply())
                {
                    Assert.Throws<OverflowException>(() => Drivers.Invoke("AbsIntGenerated", x, new int[64]));
                    Assert.Throws<OverflowException>(() => Drivers.Invoke("AbsLongGenerated", xl, new long[64]));
                    Assert.Throws<OverflowException>(() => Drivers.Invoke("AbsShortGenerated", xs, new short[64]));
                    Assert.Throws<OverflowException>(() => Drivers.Invoke("AbsSByteGenerated", xb, new sbyte[64]));
                }
            }
        }
    }

    [Fact]
    public void Round_with_a_midpoint_mode_matches_the_scalar_method()
    {
        Check("RoundAwayFloat", size => [FloatsWithTies(size, size + 23), new float[size]]);
        Check("RoundAwayDouble", size => [DoublesWithTies(size, size + 24), new double[size]]);
        Check("RoundEvenFloat", size => [FloatsWithTies(size, size + 25), new float[size]]);
        Check("RoundZeroDouble", size => [DoublesWithTies(size, size + 26), new double[size]]);
        Check("RoundDownFloat", size => [FloatsWithTies(size, size + 27), new float[size]]);
        Check("RoundUpDouble", size => [DoublesWithTies(size, size + 28), new double[size]]);
    }

    [Fact]
    public void Min_and_max_magnitude_match_the_scalar_methods()
    {
        Check("MaxMagnitudeFloat", size => [TestValues.Floats(size, size + 29), MirrorSigns(TestValues.Floats(size, size + 29), size), new float[size]]);
        Check("MinMagnitudeFloat", size => [TestValues.Floats(size, size + 30), MirrorSigns(TestValues.Floats(size, size + 30), size), new float[size]]);
        Check("MaxMagnitudeDouble", size => [TestValues.Doubles(size, size + 31), TestValues.Doubles(size, size + 32).Select((v, i) => i % 4 == 0 ? -v : v).ToArray(), new double[size]]);
        Check("MinMagnitudeDouble", size => [TestValues.Doubles(size, size + 33), TestValues.Doubles(size, size + 34), new double[size]]);
    }

    /// <summary>Half the lanes get the other input's value with its sign flipped: equal magnitudes, opposite signs.</summary>
    private static float[] MirrorSigns(float[] values, int seed)
        => values.Select((v, i) => (i + seed) % 2 == 0 ? -v : TestValues.Floats(values.Length, seed + 99)[i]).ToArray();

    [Fact]
    public void Min_and_max_on_small_and_unsigned_integers_match_the_scalar_methods()
    {
        Check("MinByte", size => [TestValues.Integers<byte>(size, size + 35), TestValues.Integers<byte>(size, size + 36), new byte[size]]);
        Check("MaxSByte", size => [TestValues.Integers<sbyte>(size, size + 37), TestValues.Integers<sbyte>(size, size + 38), new sbyte[size]]);
        Check("MinShort", size => [TestValues.Integers<short>(size, size + 39), TestValues.Integers<short>(size, size + 40), new short[size]]);
        Check("MaxUShort", size => [TestValues.Integers<ushort>(size, size + 41), TestValues.Integers<ushort>(size, size + 42), new ushort[size]]);
        Check("MinUInt", size => [TestValues.Integers<uint>(size, size + 43), TestValues.Integers<uint>(size, size + 44), new uint[size]]);
        Check("MaxULong", size => [TestValues.Integers<ulong>(size, size + 45), TestValues.Integers<ulong>(size, size + 46), new ulong[size]]);
        Check("MinLong", size => [TestValues.Integers<long>(size, size + 47), TestValues.Integers<long>(size, size + 48), new long[size]]);
    }

    [Fact]
    public void Floating_point_classifications_match_the_scalar_methods()
    {
        Check("ClassifyFloat", size => [TestValues.Floats(size, size + 49).Select((v, i) => i % 7 == 3 ? -float.NaN : v).ToArray(), new int[size]]);
        Check("ClassifyDouble", size => [TestValues.Doubles(size, size + 50).Select((v, i) => i % 7 == 3 ? -double.NaN : v).ToArray(), new int[size]]);
    }

    [Theory]
    [InlineData("y[i] = Math.Clamp(x[i], lo[i], 1f);", "has bounds that are not fixed for the whole call")]
    [InlineData("y[i] = Math.Clamp(x[i], 0f, x[i] * 2f);", "has bounds that are not fixed for the whole call")]
    [InlineData("y[i] = (float)Math.Clamp((int)x[i], 5, 1);", "has min > max, so it always throws")]
    [InlineData("y[i] = (float)Math.Round(x[i], 2, MidpointRounding.AwayFromZero);", "Math.Round on double has no vector form")]
    public void Math_calls_without_an_exact_vector_form_run_scalar_and_say_why(string body, string reason)
    {
        GeneratorHarness.RunKernelBody("ReadOnlySpan<float> lo, ReadOnlySpan<float> x, Span<float> y", body).AssertRunsScalarBecause(reason);
    }

    [Fact]
    public void Every_kernel_here_vectorises() => GeneratorHarness.Run(Source).AssertEveryKernelVectorises();
}

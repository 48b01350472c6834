using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Numeric conversions, where vector instructions and C# disagree most easily: float-to-int of NaN, infinities and
/// out-of-range values (.NET saturates), unsigned-to-float rounding, and double/float narrowing.
/// </summary>
public sealed class ConversionDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void IntToFloat(int i, ReadOnlySpan<int> x, Span<float> y) => y[i] = (float)x[i] * 0.5f;

            [Parallel]
            public static void FloatToInt(int i, ReadOnlySpan<float> x, Span<int> y) => y[i] = (int)x[i];

            [Parallel]
            public static void IntToDouble(int i, ReadOnlySpan<int> x, Span<double> y) => y[i] = x[i] + 0.25;

            [Parallel]
            public static void DoubleToInt(int i, ReadOnlySpan<double> x, Span<int> y) => y[i] = (int)x[i];

            [Parallel]
            public static void FloatDouble(int i, ReadOnlySpan<float> x, ReadOnlySpan<double> z, Span<double> wide, Span<float> narrow)
            {
                wide[i] = x[i];
                narrow[i] = (float)z[i];
            }

            [Parallel]
            public static void UIntToFloat(int i, ReadOnlySpan<uint> x, Span<float> y) => y[i] = x[i];

            [Parallel]
            public static void LongToDouble(int i, ReadOnlySpan<long> x, Span<double> y, Span<long> back)
            {
                y[i] = x[i];
                back[i] = (long)(x[i] * 0.5);
            }

            [Parallel]
            public static void ByteToFloat(int i, ReadOnlySpan<byte> x, ReadOnlySpan<sbyte> z, Span<float> y)
                => y[i] = x[i] * 0.1f + z[i];
        }

        public static class Drivers
        {
            public static void IntToFloatGenerated(int[] x, float[] y) => Kernels.IntToFloat(x, y);
            public static void IntToFloatScalar(int[] x, float[] y) { for (int i = 0; i < x.Length; i++) Kernels.IntToFloat(i, x, y); }

            public static void FloatToIntGenerated(float[] x, int[] y) => Kernels.FloatToInt(x, y);
            public static void FloatToIntScalar(float[] x, int[] y) { for (int i = 0; i < x.Length; i++) Kernels.FloatToInt(i, x, y); }

            public static void IntToDoubleGenerated(int[] x, double[] y) => Kernels.IntToDouble(x, y);
            public static void IntToDoubleScalar(int[] x, double[] y) { for (int i = 0; i < x.Length; i++) Kernels.IntToDouble(i, x, y); }

            public static void DoubleToIntGenerated(double[] x, int[] y) => Kernels.DoubleToInt(x, y);
            public static void DoubleToIntScalar(double[] x, int[] y) { for (int i = 0; i < x.Length; i++) Kernels.DoubleToInt(i, x, y); }

            public static void FloatDoubleGenerated(float[] x, double[] z, double[] wide, float[] narrow) => Kernels.FloatDouble(x, z, wide, narrow);
            public static void FloatDoubleScalar(float[] x, double[] z, double[] wide, float[] narrow) { for (int i = 0; i < x.Length; i++) Kernels.FloatDouble(i, x, z, wide, narrow); }

            public static void UIntToFloatGenerated(uint[] x, float[] y) => Kernels.UIntToFloat(x, y);
            public static void UIntToFloatScalar(uint[] x, float[] y) { for (int i = 0; i < x.Length; i++) Kernels.UIntToFloat(i, x, y); }

            public static void LongToDoubleGenerated(long[] x, double[] y, long[] back) => Kernels.LongToDouble(x, y, back);
            public static void LongToDoubleScalar(long[] x, double[] y, long[] back) { for (int i = 0; i < x.Length; i++) Kernels.LongToDouble(i, x, y, back); }

            public static void ByteToFloatGenerated(byte[] x, sbyte[] z, float[] y) => Kernels.ByteToFloat(x, z, y);
            public static void ByteToFloatScalar(byte[] x, sbyte[] z, float[] y) { for (int i = 0; i < x.Length; i++) Kernels.ByteToFloat(i, x, z, y); }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    [Fact]
    public void Int_to_float_rounds_like_the_scalar_conversion()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "IntToFloat",
            size => [TestValues.Integers<int>(size, size), new float[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Float_to_int_saturates_NaN_and_out_of_range_like_the_scalar_conversion()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "FloatToInt",
            size => [TestValues.Floats(size, size), new int[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Int_to_double_is_exact()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "IntToDouble",
            size => [TestValues.Integers<int>(size, size), new double[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Double_to_int_saturates_like_the_scalar_conversion()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "DoubleToInt",
            size => [TestValues.Doubles(size, size), new int[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Float_widens_and_double_narrows_like_the_scalar_conversion()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "FloatDouble",
            size => [TestValues.Floats(size, size), TestValues.Doubles(size, size + 1), new double[size], new float[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void UInt_to_float_rounds_values_above_int_MaxValue_correctly()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "UIntToFloat",
            size => [TestValues.Integers<uint>(size, size), new float[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Long_to_double_and_back_match_the_scalar_conversion()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "LongToDouble",
            size => [TestValues.Integers<long>(size, size), new double[size], new long[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Narrow_integers_convert_to_float_after_promotion()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "ByteToFloat",
            size => [TestValues.Integers<byte>(size, size), TestValues.Integers<sbyte>(size, size + 1), new float[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);
}

using System;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// The generic-math spellings on the primitive types (<c>float.Sqrt</c>, <c>double.Max</c>, <c>int.Abs</c>, …) are the
/// <c>Math</c>/<c>MathF</c> methods they forward to, and lower like them. The scalar kernels call the primitive
/// methods, so bitwise equality over NaN, ±∞, −0 and subnormals checks that each alias means the same. The
/// primitives' <c>Clamp</c> on floating point is <c>Min(Max(…))</c>, not <c>Math.Clamp</c>, and is not aliased.
/// </summary>
public sealed class GenericMathDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void FloatExact(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y)
                => y[i] = float.Sqrt(float.Abs(x[i])) + float.Max(x[i], z[i]) * float.Min(z[i], x[i])
                    - float.MaxMagnitude(x[i], z[i]) + float.CopySign(float.Floor(z[i]), x[i])
                    + float.FusedMultiplyAdd(x[i], z[i], float.Ceiling(x[i])) + float.Truncate(z[i]) + float.Round(x[i]);

            [Parallel]
            public static void DoubleExact(int i, ReadOnlySpan<double> x, ReadOnlySpan<double> z, Span<double> y)
                => y[i] = double.Sqrt(x[i]) + double.Min(x[i], z[i]) - double.MinMagnitude(z[i], x[i]) + double.Round(z[i], MidpointRounding.AwayFromZero);

            [Parallel]
            public static void FloatApproximate(int i, ReadOnlySpan<float> x, Span<float> e, Span<float> s)
            {
                e[i] = float.Exp(x[i]);
                s[i] = float.Sin(x[i]);
            }

            [Parallel]
            public static void Integers(int i, int lo, int hi, ReadOnlySpan<int> a, ReadOnlySpan<uint> u, ReadOnlySpan<long> l, Span<long> y)
                => y[i] = int.Clamp(a[i], lo, hi) + int.Max(a[i], 3) * (long)int.Sign(a[i]) + uint.Min(u[i], 1000u) + long.Abs(l[i] >> 2) + short.Max((short)a[i], (short)-5);

            [Parallel]
            public static void IntAbs(int i, ReadOnlySpan<int> a, Span<int> y) => y[i] = int.Abs(a[i]);

            [Parallel]
            public static void FloatClamp(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = float.Clamp(x[i], 0f, 1f);
        }

        public static class Drivers
        {
            public static void FloatExactGenerated(float[] x, float[] z, float[] y) => Kernels.FloatExact(x, z, y);
            public static void FloatExactScalar(float[] x, float[] z, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.FloatExact(i, x, z, y); }
            public static void DoubleExactGenerated(double[] x, double[] z, double[] y) => Kernels.DoubleExact(x, z, y);
            public static void DoubleExactScalar(double[] x, double[] z, double[] y) { for (int i = 0; i < y.Length; i++) Kernels.DoubleExact(i, x, z, y); }
            public static void FloatApproximateGenerated(float[] x, float[] e, float[] s) => Kernels.FloatApproximate(x, e, s);
            public static void FloatApproximateScalar(float[] x, float[] e, float[] s) { for (int i = 0; i < e.Length; i++) Kernels.FloatApproximate(i, x, e, s); }
            public static void IntegersGenerated(int lo, int hi, int[] a, uint[] u, long[] l, long[] y) => Kernels.Integers(lo, hi, a, u, l, y);
            public static void IntegersScalar(int lo, int hi, int[] a, uint[] u, long[] l, long[] y) { for (int i = 0; i < y.Length; i++) Kernels.Integers(i, lo, hi, a, u, l, y); }
            public static void IntAbsGenerated(int[] a, int[] y) => Kernels.IntAbs(a, y);
            public static void IntAbsScalar(int[] a, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.IntAbs(i, a, y); }
            public static void FloatClampGenerated(float[] x, float[] y) => Kernels.FloatClamp(x, y);
            public static void FloatClampScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.FloatClamp(i, x, y); }
        }
        """;

    private static readonly Lazy<KernelDrivers> s_drivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    private static void Check(string kernel, Func<int, object[]> arguments, ElementComparison comparison)
        => Differential.AssertGeneratedMatchesScalar(s_drivers.Value, kernel, arguments, DomainSizes.Standard, comparison);

    [Fact]
    public void Floating_point_aliases_match_the_primitive_methods_bit_for_bit()
    {
        Check("FloatExact", size => [TestValues.Floats(size, size), TestValues.Floats(size, size + 1), new float[size]], ElementComparison.Bitwise);
        Check("DoubleExact", size => [TestValues.Doubles(size, size + 2), TestValues.Doubles(size, size + 3), new double[size]], ElementComparison.Bitwise);
    }

    [Fact]
    public void Approximated_functions_stay_within_the_documented_bound()
        => Check("FloatApproximate", size => [TestValues.ModerateFloats(size, size + 4), new float[size], new float[size]], ElementComparison.WithinUlps(2));

    [Fact]
    public void Integer_aliases_match_the_primitive_methods()
    {
        foreach ((int lo, int hi) in new[] { (-100, 100), (0, 0), (int.MinValue, int.MaxValue) })
            Check("Integers", size => [lo, hi, TestValues.Integers<int>(size, size + 5), TestValues.Integers<uint>(size, size + 6), TestValues.Integers<long>(size, size + 7), new long[size]], ElementComparison.Bitwise);
        Check("IntAbs", size => [TestValues.SmallIntegers<int>(size, size + 8, -1000, 1000), new int[size]], ElementComparison.Bitwise);
    }

    [Fact]
    public void Int_Abs_of_MinValue_throws_as_the_primitive_method_does()
    {
        int[] a = new int[100];
        a[77] = int.MinValue;
        Assert.Throws<OverflowException>(() => s_drivers.Value.Invoke("IntAbsScalar", a, new int[100]));
        Assert.Throws<OverflowException>(() => s_drivers.Value.Invoke("IntAbsGenerated", a, new int[100]));
    }

    [Fact]
    public void The_floating_point_primitive_Clamp_runs_as_written()
    {
        Check("FloatClamp", size => [TestValues.Floats(size, size + 9), new float[size]], ElementComparison.Bitwise);
        GeneratorHarness.Run(Source).AssertRunsScalarBecause("the call of Single.Clamp");
    }

    [Theory]
    [InlineData("FloatExact")]
    [InlineData("DoubleExact")]
    [InlineData("FloatApproximate")]
    [InlineData("Integers")]
    [InlineData("IntAbs")]
    public void Kernels_written_with_the_aliases_vectorise(string kernel)
        => Assert.Contains("Execute256(", GeneratorHarness.Run(Source).GeneratedSourceOf(kernel), StringComparison.Ordinal);
}

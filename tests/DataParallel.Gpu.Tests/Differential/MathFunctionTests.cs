using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using DataParallel.Gpu.Tests.Harness;
using ILGPU.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace DataParallel.Gpu.Tests.Differential;

/// <summary>
/// The wider set of <c>Math</c>/<c>MathF</c> functions on the GPU (<c>GpuMathFunctions</c>) on ILGPU's CPU accelerator
/// against the scalar kernel: within <see cref="DifferentialTests.MathUlpBound"/> (measured: 0), NaN and infinities in
/// the same places; float <c>Min</c>/<c>Max</c> with .NET's NaN and signed-zero results; integer <c>Math.Abs</c>
/// guarded, throwing the CPU's <see cref="OverflowException"/> for the minimum value.
/// </summary>
public sealed class MathFunctionTests(CpuAccelerator cpu, ITestOutputHelper output) : IClassFixture<CpuAccelerator>
{
    private readonly Accelerator _gpu = cpu.Accelerator;

    [Theory]
    [InlineData(1)]
    [InlineData(96)]
    public void More_math_functions_stay_within_the_ulp_bound(int n)
    {
        var random = new Random(n);
        float[] special = [float.NaN, 0f, -0f, float.PositiveInfinity, float.NegativeInfinity, 2.5f, -2.5f, 0.5f, -1.5f];
        float[] x = Enumerable.Range(0, n).Select(i => i < special.Length && n > 1 ? special[i] : (float)(random.NextDouble() * 20 - 10)).ToArray();
        float[] w = Enumerable.Range(0, n).Select(i => i < special.Length && n > 1 ? special[special.Length - 1 - i] : (float)(random.NextDouble() * 20 - 10)).ToArray();
        double[] d = x.Select(v => (double)v * 1.37).ToArray();
        object[] Arguments() => [x.Clone(), w.Clone(), new float[n], new float[n], d.Clone(), new double[n], new double[n]];
        object[] expected = Arguments(), actual = Arguments();
        GeneratedKernels.Drive("MoreMathScalar", expected);
        GeneratedKernels.Drive("MoreMathSpans", [_gpu, .. actual]);

        ElementComparison comparison = ElementComparison.WithinUlps(DifferentialTests.MathUlpBound);
        long largest = 0;
        foreach (int a in new[] { 2, 3, 5, 6 })
        {
            var mismatches = comparison.Mismatches((Array)expected[a], (Array)actual[a]);
            Assert.True(mismatches.Count == 0, $"argument {a} differs at {string.Join(", ", mismatches)}");
            Array e = (Array)expected[a], g = (Array)actual[a];
            for (int i = 0; i < n; i++)
                largest = Math.Max(largest, e.GetValue(i) is float f ? Ulps(f, (float)g.GetValue(i)!) : Ulps((double)e.GetValue(i)!, (double)g.GetValue(i)!));
        }
        output.WriteLine($"largest ulp distance over {n} indices: {largest}");
    }

    private static long Ulps(float a, float b) => float.IsNaN(a) || float.IsNaN(b) || float.IsInfinity(a) ? 0 : Math.Abs((long)BitConverter.SingleToInt32Bits(a) - BitConverter.SingleToInt32Bits(b));

    private static long Ulps(double a, double b) => double.IsNaN(a) || double.IsNaN(b) || double.IsInfinity(a) ? 0 : Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b));

    [Fact]
    public void Integer_abs_matches_and_throws_for_the_minimum_value_as_on_the_cpu()
    {
        int[] x = [0, -1, 5, int.MaxValue, -int.MaxValue, -7];
        long[] w = [long.MaxValue - 1, -3, 0, -long.MaxValue, 9, long.MinValue + 1];
        long[] expected = new long[6], actual = new long[6];
        GeneratedKernels.Drive("IntegerAbsScalar", x, w, expected);
        GeneratedKernels.Drive("IntegerAbsSpans", _gpu, x, w, actual);
        Assert.Equal(expected, actual);

        Exception cpuError = Assert.ThrowsAny<Exception>(() => GeneratedKernels.Drive("IntegerAbsScalar", x, new long[] { 1, 2, 3, long.MinValue, 5, 6 }, new long[6]));
        var gpuError = Assert.Throws<OverflowException>(() => GeneratedKernels.Drive("IntegerAbsSpans", _gpu, new[] { 1, 2, int.MinValue, 4, 5, 6 }, new long[] { 1, 2, 3, long.MinValue, 5, 6 }, new long[6]));
        Assert.IsType<OverflowException>(cpuError);
        Assert.Contains("i = 2", gpuError.Message);
    }

    [Fact]
    public void Sign_and_clamp_match_and_throw_the_cpus_exceptions()
    {
        float[] x = [float.NaN, -0f, 0f, 3f, -7f, float.PositiveInfinity, 0.25f];
        double[] d = [1, -0.0, 2, -3, double.NegativeInfinity, 0, 5];
        long[] w = [-100, 0, 100, long.MinValue, long.MaxValue, 7, -7];
        object[] Arguments(float lo, float hi, long low, long high, float[] xs, double[] ds) => [lo, hi, low, high, xs.Clone(), ds.Clone(), w.Clone(), new float[7], new int[7], new long[7]];

        // Clean: NaN bounds clamp nothing; a NaN value passes through Clamp (Sign of it is the fault below).
        float[] clean = x.Select(v => float.IsNaN(v) ? 1f : v).ToArray();
        foreach ((float lo, float hi) in new[] { (-1f, 1f), (float.NaN, 2f), (-5f, float.NaN), (2f, 2f) })
        {
            object[] expected = Arguments(lo, hi, -10, 10, clean, d), actual = Arguments(lo, hi, -10, 10, clean, d);
            GeneratedKernels.Drive("SignAndClampScalar", expected);
            GeneratedKernels.Drive("SignAndClampSpans", [_gpu, .. actual]);
            for (int a = 7; a < 10; a++)
                Assert.Equal(expected[a], actual[a]);
        }

        // Sign(NaN) at index 0: ArithmeticException; Clamp with min > max: ArgumentException, at the first index.
        AssertSameFault(Arguments(-1f, 1f, -10, 10, x, d), typeof(ArithmeticException), "i = 0");
        AssertSameFault(Arguments(1f, -1f, -10, 10, clean, d), typeof(ArgumentException), "i = 0");
        AssertSameFault(Arguments(-1f, 1f, 10, -10, clean, d), typeof(ArgumentException), "i = 0");
        AssertSameFault(Arguments(-1f, 1f, -10, 10, clean, d.Select((v, i) => i == 4 ? double.NaN : v).ToArray()), typeof(ArithmeticException), "i = 4");
    }

    private void AssertSameFault(object[] arguments, Type expected, string at)
    {
        object[] scalar = arguments.Select(a => a is Array array ? array.Clone() : a).ToArray();
        Exception cpuError = Assert.ThrowsAny<Exception>(() => GeneratedKernels.Drive("SignAndClampScalar", scalar));
        Exception gpuError = Assert.ThrowsAny<Exception>(() => GeneratedKernels.Drive("SignAndClampSpans", [_gpu, .. arguments]));
        Assert.Equal(expected, cpuError.GetType());
        Assert.Equal(expected, gpuError.GetType());
        Assert.Contains(at, gpuError.Message);
    }
}

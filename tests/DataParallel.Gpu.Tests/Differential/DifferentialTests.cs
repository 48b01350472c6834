using System;
using System.Linq;
using DataParallel.Gpu.Tests.Harness;
using ILGPU;
using ILGPU.Runtime;
using Xunit;

namespace DataParallel.Gpu.Tests.Differential;

/// <summary>
/// The GPU entry points on ILGPU's CPU accelerator against the scalar kernel (the kernel method for every index in
/// order): integer and + − × ÷ results bit for bit, transcendentals within <see cref="MathUlpBound"/>. Sizes are small:
/// that accelerator is about a thousand times slower than a loop.
/// </summary>
public sealed class DifferentialTests(CpuAccelerator cpu, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<CpuAccelerator>
{
    /// <summary>
    /// XMath (ILGPU.Algorithms) against .NET's Math/MathF, per function as these kernels combine them: measured on ILGPU's
    /// CPU accelerator the largest distance measured is 0 (ILGPU runs them as .NET does there); docs/guides/gpu.md states it.
    /// </summary>
    public const int MathUlpBound = 1;

    private readonly Accelerator _gpu = cpu.Accelerator;

    public static TheoryData<int> Sizes => new() { 0, 1, 7, 33, 100 };

    private static float[] Floats(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Saxpy_views_on_the_accelerator_and_on_a_stream_match_the_scalar_kernel(int n)
    {
        float[] x = Floats(n, 1), y = Floats(n, 2), expected = (float[])y.Clone();
        GeneratedKernels.Drive("SaxpyScalar", 2.5f, x, expected);

        using var xs = GeneratedKernels.Upload(_gpu, x);
        using var ys = GeneratedKernels.Upload(_gpu, y);
        GeneratedKernels.Call("Saxpy", _gpu, 2.5f, GeneratedKernels.View(xs, n), GeneratedKernels.View(ys, n));
        _gpu.Synchronize();
        Assert.Equal(expected, GeneratedKernels.View(ys, n).GetAsArray());

        // Again on a stream of its own: the same launch, queued there.
        using AcceleratorStream stream = _gpu.CreateStream();
        float[] twice = (float[])expected.Clone();
        GeneratedKernels.Drive("SaxpyScalar", 2.5f, x, twice);
        GeneratedKernels.Call("Saxpy", stream, 2.5f, GeneratedKernels.View(xs, n), GeneratedKernels.View(ys, n));
        stream.Synchronize();
        Assert.Equal(twice, GeneratedKernels.View(ys, n).GetAsArray());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Saxpy_spans_are_copied_in_and_back(int n)
    {
        float[] x = Floats(n, 3), y = Floats(n, 4), expected = (float[])y.Clone();
        GeneratedKernels.Drive("SaxpyScalar", -1.5f, x, expected);
        GeneratedKernels.Drive("SaxpySpans", _gpu, -1.5f, x, y);
        Assert.Equal(expected, y);
    }

    [Fact]
    public void Saxpy_range_overloads_run_the_range_only()
    {
        const int n = 40;
        float[] x = Floats(n, 5), y = Floats(n, 6), expected = (float[])y.Clone();
        GeneratedKernels.Drive("SaxpyRangeScalar", 1, n - 1, 3f, x, expected);
        float[] spans = (float[])y.Clone();
        GeneratedKernels.Drive("SaxpyRangeSpans", _gpu, 3f, x, spans);
        Assert.Equal(expected, spans);

        using var xs = GeneratedKernels.Upload(_gpu, x);
        using var ys = GeneratedKernels.Upload(_gpu, y);
        GeneratedKernels.Call("Saxpy", _gpu, 1..^1, 3f, GeneratedKernels.View(xs, n), GeneratedKernels.View(ys, n));
        _gpu.Synchronize();
        Assert.Equal(expected, GeneratedKernels.View(ys, n).GetAsArray());
    }

    [Fact]
    public void The_very_same_span_twice_is_one_device_copy()
    {
        float[] y = Floats(25, 7), expected = (float[])y.Clone();
        GeneratedKernels.Drive("SaxpyScalar", 2f, expected, expected);
        GeneratedKernels.Drive("SaxpySameSpan", _gpu, 2f, y);
        Assert.Equal(expected, y);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Integer_bitwise_results_are_bitwise_equal(int n)
    {
        var random = new Random(n);
        uint[] x = Enumerable.Range(0, n).Select(_ => (uint)random.NextInt64(0, uint.MaxValue)).ToArray();
        uint[] expected = new uint[n], viaSpans = new uint[n];
        GeneratedKernels.Drive("BitsScalar", 0xF0F0F0F0u, x, expected);
        GeneratedKernels.Drive("BitsSpans", _gpu, 0xF0F0F0F0u, x, viaSpans);
        Assert.Equal(expected, viaSpans);

        using var xs = GeneratedKernels.Upload(_gpu, x);
        using var ys = GeneratedKernels.Upload(_gpu, new uint[n]);
        GeneratedKernels.Call("Bits", _gpu, 0xF0F0F0F0u, GeneratedKernels.View(xs, n), GeneratedKernels.View(ys, n));
        _gpu.Synchronize();
        Assert.Equal(expected, GeneratedKernels.View(ys, n).GetAsArray());
    }

    [Fact]
    public void Bit_counts_match_zero_included()
    {
        var random = new Random(21);
        uint[] x = Enumerable.Range(0, 40).Select(i => i < 3 ? (uint)i : (uint)random.NextInt64(0, uint.MaxValue) >> (i % 32)).ToArray();
        ulong[] w = x.Select((v, i) => i < 2 ? 0ul : (ulong)v << (i % 40)).ToArray();
        int[] y = new int[40], yGpu = new int[40];
        GeneratedKernels.Drive("CountsScalar", x, w, y);
        GeneratedKernels.Drive("CountsSpans", _gpu, x, w, yGpu);
        Assert.Equal(y, yGpu);
    }

    [Fact]
    public void Eight_and_sixteen_bit_data_match()
    {
        byte[] x = Enumerable.Range(0, 256).Select(v => (byte)v).ToArray();
        short[] y = new short[256], yGpu = new short[256];
        GeneratedKernels.Drive("NarrowScalar", (short)300, x, y);
        GeneratedKernels.Drive("NarrowSpans", _gpu, (short)300, x, yGpu);
        Assert.Equal(y, yGpu);
    }

    [Fact]
    public void Mixed_widths_and_conversions_match()
    {
        const int n = 50;
        var random = new Random(11);
        int[] x = Enumerable.Range(0, n).Select(_ => random.Next(-100000, 100000)).ToArray();
        double[] d = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 1e6 - 5e5).ToArray();
        long[] y = new long[n], yGpu = new long[n];
        float[] f = new float[n], fGpu = new float[n];
        GeneratedKernels.Drive("MixedScalar", 12345L, x, d, y, f);
        GeneratedKernels.Drive("MixedSpans", _gpu, 12345L, x, d, yGpu, fGpu);
        Assert.Equal(y, yGpu);
        Assert.Equal(f, fGpu);
    }

    [Fact]
    public void Two_dimensional_matmul_matches_with_the_last_index_on_x()
    {
        const int m = 5, n = 7, k = 3;
        float[] a = Floats(m * k, 12), b = Floats(k * n, 13), c = new float[m * n], cGpu = new float[m * n];
        GeneratedKernels.Drive("MatMulScalar", m, n, k, a, b, c);
        GeneratedKernels.Drive("MatMulSpans", _gpu, m, n, k, a, b, cGpu);
        Assert.Equal(c, cGpu);
    }

    [Fact]
    public void Three_dimensional_kernel_matches()
    {
        const int nz = 3, ny = 4, nx = 5;
        int[] a = Enumerable.Range(0, nz * ny * nx).Select(v => v * 7 - 50).ToArray(), b = new int[a.Length], bGpu = new int[a.Length];
        GeneratedKernels.Drive("VolumeScalar", nz, ny, nx, a, b);
        GeneratedKernels.Drive("VolumeSpans", _gpu, nz, ny, nx, a, bGpu);
        Assert.Equal(b, bGpu);
    }

    [Fact]
    public void Branches_loops_and_early_returns_match()
    {
        float[] x = Floats(60, 14).Select(v => v * 10).ToArray(), y = new float[60], yGpu = new float[60];
        GeneratedKernels.Drive("BranchesScalar", 3f, x, y);
        GeneratedKernels.Drive("BranchesSpans", _gpu, 3f, x, yGpu);
        Assert.Equal(y, yGpu);
    }

    [Fact]
    public void Math_functions_stay_within_the_ulp_bound()
    {
        const int n = 64;
        float[] x = Floats(n, 15);
        double[] d = x.Select(v => (double)v * 1.37).ToArray();
        float[] s = new float[n], e = new float[n], sGpu = new float[n], eGpu = new float[n];
        double[] c = new double[n], cGpu = new double[n];
        GeneratedKernels.Drive("TranscendentalScalar", x, s, e, d, c);
        GeneratedKernels.Drive("TranscendentalSpans", _gpu, x, sGpu, eGpu, d, cGpu);
        output.WriteLine($"largest ulp distances: sin+sqrt {Enumerable.Range(0, n).Max(i => UlpDistance(s[i], sGpu[i]))}, " +
            $"exp+log+floor {Enumerable.Range(0, n).Max(i => UlpDistance(e[i], eGpu[i]))}, cos+tanh+ceiling {Enumerable.Range(0, n).Max(i => UlpDistance(c[i], cGpu[i]))}");
        for (int i = 0; i < n; i++)
        {
            Assert.True(UlpDistance(s[i], sGpu[i]) <= MathUlpBound, $"sin+sqrt at {i}: {s[i]} vs {sGpu[i]}");
            Assert.True(UlpDistance(e[i], eGpu[i]) <= MathUlpBound, $"exp+log+floor at {i}: {e[i]} vs {eGpu[i]}");
            Assert.True(UlpDistance(c[i], cGpu[i]) <= MathUlpBound, $"cos+tanh+ceiling at {i}: {c[i]} vs {cGpu[i]}");
        }
    }

    private static long UlpDistance(float a, float b) => Math.Abs((long)Ordered(BitConverter.SingleToInt32Bits(a)) - Ordered(BitConverter.SingleToInt32Bits(b)));

    private static long UlpDistance(double a, double b)
    {
        long x = BitConverter.DoubleToInt64Bits(a), y = BitConverter.DoubleToInt64Bits(b);
        x = x < 0 ? long.MinValue - x : x;
        y = y < 0 ? long.MinValue - y : y;
        return Math.Abs(x - y);
    }

    private static int Ordered(int bits) => bits < 0 ? int.MinValue - bits : bits;
}

using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.UserKernels;

/// <summary>
/// Kernels as users write them for everyday jobs — image conversion, activations, stencils with boundary tests,
/// interleaved data, counting, table-free interpolation, hashing, saturation, helpers with control flow — written
/// without the lowering in mind. Each must vectorise (no DP3001 for any of these) and give the scalar kernel's
/// results in every configuration: the language is built for such code, not for the samples.
/// </summary>
public sealed class EverydayKernelTests
{
    private const string Kernels = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Gray(int i, ReadOnlySpan<byte> rgb, Span<byte> gray)
                => gray[i] = (byte)((rgb[3 * i] * 77 + rgb[3 * i + 1] * 150 + rgb[3 * i + 2] * 29) >> 8);

            [Parallel]
            public static void LeakyRelu(int i, float alpha, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i] > 0 ? x[i] : alpha * x[i];

            [Parallel]
            public static void Sigmoid(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = 1f / (1f + MathF.Exp(-x[i]));

            [Parallel]
            public static void ClampAll(int i, float lo, float hi, Span<float> x) => x[i] = Math.Clamp(x[i], lo, hi);

            [Parallel]
            public static void Stencil(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                float left = i > 0 ? x[i - 1] : x[i];
                float right = i < x.Length - 1 ? x[i + 1] : x[i];
                y[i] = 0.25f * left + 0.5f * x[i] + 0.25f * right;
            }

            [Parallel]
            public static void ComplexMul(int i, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
            {
                float ar = a[2 * i], ai = a[2 * i + 1], br = b[2 * i], bi = b[2 * i + 1];
                c[2 * i] = ar * br - ai * bi;
                c[2 * i + 1] = ar * bi + ai * br;
            }

            [Parallel(Reduce = Reduction.Sum)]
            public static int CountAbove(int i, float t, ReadOnlySpan<float> x) => x[i] > t ? 1 : 0;

            [Parallel(Reduce = Reduction.Min)]
            public static int FirstNegative(int i, ReadOnlySpan<float> x) => x[i] < 0 ? i : int.MaxValue;

            [Parallel]
            public static void Bilinear(int i, int w, ReadOnlySpan<float> img, ReadOnlySpan<float> u, ReadOnlySpan<float> v, Span<float> y)
            {
                int x0 = (int)u[i], y0 = (int)v[i];
                float fx = u[i] - x0, fy = v[i] - y0;
                float a = img[y0 * w + x0], b = img[y0 * w + x0 + 1], c = img[(y0 + 1) * w + x0], d = img[(y0 + 1) * w + x0 + 1];
                y[i] = (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
            }

            [Parallel]
            public static void Hash(int i, ReadOnlySpan<uint> x, Span<uint> h)
            {
                uint v = x[i];
                v ^= v >> 16; v *= 0x7feb352d; v ^= v >> 15; v *= 0x846ca68b; v ^= v >> 16;
                h[i] = v;
            }

            [Parallel]
            public static void AddSaturate(int i, ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> y) => y[i] = (byte)Math.Min(a[i] + b[i], 255);

            [Parallel]
            public static void Where(int i, ReadOnlySpan<bool> mask, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => y[i] = mask[i] ? a[i] : b[i];

            [Parallel]
            public static void PrefixSum(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                float s = 0;
                for (int j = 0; j <= i; j++)
                    s += x[j];
                y[i] = s;
            }

            [Parallel]
            public static void Smooth(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = SmoothStep(x[i]);

            private static float SmoothStep(float v)
            {
                if (v < 0) return 0;
                if (v > 1) return 1;
                return v * v * (3 - 2 * v);
            }

            [Parallel]
            public static void FloorThird(int i, ReadOnlySpan<double> x, Span<long> y) => y[i] = (long)Math.Floor(x[i] / 3.0);

            [Parallel]
            public static void RowSums(int r, int n, ReadOnlySpan<float> a, Span<float> sums)
            {
                ReadOnlySpan<float> row = a.Slice(r * n, n);
                float t = 0;
                for (int j = 0; j < row.Length; j++)
                    t += row[j];
                sums[r] = t;
            }
        }

        public static class Drivers
        {
            public static void GrayGenerated(byte[] rgb, byte[] gray) => Kernels.Gray(rgb, gray);
            public static void GrayScalar(byte[] rgb, byte[] gray) { for (int i = 0; i < gray.Length; i++) Kernels.Gray(i, rgb, gray); }
            public static void LeakyReluGenerated(float alpha, float[] x, float[] y) => Kernels.LeakyRelu(alpha, x, y);
            public static void LeakyReluScalar(float alpha, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.LeakyRelu(i, alpha, x, y); }
            public static void SigmoidGenerated(float[] x, float[] y) => Kernels.Sigmoid(x, y);
            public static void SigmoidScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Sigmoid(i, x, y); }
            public static void ClampAllGenerated(float lo, float hi, float[] x) => Kernels.ClampAll(lo, hi, x);
            public static void ClampAllScalar(float lo, float hi, float[] x) { for (int i = 0; i < x.Length; i++) Kernels.ClampAll(i, lo, hi, x); }
            public static void StencilGenerated(float[] x, float[] y) => Kernels.Stencil(x, y);
            public static void StencilScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Stencil(i, x, y); }
            public static void ComplexMulGenerated(float[] a, float[] b, float[] c) => Kernels.ComplexMul(0..(c.Length / 2), a, b, c);
            public static void ComplexMulScalar(float[] a, float[] b, float[] c) { for (int i = 0; i < c.Length / 2; i++) Kernels.ComplexMul(i, a, b, c); }
            public static int CountAboveGenerated(float t, float[] x) => Kernels.CountAbove(t, x);
            public static int CountAboveScalar(float t, float[] x) { int n = 0; for (int i = 0; i < x.Length; i++) n += Kernels.CountAbove(i, t, x); return n; }
            public static int FirstNegativeGenerated(float[] x) => Kernels.FirstNegative(x);
            public static int FirstNegativeScalar(float[] x) { int m = int.MaxValue; for (int i = 0; i < x.Length; i++) m = Math.Min(m, Kernels.FirstNegative(i, x)); return m; }
            public static void BilinearGenerated(int w, float[] img, float[] u, float[] v, float[] y) => Kernels.Bilinear(w, img, u, v, y);
            public static void BilinearScalar(int w, float[] img, float[] u, float[] v, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Bilinear(i, w, img, u, v, y); }
            public static void HashGenerated(uint[] x, uint[] h) => Kernels.Hash(x, h);
            public static void HashScalar(uint[] x, uint[] h) { for (int i = 0; i < h.Length; i++) Kernels.Hash(i, x, h); }
            public static void AddSaturateGenerated(byte[] a, byte[] b, byte[] y) => Kernels.AddSaturate(a, b, y);
            public static void AddSaturateScalar(byte[] a, byte[] b, byte[] y) { for (int i = 0; i < y.Length; i++) Kernels.AddSaturate(i, a, b, y); }
            public static void WhereGenerated(bool[] m, float[] a, float[] b, float[] y) => Kernels.Where(m, a, b, y);
            public static void WhereScalar(bool[] m, float[] a, float[] b, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Where(i, m, a, b, y); }
            public static void PrefixSumGenerated(float[] x, float[] y) => Kernels.PrefixSum(x, y);
            public static void PrefixSumScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.PrefixSum(i, x, y); }
            public static void SmoothGenerated(float[] x, float[] y) => Kernels.Smooth(x, y);
            public static void SmoothScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Smooth(i, x, y); }
            public static void FloorThirdGenerated(double[] x, long[] y) => Kernels.FloorThird(x, y);
            public static void FloorThirdScalar(double[] x, long[] y) { for (int i = 0; i < y.Length; i++) Kernels.FloorThird(i, x, y); }
            public static void RowSumsGenerated(int n, float[] a, float[] sums) => Kernels.RowSums(0..sums.Length, n, a, sums);
            public static void RowSumsScalar(int n, float[] a, float[] sums) { for (int r = 0; r < sums.Length; r++) Kernels.RowSums(r, n, a, sums); }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Kernels));

    [Fact]
    public void Every_kernel_vectorises()
    {
        GeneratorRun run = GeneratorHarness.Run(Kernels);
        run.AssertGeneratorDidNotThrow();
        string[] scalarOnly = run.GeneratedSources
            .Where(source => !source.SourceText.ToString().Contains("Execute256(", StringComparison.Ordinal))
            .Select(source => source.HintName)
            .ToArray();
        Assert.True(scalarOnly.Length == 0, "Not vectorised: " + string.Join(", ", scalarOnly));
    }

    private static byte[] Bytes(int length, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public void Gray_reads_interleaved_bytes() => Differential.AssertGeneratedMatchesScalar(Drivers, "Gray",
        size => [Bytes(3 * size, size), new byte[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void LeakyRelu() => Differential.AssertGeneratedMatchesScalar(Drivers, "LeakyRelu",
        size => [0.01f, TestValues.Floats(size, size), new float[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Sigmoid_within_the_exp_bound() => Differential.AssertGeneratedMatchesScalar(Drivers, "Sigmoid",
        size => [TestValues.Floats(size, size), new float[size]], DomainSizes.Standard, ElementComparison.WithinUlps(4));

    [Fact]
    public void Clamp_with_uniform_bounds() => Differential.AssertGeneratedMatchesScalar(Drivers, "ClampAll",
        size => [-1f, 1f, TestValues.Floats(size, size)], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void A_stencil_guarding_its_edges_with_conditionals() => Differential.AssertGeneratedMatchesScalar(Drivers, "Stencil",
        size => [TestValues.Floats(size, size), new float[size]], DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void Interleaved_complex_numbers() => Differential.AssertGeneratedMatchesScalar(Drivers, "ComplexMul",
        size => [TestValues.Floats(2 * size, size), TestValues.Floats(2 * size, size + 1), new float[2 * size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Counting_with_an_int_sum() => Differential.AssertGeneratedMatchesScalar(Drivers, "CountAbove",
        size => [0.5f, TestValues.Floats(size, size)], DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void First_index_with_an_int_min() => Differential.AssertGeneratedMatchesScalar(Drivers, "FirstNegative",
        size => [TestValues.Floats(size, size)], DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void Bilinear_interpolation_gathers_in_bounds_and_throws_like_the_kernel_out_of_them()
    {
        const int width = 20, height = 10;
        Differential.AssertGeneratedMatchesScalar(Drivers, "Bilinear", size =>
        {
            var random = new Random(size);
            float[] u = Enumerable.Range(0, size).Select(_ => (float)(random.NextDouble() * (width - 1.01))).ToArray();
            float[] v = Enumerable.Range(0, size).Select(_ => (float)(random.NextDouble() * (height - 1.01))).ToArray();
            return [width, TestValues.Floats(width * height, size), u, v, new float[size]];
        }, DomainSizes.Standard, ElementComparison.Bitwise);

        float[] far = [0.5f, 30.5f];
        Assert.Throws<IndexOutOfRangeException>(() => Drivers.Invoke("BilinearGenerated", width, new float[width * height], far, new float[] { 0.5f, 9.5f }, new float[2]));
    }

    [Fact]
    public void Unsigned_hashing() => Differential.AssertGeneratedMatchesScalar(Drivers, "Hash",
        size => [TestValues.Integers<uint>(size, size), new uint[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Saturating_byte_addition() => Differential.AssertGeneratedMatchesScalar(Drivers, "AddSaturate",
        size => [Bytes(size, size), Bytes(size, size + 1), new byte[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Selecting_through_a_bool_mask() => Differential.AssertGeneratedMatchesScalar(Drivers, "Where",
        size => [Bytes(size, size).Select(b => b > 127).ToArray(), TestValues.Floats(size, size), TestValues.Floats(size, size + 1), new float[size]],
        DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void A_loop_bounded_by_the_index() => Differential.AssertGeneratedMatchesScalar(Drivers, "PrefixSum",
        size => [TestValues.ModerateFloats(size, size), new float[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void A_helper_with_early_returns() => Differential.AssertGeneratedMatchesScalar(Drivers, "Smooth",
        size => [TestValues.Floats(size, size), new float[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Floor_then_convert_to_long() => Differential.AssertGeneratedMatchesScalar(Drivers, "FloorThird",
        size => [TestValues.ModerateDoubles(size, size, 1e12), new long[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Row_sums_through_a_slice() => Differential.AssertGeneratedMatchesScalar(Drivers, "RowSums",
        size => [7, TestValues.Floats(7 * size, size), new float[size]], DomainSizes.Standard, ElementComparison.Bitwise);
}

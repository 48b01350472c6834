using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Differential tests for the constructs of the kernel language that the SIMD lowering now covers and the other
/// suites did not exercise (issue 3): mixed 32/64-bit and float/double arithmetic, conditionals guarding a division,
/// nested if/else with an early return inside a loop, escape-time loops (Mandelbrot, 2-D; Collatz with break), bool
/// locals, 3-D domains with edges, and accesses only a guard keeps in bounds.
/// </summary>
public sealed class KernelLanguageDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            // ---- mixed widths: int with double, float with double, int with long

            [Parallel]
            public static void IntDouble(int i, double scale, ReadOnlySpan<int> a, ReadOnlySpan<double> b, Span<double> y)
                => y[i] = a[i] * scale + b[i] / (a[i] + 0.5) - i;

            [Parallel]
            public static void FloatDouble(int i, float f, ReadOnlySpan<float> a, ReadOnlySpan<double> b, Span<float> y)
            {
                double wide = a[i] * b[i] + f;          // float promoted to double
                float narrow = (float)wide * a[i];      // back to float, then float arithmetic
                y[i] = narrow + (float)(b[i] - a[i]);
            }

            [Parallel]
            public static void IntLong(int i, int k, ReadOnlySpan<int> a, ReadOnlySpan<long> b, Span<long> y, Span<int> z)
            {
                long product = (long)a[i] * k + b[i];   // int widened before the multiply: no 32-bit overflow
                int wrapped = a[i] * k;                 // 32-bit wraparound
                y[i] = product ^ ((long)wrapped << 7);
                z[i] = (int)(product >> 3) + wrapped;
            }

            [Parallel]
            public static void UIntDoubleFloat(int i, ReadOnlySpan<uint> a, ReadOnlySpan<long> b, Span<double> y, Span<float> z)
            {
                y[i] = a[i] + 0.25 * b[i];
                z[i] = (float)a[i] - (float)b[i];
            }

            // ---- ?: guarding integer division and remainder

            [Parallel]
            public static void GuardedDivision(int i, ReadOnlySpan<int> n, ReadOnlySpan<int> d, Span<int> q, Span<int> r)
            {
                q[i] = d[i] != 0 && (d[i] != -1 || n[i] != int.MinValue) ? n[i] / d[i] : 0;
                r[i] = d[i] == 0 || d[i] == -1 ? -7 : n[i] % d[i];
            }

            [Parallel]
            public static void GuardedDivisionLong(int i, ReadOnlySpan<long> n, ReadOnlySpan<long> d, Span<long> y)
                => y[i] = d[i] > 0 ? n[i] / d[i] + n[i] % d[i] : d[i] < -1 ? n[i] / d[i] : n[i];

            [Parallel]
            public static void GuardedDivisionUInt(int i, ReadOnlySpan<uint> n, ReadOnlySpan<uint> d, Span<uint> y)
                => y[i] = d[i] == 0u ? uint.MaxValue : n[i] / d[i] * 3u + n[i] % d[i];

            [Parallel]
            public static void GuardedDivisionFloat(int i, ReadOnlySpan<float> n, ReadOnlySpan<float> d, Span<float> y)
                => y[i] = d[i] != 0f ? n[i] / d[i] : MathF.CopySign(float.MaxValue, n[i]);

            // ---- nested if/else with an early return inside a loop

            [Parallel]
            public static void NestedBranchesInLoop(int i, int terms, ReadOnlySpan<int> a, ReadOnlySpan<float> b, Span<float> y)
            {
                float acc = b[i];
                for (int k = 0; k < terms; k++)
                {
                    if (a[i] > k)
                    {
                        if (b[i] < -2f)
                            return;                       // this element keeps its old value
                        acc += k * 0.5f;
                    }
                    else if (a[i] == -k)
                    {
                        acc = -acc;
                        continue;
                    }
                    else
                    {
                        if (acc > 8f)
                            break;
                        acc *= 1.5f;
                    }
                    acc -= 0.25f;
                }
                y[i] = acc;
            }

            // ---- escape-time loops

            [Parallel(Dimensions = 2)]
            public static void Mandelbrot(int row, int col, int width, int maxIterations, float x0, float y0, float dx, float dy, Span<int> iterations)
            {
                float cr = x0 + col * dx;
                float ci = y0 + row * dy;
                float zr = 0f, zi = 0f;
                int n = 0;
                while (n < maxIterations && zr * zr + zi * zi <= 4f)
                {
                    float t = zr * zr - zi * zi + cr;
                    zi = 2f * zr * zi + ci;
                    zr = t;
                    n++;
                }
                iterations[row * width + col] = n;
            }

            [Parallel]
            public static void CollatzWithBreak(int i, int limit, ReadOnlySpan<long> start, Span<int> steps, Span<long> peak)
            {
                long n = start[i];
                long highest = n;
                int count = 0;
                while (count < limit)
                {
                    if (n <= 1)
                        break;
                    n = (n & 1) == 0 ? n >> 1 : 3 * n + 1;
                    if (n > highest)
                        highest = n;
                    count++;
                }
                steps[i] = count;
                peak[i] = highest;
            }

            // ---- bool locals

            [Parallel]
            public static void BoolLocals(int i, float limit, ReadOnlySpan<float> x, ReadOnlySpan<int> flags, Span<int> y)
            {
                bool positive = x[i] > 0f;
                bool large = MathF.Abs(x[i]) > limit;
                bool odd = (flags[i] & 1) != 0;
                bool any = false;
                for (int k = 0; k < 3; k++)
                    any |= ((flags[i] >> k) & 1) == 1 && positive;
                bool mixed = positive ^ odd;
                int code = (positive ? 1 : 0) + (large ? 2 : 0) + (mixed ? 4 : 0) + (any ? 8 : 0);
                if (!large && (odd || !positive))
                    code = -code;
                y[i] = positive == odd ? code : code * 3;
            }

            // ---- 3-D domains

            [Parallel(Dimensions = 3)]
            public static void Laplacian3D(int z, int y, int x, int ny, int nx, ReadOnlySpan<float> v, Span<float> o)
            {
                int at = (z * ny + y) * nx + x;
                o[at] = v[at - 1] + v[at + 1] + v[at - nx] + v[at + nx] + v[at - nx * ny] + v[at + nx * ny] - 6f * v[at];
            }

            // A 3×3 box blur over an image's interior: ^1 counts from the row-major extent (rows = length / width).
            [Parallel(Dimensions = 2)]
            public static void Blur(int row, int col, int width, ReadOnlySpan<float> image, Span<float> blurred)
            {
                float sum = 0f;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++)
                        sum += image[(row + dy) * width + col + dx];
                blurred[row * width + col] = sum / 9f;
            }

            [Parallel(Dimensions = 3)]
            public static void Slab3D(int z, int y, int x, int ny, int nx, ReadOnlySpan<long> a, Span<long> o)
            {
                int at = (z * ny + y) * nx + x;
                if (x == 0 || y == 0)
                    return;
                o[at] = a[at] * (z + 1) - x + (long)y * nx;
            }

            [Parallel(Dimensions = 3, Reduce = Reduction.Sum)]
            public static long Sum3D(int z, int y, int x, int ny, int nx, ReadOnlySpan<int> a)
                => a[(z * ny + y) * nx + x] * (long)(x + 1);

            // ---- accesses that only a guard keeps in bounds

            [Parallel]
            public static void ShiftRightGuarded(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                if (i > 0)
                    y[i] = x[i - 1];
            }

            [Parallel]
            public static void ShiftLeftGuarded(int i, int n, ReadOnlySpan<float> x, Span<float> y)
            {
                if (i + 1 < n)
                    y[i] = x[i + 1];
                else
                    y[i] = -1f;
            }

            [Parallel]
            public static void EarlyReturnGuard(int i, ReadOnlySpan<int> x, Span<int> y)
            {
                if (i == 0)
                    return;
                if (i >= x.Length - 2)
                    return;
                y[i] = x[i - 1] + x[i + 2];
            }

            [Parallel]
            public static void ConditionalGuard(int i, ReadOnlySpan<double> x, Span<double> y)
                => y[i] = i >= 3 ? x[i - 3] : i + 0.5;

            [Parallel]
            public static void LengthGuard(int i, ReadOnlySpan<float> x, Span<float> y)
                => y[i] = i + 9 < x.Length ? x[i + 9] : float.NaN;
        }

        public static class Drivers
        {
            public static void IntDoubleGenerated(double scale, int[] a, double[] b, double[] y) => Kernels.IntDouble(scale, a, b, y);
            public static void IntDoubleScalar(double scale, int[] a, double[] b, double[] y) { for (int i = 0; i < y.Length; i++) Kernels.IntDouble(i, scale, a, b, y); }

            public static void FloatDoubleGenerated(float f, float[] a, double[] b, float[] y) => Kernels.FloatDouble(f, a, b, y);
            public static void FloatDoubleScalar(float f, float[] a, double[] b, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.FloatDouble(i, f, a, b, y); }

            public static void IntLongGenerated(int k, int[] a, long[] b, long[] y, int[] z) => Kernels.IntLong(k, a, b, y, z);
            public static void IntLongScalar(int k, int[] a, long[] b, long[] y, int[] z) { for (int i = 0; i < y.Length; i++) Kernels.IntLong(i, k, a, b, y, z); }

            public static void UIntDoubleFloatGenerated(uint[] a, long[] b, double[] y, float[] z) => Kernels.UIntDoubleFloat(a, b, y, z);
            public static void UIntDoubleFloatScalar(uint[] a, long[] b, double[] y, float[] z) { for (int i = 0; i < y.Length; i++) Kernels.UIntDoubleFloat(i, a, b, y, z); }

            public static void GuardedDivisionGenerated(int[] n, int[] d, int[] q, int[] r) => Kernels.GuardedDivision(n, d, q, r);
            public static void GuardedDivisionScalar(int[] n, int[] d, int[] q, int[] r) { for (int i = 0; i < q.Length; i++) Kernels.GuardedDivision(i, n, d, q, r); }

            public static void GuardedDivisionLongGenerated(long[] n, long[] d, long[] y) => Kernels.GuardedDivisionLong(n, d, y);
            public static void GuardedDivisionLongScalar(long[] n, long[] d, long[] y) { for (int i = 0; i < y.Length; i++) Kernels.GuardedDivisionLong(i, n, d, y); }

            public static void GuardedDivisionUIntGenerated(uint[] n, uint[] d, uint[] y) => Kernels.GuardedDivisionUInt(n, d, y);
            public static void GuardedDivisionUIntScalar(uint[] n, uint[] d, uint[] y) { for (int i = 0; i < y.Length; i++) Kernels.GuardedDivisionUInt(i, n, d, y); }

            public static void GuardedDivisionFloatGenerated(float[] n, float[] d, float[] y) => Kernels.GuardedDivisionFloat(n, d, y);
            public static void GuardedDivisionFloatScalar(float[] n, float[] d, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.GuardedDivisionFloat(i, n, d, y); }

            public static void NestedBranchesInLoopGenerated(int terms, int[] a, float[] b, float[] y) => Kernels.NestedBranchesInLoop(terms, a, b, y);
            public static void NestedBranchesInLoopScalar(int terms, int[] a, float[] b, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.NestedBranchesInLoop(i, terms, a, b, y); }

            public static void MandelbrotGenerated(int rows, int cols, int maxIterations, float x0, float y0, float dx, float dy, int[] iterations)
                => Kernels.Mandelbrot(0..rows, 0..cols, cols, maxIterations, x0, y0, dx, dy, iterations);
            public static void MandelbrotScalar(int rows, int cols, int maxIterations, float x0, float y0, float dx, float dy, int[] iterations)
            {
                for (int row = 0; row < rows; row++)
                    for (int col = 0; col < cols; col++)
                        Kernels.Mandelbrot(row, col, cols, maxIterations, x0, y0, dx, dy, iterations);
            }

            public static void CollatzWithBreakGenerated(int limit, long[] start, int[] steps, long[] peak) => Kernels.CollatzWithBreak(limit, start, steps, peak);
            public static void CollatzWithBreakScalar(int limit, long[] start, int[] steps, long[] peak) { for (int i = 0; i < start.Length; i++) Kernels.CollatzWithBreak(i, limit, start, steps, peak); }

            public static void BoolLocalsGenerated(float limit, float[] x, int[] flags, int[] y) => Kernels.BoolLocals(limit, x, flags, y);
            public static void BoolLocalsScalar(float limit, float[] x, int[] flags, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.BoolLocals(i, limit, x, flags, y); }

            // Interior of the volume: one cell of border in every dimension; ^1 counts from the row-major extents
            // (nz = length / (ny * nx)), through the local the kernel indexes with.
            public static void Laplacian3DGenerated(int nz, int ny, int nx, float[] v, float[] o) => Kernels.Laplacian3D(1..^1, 1..^1, 1..^1, ny, nx, v, o);
            public static void Laplacian3DScalar(int nz, int ny, int nx, float[] v, float[] o)
            {
                for (int z = 1; z < nz - 1; z++)
                    for (int y = 1; y < ny - 1; y++)
                        for (int x = 1; x < nx - 1; x++)
                            Kernels.Laplacian3D(z, y, x, ny, nx, v, o);
            }

            public static void BlurGenerated(int rows, int cols, float[] image, float[] blurred) => Kernels.Blur(1..^1, 1..^1, cols, image, blurred);
            public static void BlurScalar(int rows, int cols, float[] image, float[] blurred)
            {
                for (int row = 1; row < rows - 1; row++)
                    for (int col = 1; col < cols - 1; col++)
                        Kernels.Blur(row, col, cols, image, blurred);
            }

            public static void Slab3DGenerated(int nz, int ny, int nx, int z0, int x0, long[] a, long[] o)
                => Kernels.Slab3D(z0..nz, 0..ny, x0..nx, ny, nx, a, o);
            public static void Slab3DScalar(int nz, int ny, int nx, int z0, int x0, long[] a, long[] o)
            {
                for (int z = z0; z < nz; z++)
                    for (int y = 0; y < ny; y++)
                        for (int x = x0; x < nx; x++)
                            Kernels.Slab3D(z, y, x, ny, nx, a, o);
            }

            public static long Sum3DGenerated(int nz, int ny, int nx, int[] a) => Kernels.Sum3D(0..nz, 0..ny, 0..nx, ny, nx, a);
            public static long Sum3DScalar(int nz, int ny, int nx, int[] a)
            {
                long sum = 0;
                for (int z = 0; z < nz; z++)
                    for (int y = 0; y < ny; y++)
                        for (int x = 0; x < nx; x++)
                            sum += Kernels.Sum3D(z, y, x, ny, nx, a);
                return sum;
            }

            public static void ShiftRightGuardedGenerated(float[] x, float[] y) => Kernels.ShiftRightGuarded(0..y.Length, x, y);
            public static void ShiftRightGuardedScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.ShiftRightGuarded(i, x, y); }

            public static void ShiftLeftGuardedGenerated(float[] x, float[] y) => Kernels.ShiftLeftGuarded(0..y.Length, x.Length, x, y);
            public static void ShiftLeftGuardedScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.ShiftLeftGuarded(i, x.Length, x, y); }

            public static void EarlyReturnGuardGenerated(int[] x, int[] y) => Kernels.EarlyReturnGuard(x, y);
            public static void EarlyReturnGuardScalar(int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.EarlyReturnGuard(i, x, y); }

            public static void ConditionalGuardGenerated(double[] x, double[] y) => Kernels.ConditionalGuard(0..y.Length, x, y);
            public static void ConditionalGuardScalar(double[] x, double[] y) { for (int i = 0; i < y.Length; i++) Kernels.ConditionalGuard(i, x, y); }

            public static void LengthGuardGenerated(float[] x, float[] y) => Kernels.LengthGuard(x, y);
            public static void LengthGuardScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.LengthGuard(i, x, y); }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    // ------------------------------------------------------------------ mixed widths

    [Fact]
    public void Int_and_double_mix_like_the_scalar_kernel()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "IntDouble",
            size => [0.37, TestValues.Integers<int>(size, size), TestValues.Doubles(size, size + 1), new double[size]],
            DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void Float_and_double_mix_like_the_scalar_kernel()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "FloatDouble",
            size => [1.25f, TestValues.Floats(size, size), TestValues.Doubles(size, size + 1), TestValues.Floats(size, size + 2)],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Theory]
    [InlineData(3)]
    [InlineData(-65537)]
    [InlineData(int.MaxValue)]
    public void Int_widened_to_long_and_32_bit_wraparound_match(int k)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "IntLong",
            size => [k, TestValues.Integers<int>(size, size), TestValues.Integers<long>(size, size + 1), new long[size], new int[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void UInt_and_long_convert_to_double_and_float_like_the_scalar_kernel()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "UIntDoubleFloat",
            size => [TestValues.Integers<uint>(size, size), TestValues.Integers<long>(size, size + 1), new double[size], new float[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    // ------------------------------------------------------------------ guarded division

    /// <summary>Divisors that are mostly 0 and ±1, with int.MinValue dividends: the guards matter in most lanes.</summary>
    private static int[] AwkwardDivisors(int size, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, size).Select(_ => random.Next(6) switch { 0 => 0, 1 => -1, 2 => 1, 3 => random.Next(-9, 10), _ => random.Next() - int.MaxValue / 2 }).ToArray();
    }

    [Fact]
    public void Conditionals_guarding_int_division_never_divide_by_zero_or_overflow()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "GuardedDivision",
            size => [TestValues.Integers<int>(size, size), AwkwardDivisors(size, size), new int[size], new int[size]],
            DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void Conditionals_guarding_long_division_match()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "GuardedDivisionLong",
            size => [TestValues.Integers<long>(size, size), AwkwardDivisors(size, size + 1).Select(d => (long)d * (d % 3 == 0 ? 1 : 4097)).ToArray(), new long[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Conditionals_guarding_uint_division_match()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "GuardedDivisionUInt",
            size => [TestValues.Integers<uint>(size, size), AwkwardDivisors(size, size + 2).Select(d => unchecked((uint)d)).ToArray(), new uint[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Conditionals_guarding_float_division_match()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "GuardedDivisionFloat",
            size => [TestValues.Floats(size, size), TestValues.Floats(size, size + 1).Select((v, i) => i % 3 == 0 ? (i % 2 == 0 ? 0f : -0f) : v).ToArray(), new float[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    // ------------------------------------------------------------------ control flow

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(6)]
    public void Nested_if_else_with_an_early_return_inside_a_loop_matches(int terms)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "NestedBranchesInLoop",
            size => [terms, TestValues.SmallIntegers<int>(size, size, -7, 8), TestValues.ModerateFloats(size, size + 1, 4f), TestValues.Floats(size, size + 2)],
            DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Theory]
    [InlineData(0, 0, 50)]
    [InlineData(1, 1, 50)]
    [InlineData(3, 7, 0)]
    [InlineData(5, 17, 1)]
    [InlineData(9, 33, 200)]
    [InlineData(31, 64, 100)]
    public void A_Mandelbrot_escape_loop_matches_on_2D_domains(int rows, int cols, int maxIterations)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Mandelbrot",
            _ => [rows, cols, maxIterations, -2.1f, -1.3f, 3f / Math.Max(cols, 1), 2.6f / Math.Max(rows, 1), new int[rows * cols]],
            [0], ElementComparison.Bitwise);

    [Fact]
    public void A_Mandelbrot_escape_loop_matches_on_a_large_image_on_all_cores()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Mandelbrot",
            _ => [300, 401, 64, -2.1f, -1.3f, 3f / 401, 2.6f / 300, new int[300 * 401]],
            [0], ElementComparison.Bitwise);

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(500)]
    public void A_Collatz_loop_with_break_matches(int limit)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "CollatzWithBreak",
            size => [limit, TestValues.SmallIntegers<long>(size, size, -3, 1_000_000), new int[size], new long[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Bool_locals_combine_like_the_scalar_kernel()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "BoolLocals",
            size => [1.5f, TestValues.Floats(size, size), TestValues.Integers<int>(size, size + 1), new int[size]],
            DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    // ------------------------------------------------------------------ 3-D

    [Theory]
    [InlineData(3, 3, 3)]     // a single interior cell
    [InlineData(3, 4, 10)]    // interior rows of 8 (one 256-bit float vector)
    [InlineData(4, 3, 11)]    // 9: one vector and a tail
    [InlineData(5, 6, 2)]     // no interior columns
    [InlineData(2, 5, 40)]    // no interior planes
    [InlineData(6, 7, 37)]
    public void A_3D_stencil_over_the_interior_matches(int nz, int ny, int nx)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Laplacian3D",
            _ => [nz, ny, nx, TestValues.Floats(nz * ny * nx, nx), TestValues.Floats(nz * ny * nx, ny)],
            [0], ElementComparison.Bitwise);

    [Theory]
    [InlineData(3, 3)]
    [InlineData(4, 10)]
    [InlineData(5, 11)]
    [InlineData(9, 2)]
    [InlineData(2, 40)]
    [InlineData(64, 67)]
    public void A_2D_blur_over_the_interior_counts_hat_ranges_from_the_row_major_extent(int rows, int cols)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Blur",
            _ => [rows, cols, TestValues.Floats(rows * cols, cols), TestValues.Floats(rows * cols, rows)],
            [0], ElementComparison.Bitwise);

    [Theory]
    [InlineData(1, 1, 1, 0, 0)]
    [InlineData(3, 2, 17, 1, 0)]
    [InlineData(4, 5, 9, 2, 3)]
    [InlineData(2, 3, 33, 0, 31)]
    [InlineData(0, 3, 8, 0, 0)]
    [InlineData(3, 0, 8, 0, 0)]
    public void A_3D_kernel_with_early_returns_on_partial_ranges_matches(int nz, int ny, int nx, int z0, int x0)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Slab3D",
            _ => [nz, ny, nx, z0, x0, TestValues.Integers<long>(nz * ny * nx, nx), TestValues.Integers<long>(nz * ny * nx, nz)],
            [0], ElementComparison.Bitwise);

    [Theory]
    [InlineData(0, 4, 4)]
    [InlineData(1, 1, 1)]
    [InlineData(2, 3, 7)]
    [InlineData(3, 5, 16)]
    [InlineData(7, 9, 65)]
    [InlineData(40, 50, 60)]
    public void A_3D_sum_matches_exactly(int nz, int ny, int nx)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Sum3D",
            _ => [nz, ny, nx, TestValues.Integers<int>(nz * ny * nx, nz + ny)],
            [0], ElementComparison.Bitwise);

    // ------------------------------------------------------------------ guarded accesses

    [Fact]
    public void A_read_before_the_span_behind_if_index_greater_than_0_stays_guarded()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "ShiftRightGuarded",
            size => [TestValues.Floats(size, size), TestValues.Floats(size, size + 1)],
            DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void A_read_past_the_span_behind_if_index_plus_1_less_than_n_stays_guarded()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "ShiftLeftGuarded",
            size => [TestValues.Floats(size, size), TestValues.Floats(size, size + 1)],
            DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void Reads_guarded_by_earlier_early_returns_match()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "EarlyReturnGuard",
            size => [TestValues.Integers<int>(size, size), TestValues.Integers<int>(size, size + 1)],
            DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void A_read_guarded_by_a_conditional_expression_matches()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "ConditionalGuard",
            size => [TestValues.Doubles(size, size), TestValues.Doubles(size, size + 1)],
            DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void A_read_guarded_by_the_span_length_matches()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "LengthGuard",
            size => [TestValues.Floats(size, size), TestValues.Floats(size, size + 1)],
            DomainSizes.StandardAndLarge, ElementComparison.Bitwise);
}

using System;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Tuple (deconstruction) assignments: every value on the right is computed before any target is assigned, so swaps
/// and simultaneous updates (a complex square, a Fibonacci step) keep their meaning in the vector code. Forms the
/// reader cannot follow run as written, multi-core scalar, and DP3001 names them.
/// </summary>
public sealed class TupleDeconstructionDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void SortPair(int i, Span<float> a, Span<float> b)
            {
                if (a[i] > b[i])
                    (a[i], b[i]) = (b[i], a[i]);
            }

            [Parallel]
            public static void Escape(int i, ReadOnlySpan<float> cx, Span<int> n)
            {
                float x = 0f, y = 0f;
                int k = 0;
                while (k < 64 && x * x + y * y <= 4f)
                {
                    (x, y) = (x * x - y * y + cx[i], 2f * x * y + 0.25f);
                    k++;
                }
                n[i] = k;
            }

            [Parallel]
            public static void Fibonacci(int i, ReadOnlySpan<int> steps, Span<long> f)
            {
                long a = 0, b = 1;
                for (int s = 0; s < (steps[i] & 31); s++)
                    (a, b) = (b, a + b);
                f[i] = a;
            }

            [Parallel]
            public static void Declared(int i, ReadOnlySpan<double> x, ReadOnlySpan<int> m, Span<double> y)
            {
                var (lo, hi) = (x[i] - 1.0, m[i]);
                (double scale, _) = (0.5, lo);
                y[i] = lo * scale + hi;
            }

            [Parallel]
            public static void RowCol(int i, int width, ReadOnlySpan<float> x, Span<float> y)
            {
                (int row, int col) = Math.DivRem(i, width);
                y[i] = x[i] * row + col;
            }

            [Parallel]
            public static void Quotients(int i, ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> q)
            {
                var (d, r) = long.DivRem(a[i], b[i]);
                q[i] = d * 1000 + r;
            }

            [Parallel]
            public static void Widening(int i, ReadOnlySpan<short> s, Span<long> y, Span<float> z)
            {
                long wide;
                float f;
                (wide, f) = (s[i], s[i]);
                (y[i], z[i]) = (wide * 3, f / 7f);
            }
        }

        public static class Drivers
        {
            public static void SortPairGenerated(float[] a, float[] b) => Kernels.SortPair(a, b);
            public static void SortPairScalar(float[] a, float[] b) { for (int i = 0; i < a.Length; i++) Kernels.SortPair(i, a, b); }
            public static void EscapeGenerated(float[] cx, int[] n) => Kernels.Escape(cx, n);
            public static void EscapeScalar(float[] cx, int[] n) { for (int i = 0; i < n.Length; i++) Kernels.Escape(i, cx, n); }
            public static void FibonacciGenerated(int[] steps, long[] f) => Kernels.Fibonacci(steps, f);
            public static void FibonacciScalar(int[] steps, long[] f) { for (int i = 0; i < f.Length; i++) Kernels.Fibonacci(i, steps, f); }
            public static void DeclaredGenerated(double[] x, int[] m, double[] y) => Kernels.Declared(x, m, y);
            public static void DeclaredScalar(double[] x, int[] m, double[] y) { for (int i = 0; i < y.Length; i++) Kernels.Declared(i, x, m, y); }
            public static void RowColGenerated(int width, float[] x, float[] y) => Kernels.RowCol(width, x, y);
            public static void RowColScalar(int width, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.RowCol(i, width, x, y); }
            public static void QuotientsGenerated(long[] a, long[] b, long[] q) => Kernels.Quotients(a, b, q);
            public static void QuotientsScalar(long[] a, long[] b, long[] q) { for (int i = 0; i < q.Length; i++) Kernels.Quotients(i, a, b, q); }
            public static void WideningGenerated(short[] s, long[] y, float[] z) => Kernels.Widening(s, y, z);
            public static void WideningScalar(short[] s, long[] y, float[] z) { for (int i = 0; i < y.Length; i++) Kernels.Widening(i, s, y, z); }
        }
        """;

    private static readonly Lazy<KernelDrivers> s_drivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    private static void Check(string kernel, Func<int, object[]> arguments)
        => Differential.AssertGeneratedMatchesScalar(s_drivers.Value, kernel, arguments, DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void A_swap_under_a_per_index_condition_swaps() => Check("SortPair", size => [TestValues.Floats(size, size), TestValues.Floats(size, size + 1)]);

    [Fact]
    public void Simultaneous_updates_read_the_old_values()
    {
        Check("Escape", size => [TestValues.ModerateFloats(size, size + 2, 2f), new int[size]]);
        Check("Fibonacci", size => [TestValues.Integers<int>(size, size + 3), new long[size]]);
    }

    [Fact]
    public void Declarations_discards_and_conversions_match_the_scalar_kernel()
    {
        Check("Declared", size => [TestValues.Doubles(size, size + 4), TestValues.Integers<int>(size, size + 5), new double[size]]);
        Check("Widening", size => [TestValues.Integers<short>(size, size + 6), new long[size], new float[size]]);
    }

    [Fact]
    public void DivRem_gives_the_quotient_and_remainder_and_throws_where_the_call_throws()
    {
        foreach (int width in new[] { 1, 7, 64 })
            Check("RowCol", size => [width, TestValues.Floats(size, size + 7), new float[size]]);
        Check("Quotients", size => [TestValues.Integers<long>(size, size + 8), TestValues.SmallIntegers<long>(size, size + 9, 1, 1000), new long[size]]);
        long[] b = TestValues.SmallIntegers<long>(100, 10, 1, 50);
        b[61] = 0;
        Assert.Throws<DivideByZeroException>(() => s_drivers.Value.Invoke("QuotientsScalar", new long[100], b, new long[100]));
        Assert.Throws<DivideByZeroException>(() => s_drivers.Value.Invoke("QuotientsGenerated", new long[100], b, new long[100]));
    }

    [Fact]
    public void Every_kernel_here_vectorises() => GeneratorHarness.Run(Source).AssertEveryKernelVectorises();

    [Theory]
    [InlineData("(float s, float c) = MathF.SinCos(x[i]); y[i] = s + c;", "a tuple (deconstruction) assignment from something other than a tuple of scalars written out or Math.DivRem")]
    [InlineData("float a = 0f, b = 0f; ((a, b), y[i]) = ((x[i], 2f), 3f); y[i] += a * b;", "a tuple (deconstruction) assignment from something other than a tuple of scalars written out or Math.DivRem")]
    [InlineData("int k = i; (k, y[k]) = (k + 1, x[i]);", "the tuple assignment target y[k], whose index reads what the same assignment writes")]
    public void Deconstructions_the_reader_cannot_follow_run_scalar_and_say_why(string body, string reason)
    {
        GeneratorHarness.RunKernelBody("ReadOnlySpan<float> x, Span<float> y", body).AssertRunsScalarBecause(reason);
    }
}

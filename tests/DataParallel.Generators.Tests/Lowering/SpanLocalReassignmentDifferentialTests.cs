using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Span locals assigned again after their declaration: in straight-line code the accesses after the assignment go to
/// the new view; under a condition (uniform or per index) the local is a choice between the branches' views after
/// the <c>if</c> (see SpanChoiceDifferentialTests). Inside a loop the view would change per iteration: the kernel
/// runs scalar and DP3001 says so.
/// </summary>
public sealed class SpanLocalReassignmentDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Pick(int i, bool second, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y)
            {
                ReadOnlySpan<float> source = x;
                if (second)
                    source = z;
                y[i] = source[i] * 2f + source.Length;
            }

            [Parallel]
            public static void StraightLine(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y)
            {
                var row = x;
                float a = row[i];
                row = z;
                a -= row[i];
                row = row.Slice(1);
                y[i] = a * row[i] + row[^1];
            }

            [Parallel]
            public static void PerIndex(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> z, ReadOnlySpan<float> w, Span<float> y)
            {
                ReadOnlySpan<float> s = x;
                if (x[i] > 0f)
                    s = z;
                else if (x[i] < -1f)
                    s = w.Slice(2);
                y[i] = s[i] - 1f;
            }

            [Parallel]
            public static void Sequential(int i, int p, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y)
            {
                var s = x;
                if (p > 0)
                    s = z;
                var t = s;
                if (p > 1)
                    t = x.Slice(1);
                y[i] = s[i] + t[i] * 0.5f;
            }

            [Parallel]
            public static void EarlyExit(int i, int k, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y)
            {
                ReadOnlySpan<float> s = x;
                if (k > 0)
                {
                    s = z.Slice(k);
                    if (s[i] < 0f)
                        return;
                }
                y[i] = s[i] + 3f;
            }

            [Parallel]
            public static void InLoopBody(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y)
            {
                float sum = 0f;
                for (int k = 0; k < 3; k++)
                {
                    ReadOnlySpan<float> s = x;
                    if (k == 1)
                        s = z;
                    sum += s[i] * (k + 1);
                }
                y[i] = sum;
            }

            [Parallel]
            public static void Output(int i, bool flip, ReadOnlySpan<float> x, Span<float> y, Span<float> z)
            {
                Span<float> target = y;
                if (flip)
                    target = z;
                target[i] = x[i] + 1f;
            }

            [Parallel(Dimensions = 2)]
            public static void Rows(int r, int c, int n, ReadOnlySpan<float> a, Span<float> b)
            {
                ReadOnlySpan<float> row = a.Slice(r * n, n);
                float first = row[c];
                row = row.Slice(1);
                b[r * n + c] = first + (c < row.Length ? row[c] : 0f);
            }

            [Parallel(Reduce = Reduction.Sum)]
            public static int SumEither(int i, bool second, ReadOnlySpan<int> x, ReadOnlySpan<int> z)
            {
                var s = x;
                if (second)
                    s = z;
                return s[i];
            }
        }

        public static class Drivers
        {
            public static void PickGenerated(bool second, float[] x, float[] z, float[] y) => Kernels.Pick(0..y.Length, second, x, z, y);
            public static void PickScalar(bool second, float[] x, float[] z, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Pick(i, second, x, z, y); }
            public static void StraightLineGenerated(float[] x, float[] z, float[] y) => Kernels.StraightLine(0..y.Length, x, z, y);
            public static void StraightLineScalar(float[] x, float[] z, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.StraightLine(i, x, z, y); }
            public static void PerIndexGenerated(float[] x, float[] z, float[] w, float[] y) => Kernels.PerIndex(x, z, w, y);
            public static void PerIndexScalar(float[] x, float[] z, float[] w, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.PerIndex(i, x, z, w, y); }
            public static void SequentialGenerated(int p, float[] x, float[] z, float[] y) => Kernels.Sequential(0..y.Length, p, x, z, y);
            public static void SequentialScalar(int p, float[] x, float[] z, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Sequential(i, p, x, z, y); }
            public static void EarlyExitGenerated(int k, float[] x, float[] z, float[] y) => Kernels.EarlyExit(0..y.Length, k, x, z, y);
            public static void EarlyExitScalar(int k, float[] x, float[] z, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.EarlyExit(i, k, x, z, y); }
            public static void InLoopBodyGenerated(float[] x, float[] z, float[] y) => Kernels.InLoopBody(x, z, y);
            public static void InLoopBodyScalar(float[] x, float[] z, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.InLoopBody(i, x, z, y); }
            public static void OutputGenerated(bool flip, float[] x, float[] y, float[] z) => Kernels.Output(flip, x, y, z);
            public static void OutputScalar(bool flip, float[] x, float[] y, float[] z) { for (int i = 0; i < x.Length; i++) Kernels.Output(i, flip, x, y, z); }
            public static void RowsGenerated(int m, int n, float[] a, float[] b) => Kernels.Rows(0..m, 0..n, n, a, b);
            public static void RowsScalar(int m, int n, float[] a, float[] b) { for (int r = 0; r < m; r++) for (int c = 0; c < n; c++) Kernels.Rows(r, c, n, a, b); }
            public static int SumEitherGenerated(bool second, int[] x, int[] z) => Kernels.SumEither(second, x, z);
            public static int SumEitherScalar(bool second, int[] x, int[] z) { int s = 0; for (int i = 0; i < x.Length; i++) s += Kernels.SumEither(i, second, x, z); return s; }
        }
        """;

    private static readonly Lazy<KernelDrivers> s_drivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    private static void Check(string kernel, Func<int, object[]> arguments)
        => Differential.AssertGeneratedMatchesScalar(s_drivers.Value, kernel, arguments, DomainSizes.Standard, ElementComparison.Bitwise);

    private static float[] Floats(int size, int seed) => TestValues.Floats(size, seed);

    [Fact]
    public void Straight_line_reassignment_matches_the_scalar_kernel()
    {
        // The last element of the domain reads row[i] = z[i + 1]: z is one longer.
        Check("StraightLine", size => [Floats(size, size), Floats(size + 1, size + 1), new float[size]]);
        Check("Rows", size => [3, size, Floats(3 * size, size + 2), new float[3 * size]]);
    }

    [Fact]
    public void Reassignment_under_a_uniform_condition_matches_the_scalar_kernel()
    {
        foreach (bool second in new[] { false, true })
        {
            Check("Pick", size => [second, Floats(size, size + 3), Floats(size + 2, size + 4), new float[size]]);
            Check("Output", size => [second, Floats(size, size + 5), Floats(size, size + 6), Floats(size, size + 7)]);
            Check("SumEither", size => [second, TestValues.Integers<int>(size, size + 8), TestValues.Integers<int>(size, size + 9)]);
        }
        foreach (int p in new[] { 0, 1, 2 })
            Check("Sequential", size => [p, Floats(size + 1, size + 10), Floats(size, size + 11), new float[size]]);
        foreach (int k in new[] { 0, 3 })
            Check("EarlyExit", size => [k, Floats(size, size + 12), Floats(size + 3, size + 13), new float[size]]);
    }

    [Fact]
    public void Reassignment_under_a_per_index_condition_matches_the_scalar_kernel()
    {
        Check("PerIndex", size => [Floats(size, size + 14), Floats(size, size + 15), Floats(size + 2, size + 16), new float[size]]);
        Check("InLoopBody", size => [Floats(size, size + 17), Floats(size, size + 18), new float[size]]);
    }

    [Fact]
    public void Every_kernel_here_vectorises() => GeneratorHarness.Run(Source).AssertEveryKernelVectorises();

    [Theory]
    [InlineData("var s = x; float sum = 0f; for (int k = 0; k < 2; k++) { sum += s[i]; s = z; } y[i] = sum;", "the span local 's', assigned again inside a loop")]
    [InlineData("var s = x; if (x[i] > 0f) s = z; float t = 0f; foreach (float v in s) t += v; y[i] = t;", "a foreach over 's', which is a different span on each side of an earlier if")]
    public void Reassignments_the_reader_cannot_follow_run_scalar_and_say_why(string body, string reason)
    {
        GeneratorHarness.RunKernelBody("ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y", body).AssertRunsScalarBecause(reason);
    }

    [Fact]
    public void A_slice_taken_by_a_reassignment_checks_its_arguments_before_anything_is_written()
    {
        float[] x = new float[8], z = new float[8], y = new float[8];
        y[0] = 42f;
        // EarlyExit slices z from k: k = 9 is past z's end, which the scalar kernel reports at index 0.
        Assert.ThrowsAny<ArgumentException>(() => s_drivers.Value.Invoke("EarlyExitGenerated", 9, x, z, y));
        Assert.Equal(42f, y[0]);
    }
}

using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Span locals inside kernels: aliases, <c>Slice(start, length)</c>, <c>Slice(start)</c>, ranges with <c>^</c>,
/// slices of slices, <c>.Length</c> of a slice, and a slice taken inside a loop. Every access through them is an
/// access of the underlying parameter at offset + position, vectorised with the same entry proofs as a direct one.
/// </summary>
public sealed class SliceDifferentialTests
{
    internal const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel(Dimensions = 2)]
            public static void RowScale(int r, int c, int n, ReadOnlySpan<float> a, Span<float> b)
            {
                ReadOnlySpan<float> row = a.Slice(r * n, n);
                Span<float> outRow = b.Slice(r * n, n);
                outRow[c] = row[c] * 2f + row.Length;
            }

            [Parallel(Dimensions = 2)]
            public static void RangeRows(int r, int c, int n, ReadOnlySpan<float> a, Span<float> b)
            {
                var row = a[(r * n)..(r * n + n)];
                var outRow = b[(r * n)..];
                outRow[c] = row[c] - row[^1] + outRow.Length;
            }

            [Parallel]
            public static void Alias(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                var y2 = y;
                ReadOnlySpan<float> x2 = x;
                y2[i] = x2[i] * 3f + y2.Length;
            }

            [Parallel]
            public static void Shifted(int i, ReadOnlySpan<int> x, Span<int> y)
            {
                ReadOnlySpan<int> tail = x.Slice(2);
                y[i] = tail[i] * 5 - x[^1] + tail.Length;
            }

            [Parallel(Dimensions = 2)]
            public static void Interior(int r, int c, int n, ReadOnlySpan<int> a, Span<int> b)
            {
                var row = a.Slice(r * n, n);
                var inner = row[1..^1];
                var outRow = b.Slice(r * n, n).Slice(1);
                outRow[c] = inner[c] + inner.Length * 100;
            }

            [Parallel(Dimensions = 2)]
            public static void MatMulRows(int row, int col, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
            {
                ReadOnlySpan<float> aRow = a.Slice(row * k, k);
                float sum = 0;
                for (int p = 0; p < k; p++)
                {
                    ReadOnlySpan<float> bRow = b.Slice(p * n, n);
                    sum += aRow[p] * bRow[col];
                }
                Span<float> cRow = c.Slice(row * n, n);
                cRow[col] = sum;
            }

            static float At(ReadOnlySpan<float> s, int k) => s[k];

            [Parallel]
            public static void LoopWindows(int i, int k, int w, ReadOnlySpan<float> x, Span<float> y)
            {
                float sum = 0f;
                for (int p = 0; p < k; p++)
                {
                    var window = x.Slice(i + p, w);
                    sum += window[0] * window[w - 1];
                }
                y[i] = sum;
            }

            [Parallel(Dimensions = 2)]
            public static void HelperRows(int r, int c, int n, ReadOnlySpan<float> a, Span<float> b)
            {
                var row = a.Slice(r * n, n);
                var outRow = b.Slice(r * n, n);
                var prefix = row[..(c + 1)];
                outRow[c] = At(row, c) * 3f - At(a, r * n + c) + At(prefix, c);
            }

            [Parallel]
            public static void GuardedSlice(int i, int m, ReadOnlySpan<double> x, Span<double> y)
            {
                if (i < m)
                {
                    var head = x[..m];
                    y[i] = head[i] * 0.5;
                }
                else
                {
                    y[i] = -1.0;
                }
            }
        }

        public static class Drivers
        {
            public static void RowScaleGenerated(int m, int n, float[] a, float[] b) => Kernels.RowScale(0..m, 0..n, n, a, b);
            public static void RowScaleScalar(int m, int n, float[] a, float[] b)
            {
                for (int r = 0; r < m; r++)
                    for (int c = 0; c < n; c++)
                        Kernels.RowScale(r, c, n, a, b);
            }

            public static void RangeRowsGenerated(int m, int n, float[] a, float[] b) => Kernels.RangeRows(0..m, 0..n, n, a, b);
            public static void RangeRowsScalar(int m, int n, float[] a, float[] b)
            {
                for (int r = 0; r < m; r++)
                    for (int c = 0; c < n; c++)
                        Kernels.RangeRows(r, c, n, a, b);
            }

            public static void AliasGenerated(float[] x, float[] y) => Kernels.Alias(x, y);
            public static void AliasScalar(float[] x, float[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.Alias(i, x, y);
            }

            public static void ShiftedGenerated(int[] x, int[] y) => Kernels.Shifted(0..y.Length, x, y);
            public static void ShiftedScalar(int[] x, int[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.Shifted(i, x, y);
            }

            public static void InteriorGenerated(int m, int n, int[] a, int[] b) => Kernels.Interior(0..m, 0..(n - 2), n, a, b);
            public static void InteriorScalar(int m, int n, int[] a, int[] b)
            {
                for (int r = 0; r < m; r++)
                    for (int c = 0; c < n - 2; c++)
                        Kernels.Interior(r, c, n, a, b);
            }

            public static void MatMulRowsGenerated(int m, int n, int k, float[] a, float[] b, float[] c) => Kernels.MatMulRows(0..m, 0..n, n, k, a, b, c);
            public static void MatMulRowsScalar(int m, int n, int k, float[] a, float[] b, float[] c)
            {
                for (int row = 0; row < m; row++)
                    for (int col = 0; col < n; col++)
                        Kernels.MatMulRows(row, col, n, k, a, b, c);
            }

            public static void HelperRowsGenerated(int m, int n, float[] a, float[] b) => Kernels.HelperRows(0..m, 0..n, n, a, b);
            public static void HelperRowsScalar(int m, int n, float[] a, float[] b)
            {
                for (int r = 0; r < m; r++)
                    for (int c = 0; c < n; c++)
                        Kernels.HelperRows(r, c, n, a, b);
            }

            public static void LoopWindowsGenerated(int k, int w, float[] x, float[] y) => Kernels.LoopWindows(0..y.Length, k, w, x, y);
            public static void LoopWindowsScalar(int k, int w, float[] x, float[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.LoopWindows(i, k, w, x, y);
            }

            public static void GuardedSliceGenerated(int m, double[] x, double[] y) => Kernels.GuardedSlice(0..y.Length, m, x, y);
            public static void GuardedSliceScalar(int m, double[] x, double[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.GuardedSlice(i, m, x, y);
            }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    public static TheoryData<int, int> Shapes => new() { { 0, 0 }, { 1, 1 }, { 3, 7 }, { 4, 8 }, { 5, 17 }, { 2, 33 }, { 7, 64 } };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Rows_sliced_with_Slice_match_bit_for_bit(int m, int n)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "RowScale",
            _ => [m, n, TestValues.Floats(m * n, seed: m + n), TestValues.Floats(m * n, seed: n)], [0], ElementComparison.Bitwise);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Rows_sliced_with_ranges_match_bit_for_bit(int m, int n)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "RangeRows",
            _ => [m, n, TestValues.Floats(m * n, seed: m - n), TestValues.Floats(m * n + 3, seed: n)], [0], ElementComparison.Bitwise);

    [Fact]
    public void Aliases_of_parameters_match_bit_for_bit()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Alias",
            size => [TestValues.Floats(size, seed: size), TestValues.Floats(size, seed: -size)], DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void A_tail_slice_and_an_index_from_the_end_match_exactly()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Shifted",
            size => [TestValues.Integers<int>(size + 2, seed: size), TestValues.Integers<int>(size, seed: -size)], DomainSizes.Standard.Where(s => s > 0), ElementComparison.Bitwise);

    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 9)]
    [InlineData(4, 10)]
    [InlineData(2, 35)]
    [InlineData(5, 66)]
    public void Slices_of_slices_match_exactly(int m, int n)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Interior",
            _ => [m, n, TestValues.Integers<int>(m * n, seed: n), TestValues.Integers<int>(m * n, seed: m)], [0], ElementComparison.Bitwise);

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 1, 1)]
    [InlineData(3, 7, 5)]
    [InlineData(5, 17, 3)]
    [InlineData(16, 33, 9)]
    public void Slices_taken_inside_a_loop_match_bit_for_bit(int m, int n, int k)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "MatMulRows",
            _ => [m, n, k, TestValues.Floats(m * k, seed: m + k), TestValues.ModerateFloats(k * n, seed: n), new float[m * n]], [0], ElementComparison.Bitwise);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Slices_passed_to_inlined_helpers_match_bit_for_bit(int m, int n)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "HelperRows",
            _ => [m, n, TestValues.Floats(m * n, seed: m * n), TestValues.Floats(m * n, seed: n)], [0], ElementComparison.Bitwise);

    [Theory]
    [InlineData(3, 4)]
    [InlineData(1, 1)]
    [InlineData(0, -1)]   // the loop never runs, so the kernel never takes the (invalid) slice: no exception
    [InlineData(0, 1000)]
    public void Slices_in_a_loop_that_may_not_run_match_bit_for_bit(int k, int w)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "LoopWindows",
            size => [k, w, TestValues.Floats(size + k + System.Math.Max(w, 0), seed: size), TestValues.Floats(size, seed: -size)],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void A_slice_under_a_guard_matches_bit_for_bit()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "GuardedSlice",
            size => [size / 2, TestValues.Doubles(size, seed: size), TestValues.Doubles(size, seed: -size)], DomainSizes.Standard, ElementComparison.Bitwise);
}

/// <summary>The kernels above must get vector bodies: a slice is no reason to fall back to scalar code.</summary>
public sealed class SliceVectorisationTests
{
    [Theory]
    [InlineData("RowScale")]
    [InlineData("RangeRows")]
    [InlineData("Alias")]
    [InlineData("Shifted")]
    [InlineData("Interior")]
    [InlineData("MatMulRows")]
    [InlineData("GuardedSlice")]
    [InlineData("HelperRows")]
    [InlineData("LoopWindows")]
    public void Kernels_with_slices_vectorise(string kernel)
    {
        GeneratorRun run = GeneratorHarness.Run(SliceDifferentialTests.Source);
        run.AssertGeneratorDidNotThrow();
        string generated = string.Join("\n", run.GeneratedSources.Select(source => source.SourceText.ToString()));
        if (System.Environment.GetEnvironmentVariable("DATAPARALLEL_DUMP_GENERATED") is { Length: > 0 } dump)
            System.IO.File.WriteAllText(dump, generated);
        string summary = generated.Split('\n').First(line => line.Contains($"Runs kernel <c>{kernel}</c> over a domain", System.StringComparison.Ordinal));
        Assert.Contains("SIMD on every core", summary, System.StringComparison.Ordinal);
    }
}

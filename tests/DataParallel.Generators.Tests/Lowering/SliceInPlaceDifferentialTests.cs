using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Slices used in place (<c>x.Slice(k)[i]</c>, <c>x[k..][i]</c>, <c>a.Slice(r * n, n)[c]</c>) are taken where their
/// statement runs, with the slice's own checks just before it — in a loop, each iteration; on a side of <c>?:</c>,
/// only where that side is taken — and read like a span local's view.
/// </summary>
public sealed class SliceInPlaceDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Shifted(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x.Slice(1)[i] + x[2..][i];

            [Parallel(Dimensions = 2)]
            public static void Rows(int r, int c, int n, ReadOnlySpan<float> a, Span<float> b) => b.Slice(r * n, n)[c] = a.Slice(r * n, n)[c] * 2f + a[(r * n)..][0];

            [Parallel]
            public static void Taps(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                float sum = 0f;
                for (int k = 0; k < 3; k++)
                    sum += x.Slice(k)[i] * (k + 1);
                y[i] = sum;
            }

            [Parallel]
            public static void Sided(int i, int skip, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i] > 0f ? x.Slice(skip)[i] : -1f;
        }

        public static class Drivers
        {
            public static void ShiftedGenerated(float[] x, float[] y) => Kernels.Shifted(0..y.Length, x, y);
            public static void ShiftedScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Shifted(i, x, y); }
            public static void RowsGenerated(int m, int n, float[] a, float[] b) => Kernels.Rows(0..m, 0..n, n, a, b);
            public static void RowsScalar(int m, int n, float[] a, float[] b) { for (int r = 0; r < m; r++) for (int c = 0; c < n; c++) Kernels.Rows(r, c, n, a, b); }
            public static void TapsGenerated(float[] x, float[] y) => Kernels.Taps(0..y.Length, x, y);
            public static void TapsScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Taps(i, x, y); }
            public static void SidedGenerated(int skip, float[] x, float[] y) => Kernels.Sided(0..y.Length, skip, x, y);
            public static void SidedScalar(int skip, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Sided(i, skip, x, y); }
        }
        """;

    private static readonly Lazy<KernelDrivers> s_drivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    private static void Check(string kernel, Func<int, object[]> arguments)
        => Differential.AssertGeneratedMatchesScalar(s_drivers.Value, kernel, arguments, DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Slices_in_place_match_the_scalar_kernel()
    {
        Check("Shifted", size => [TestValues.Floats(size + 2, size), new float[size]]);
        Check("Rows", size => [3, size, TestValues.Floats(3 * size, size + 1), new float[3 * size]]);
        Check("Taps", size => [TestValues.Floats(size + 2, size + 2), new float[size]]);
    }

    [Fact]
    public void A_slice_on_a_side_of_a_conditional_is_taken_only_where_that_side_is()
    {
        // skip = 1 fits; skip = size + 5 would throw, but only where x[i] > 0: all-negative x never takes the slice.
        Check("Sided", size => [1, TestValues.Floats(size + 1, size + 3), new float[size]]);
        Check("Sided", size => [size + 5, Enumerable.Repeat(-2f, size + 1).ToArray(), new float[size]]);
    }

    [Fact]
    public void Every_kernel_here_vectorises() => GeneratorHarness.Run(Source).AssertEveryKernelVectorises();
}

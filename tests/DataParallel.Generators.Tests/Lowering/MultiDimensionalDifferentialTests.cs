using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// 2-D and 3-D kernels: the last index is vectorised, the others iterate; row-major flattened accesses must
/// land where the scalar kernel's do, including the ragged last vector of every row.
/// </summary>
public sealed class MultiDimensionalDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel(Dimensions = 2)]
            public static void MatMul(int row, int col, int n, int k,
                                      ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
            {
                float sum = 0;
                for (int p = 0; p < k; p++)
                    sum += a[row * k + p] * b[p * n + col];
                c[row * n + col] = sum;
            }

            [Parallel(Dimensions = 3)]
            public static void Volume(int z, int y, int x, int ny, int nx, ReadOnlySpan<int> source, Span<int> target)
                => target[(z * ny + y) * nx + x] = source[(z * ny + y) * nx + x] * 3 + z - y * x;
        }

        public static class Drivers
        {
            public static void MatMulGenerated(int m, int n, int k, float[] a, float[] b, float[] c)
                => Kernels.MatMul(0..m, 0..n, n, k, a, b, c);

            public static void MatMulScalar(int m, int n, int k, float[] a, float[] b, float[] c)
            {
                for (int row = 0; row < m; row++)
                    for (int col = 0; col < n; col++)
                        Kernels.MatMul(row, col, n, k, a, b, c);
            }

            public static void VolumeGenerated(int nz, int ny, int nx, int[] source, int[] target)
                => Kernels.Volume(0..nz, 0..ny, 0..nx, ny, nx, source, target);

            public static void VolumeScalar(int nz, int ny, int nx, int[] source, int[] target)
            {
                for (int z = 0; z < nz; z++)
                    for (int y = 0; y < ny; y++)
                        for (int x = 0; x < nx; x++)
                            Kernels.Volume(z, y, x, ny, nx, source, target);
            }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 1, 1)]
    [InlineData(3, 7, 5)]
    [InlineData(4, 8, 8)]
    [InlineData(5, 17, 3)]
    [InlineData(16, 33, 9)]
    [InlineData(2, 100, 0)]
    public void MatMul_matches_bit_for_bit(int m, int n, int k)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "MatMul",
            _ => [m, n, k, TestValues.Floats(m * k, seed: m + k), TestValues.ModerateFloats(k * n, seed: n), new float[m * n]],
            [0], ElementComparison.Bitwise);

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 3, 17)]
    [InlineData(3, 5, 8)]
    [InlineData(4, 2, 33)]
    public void Volume_matches_exactly(int nz, int ny, int nx)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Volume",
            _ => [nz, ny, nx, TestValues.Integers<int>(nz * ny * nx, seed: nx), new int[nz * ny * nx]],
            [0], ElementComparison.Bitwise);
}

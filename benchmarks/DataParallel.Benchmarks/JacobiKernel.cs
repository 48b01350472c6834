using System;

namespace DataParallel.Benchmarks;

/// <summary>The stencil the partition benchmarks iterate: one Jacobi step of the 2-D Laplace equation.</summary>
public static partial class StencilKernels
{
    /// <summary>b ← the mean of a's four neighbours, over the interior of an n-wide grid.</summary>
    [Parallel(Dimensions = 2)]
    public static void Jacobi(int row, int col, int n, ReadOnlySpan<float> a, Span<float> b)
        => b[row * n + col] = 0.25f * (a[(row - 1) * n + col] + a[(row + 1) * n + col] + a[row * n + col - 1] + a[row * n + col + 1]);
}

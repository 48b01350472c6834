using System;
using DataParallel;

namespace DataParallel.Partitions.Tests;

/// <summary>Kernels the partition tests run both plain and over partitioned arrays.</summary>
public static partial class PartitionKernels
{
    [Parallel]
    public static void Saxpy(int i, float a, ReadOnlySpan<float> x, Span<float> y) => y[i] = a * x[i] + y[i];

    /// <summary>A 1-D three-point stencil over the interior: reads one element of each neighbour.</summary>
    [Parallel]
    public static void Smooth(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = 0.25f * x[i - 1] + 0.5f * x[i] + 0.25f * x[i + 1];

    /// <summary>One Jacobi step of the 2-D Laplace equation over the interior of an n-wide grid.</summary>
    [Parallel(Dimensions = 2)]
    public static void Jacobi(int row, int col, int n, ReadOnlySpan<float> a, Span<float> b)
        => b[row * n + col] = 0.25f * (a[(row - 1) * n + col] + a[(row + 1) * n + col] + a[row * n + col - 1] + a[row * n + col + 1]);

    /// <summary>A 3-D seven-point stencil over the interior of an nz × ny × nx grid, partitioned along z in slabs.</summary>
    [Parallel(Dimensions = 3)]
    public static void Heat(int z, int y, int x, int ny, int nx, ReadOnlySpan<float> a, Span<float> b)
    {
        int at = (z * ny + y) * nx + x, slab = ny * nx;
        b[at] = a[at] * 0.4f + 0.1f * (a[at - slab] + a[at + slab] + a[at - nx] + a[at + nx] + a[at - 1] + a[at + 1]);
    }

    /// <summary>Scales a grid in place: reads and writes only each index's own element.</summary>
    [Parallel(Dimensions = 2)]
    public static void Scale(int row, int col, int n, float s, Span<float> a) => a[row * n + col] *= s;

    /// <summary>A 3×3 box blur over the interior: whole rows per partition, one halo row on each side.</summary>
    [Parallel(Dimensions = 2)]
    public static void Blur(int row, int col, int width, ReadOnlySpan<float> src, Span<float> dst)
    {
        float sum = 0f;
        for (int dr = -1; dr <= 1; dr++)
        {
            for (int dc = -1; dc <= 1; dc++)
                sum += src[(row + dr) * width + col + dc];
        }
        dst[row * width + col] = sum * (1f / 9f);
    }

    /// <summary>Each row of <c>a</c> (k wide) times the weight vector <c>w</c>, which every partition reads whole.</summary>
    [Parallel]
    public static void RowDot(int row, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> w, Span<float> y)
    {
        float sum = 0f;
        for (int p = 0; p < k; p++)
            sum += a[row * k + p] * w[p];
        y[row] = sum;
    }

    /// <summary>A gather through an index array: <c>table</c> is read at data-dependent elements, so it is replicated.</summary>
    [Parallel]
    public static void Lookup(int i, ReadOnlySpan<int> index, ReadOnlySpan<float> table, Span<float> y) => y[i] = table[index[i]];

    /// <summary>Divides by a per-element value: an integer division by zero fails the partition that meets it.</summary>
    [Parallel]
    public static void Divide(int i, ReadOnlySpan<int> x, ReadOnlySpan<int> d, Span<int> y) => y[i] = x[i] / d[i];

    /// <summary>Writes the next element: a partition would write its neighbour's first row.</summary>
    [Parallel]
    public static void ShiftRight(int i, ReadOnlySpan<float> x, Span<float> y) => y[i + 1] = x[i];

    /// <summary>A reduction: not partitioned yet.</summary>
    [Parallel(Reduce = Reduction.Sum)]
    public static float Sum(int i, ReadOnlySpan<float> x) => x[i];

    /// <summary>A scatter through an index array: no partition owns the elements it writes.</summary>
    [Parallel]
    public static void Scatter(int i, ReadOnlySpan<int> index, ReadOnlySpan<float> x, Span<float> y) => y[index[i]] = x[i];
}

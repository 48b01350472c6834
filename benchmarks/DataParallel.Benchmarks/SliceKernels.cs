using System;

namespace DataParallel.Benchmarks;

/// <summary>Kernels written with span locals and slices, twins of the tour's flat-indexed ones in <see cref="Kernels"/>.</summary>
public static partial class SliceKernels
{
    /// <summary><see cref="Kernels.MatMul"/> through row slices of A, B and C.</summary>
    [Parallel(Dimensions = 2)]
    public static void MatMulRows(int row, int col, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
    {
        ReadOnlySpan<float> aRow = a.Slice(row * k, k);
        float sum = 0f;
        for (int p = 0; p < k; p++)
        {
            ReadOnlySpan<float> bRow = b.Slice(p * n, n);
            sum += aRow[p] * bRow[col];
        }
        Span<float> cRow = c.Slice(row * n, n);
        cRow[col] = sum;
    }

    /// <summary>Scales each row: flat indexing.</summary>
    [Parallel(Dimensions = 2)]
    public static void RowScaleFlat(int r, int c, int n, ReadOnlySpan<float> a, Span<float> b)
        => b[r * n + c] = a[r * n + c] * 2f + 1f;

    /// <summary>Scales each row through slices (the example).</summary>
    [Parallel(Dimensions = 2)]
    public static void RowScaleSliced(int r, int c, int n, ReadOnlySpan<float> a, Span<float> b)
    {
        ReadOnlySpan<float> row = a.Slice(r * n, n);
        Span<float> outRow = b[(r * n)..(r * n + n)];
        outRow[c] = row[c] * 2f + 1f;
    }
}

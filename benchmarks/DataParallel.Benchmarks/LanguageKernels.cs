using System;

namespace DataParallel.Benchmarks;

/// <summary>The kernel-language benchmarks' kernels: reductions, 2-D domains with loops, per-lane loops.</summary>
public static partial class Kernels
{
    /// <summary>x·y.</summary>
    [Parallel(Reduce = Reduction.Sum)]
    public static float Dot(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> y) => x[i] * y[i];

    /// <summary>max |xᵢ|.</summary>
    [Parallel(Reduce = Reduction.Max)]
    public static float MaxAbs(int i, ReadOnlySpan<float> x) => MathF.Abs(x[i]);

    /// <summary>C = A·B, row-major, lanes along the columns of C.</summary>
    [Parallel(Dimensions = 2)]
    public static void MatMul(int row, int col, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
    {
        float sum = 0f;
        for (int p = 0; p < k; p++)
            sum += a[row * k + p] * b[p * n + col];
        c[row * n + col] = sum;
    }

    /// <summary>3×3 box blur of an image's interior.</summary>
    [Parallel(Dimensions = 2)]
    public static void Blur(int y, int x, int width, ReadOnlySpan<float> src, Span<float> dst)
    {
        float sum = 0f;
        for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
                sum += src[(y + dy) * width + x + dx];
        dst[y * width + x] = sum / 9f;
    }

    /// <summary>Escape-time Mandelbrot iterations.</summary>
    [Parallel(Dimensions = 2)]
    public static void Mandelbrot(int py, int px, int width, float x0, float y0, float step, int maxIterations, Span<int> iterations)
    {
        float cr = x0 + px * step, ci = y0 + py * step;
        float zr = 0f, zi = 0f;
        int n = 0;
        while (n < maxIterations && zr * zr + zi * zi <= 4f)
        {
            float t = zr * zr - zi * zi + cr;
            zi = 2f * zr * zi + ci;
            zr = t;
            n++;
        }
        iterations[py * width + px] = n;
    }
}

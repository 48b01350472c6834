using ILGPU;
using ILGPU.Algorithms;

namespace DataParallel.GpuRunner;

/// <summary>The baselines: the tour's kernels as one would write them by hand in ILGPU, the last index on X.</summary>
internal static class HandWrittenKernels
{
    public static void Saxpy(Index1D i, float a, ArrayView<float> x, ArrayView<float> y) => y[i] = a * x[i] + y[i];

    public static void Fused(Index1D i, ArrayView<float> x, ArrayView<float> y) => y[i] = XMath.Sqrt(x[i] * x[i] + 1f) * XMath.Exp(-x[i]);

    /// <summary>The dot product in the generated reduction's scheme: one thread folds one block of 256 indices.</summary>
    public static void DotBlocks(Index1D block, int n, ArrayView<float> x, ArrayView<float> y, ArrayView<float> partials)
    {
        int from = block * 256, to = from + 256 < n ? from + 256 : n;
        float sum = 0f;
        for (int i = from; i < to; i++)
            sum += x[i] * y[i];
        partials[block] = sum;
    }

    public static void MatMul(Index2D index, int n, int k, ArrayView<float> a, ArrayView<float> b, ArrayView<float> c)
    {
        int row = index.Y, col = index.X;
        float sum = 0f;
        for (int p = 0; p < k; p++)
            sum += a[row * k + p] * b[p * n + col];
        c[row * n + col] = sum;
    }

    public static void Blur(Index2D index, int width, ArrayView<float> src, ArrayView<float> dst)
    {
        int y = index.Y + 1, x = index.X + 1;
        float sum = 0f;
        for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
                sum += src[(y + dy) * width + x + dx];
        dst[y * width + x] = sum / 9f;
    }

    public static void Mandelbrot(Index2D index, int width, float x0, float y0, float step, int maxIterations, ArrayView<float> iterations)
    {
        int py = index.Y, px = index.X;
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

using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;

namespace DataParallel.Benchmarks.HandWritten;

/// <summary>2-D kernels written by hand: rows on <see cref="Parallel.For(int, int, Action{int})"/>, Vector256 along each row.</summary>
public static class GridVector256
{
    /// <summary>C = A·B (n×n): for each row, broadcast a[row, p] and stream row p of B.</summary>
    public static void MatMul(int n, float[] a, float[] b, float[] c)
        => Parallel.For(0, n, row =>
        {
            ref float br = ref MemoryMarshal.GetArrayDataReference(b);
            ref float cr = ref MemoryMarshal.GetArrayDataReference(c);
            int col = 0;
            for (; col + 8 <= n; col += 8)
            {
                Vector256<float> sum = Vector256<float>.Zero;
                for (int p = 0; p < n; p++)
                    sum += Vector256.Create(a[row * n + p]) * Vector256.LoadUnsafe(ref br, (nuint)(p * n + col));
                sum.StoreUnsafe(ref cr, (nuint)(row * n + col));
            }
            for (; col < n; col++)
            {
                float s = 0f;
                for (int p = 0; p < n; p++)
                    s += a[row * n + p] * b[p * n + col];
                c[row * n + col] = s;
            }
        });

    /// <summary>3×3 box blur of the interior of a width×height image.</summary>
    public static void Blur(int width, int height, float[] src, float[] dst)
        => Parallel.For(1, height - 1, y =>
        {
            ref float s = ref MemoryMarshal.GetArrayDataReference(src);
            ref float d = ref MemoryMarshal.GetArrayDataReference(dst);
            int x = 1;
            Vector256<float> ninth = Vector256.Create(9f);
            for (; x + 8 <= width - 1; x += 8)
            {
                Vector256<float> sum = Vector256<float>.Zero;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++)
                        sum += Vector256.LoadUnsafe(ref s, (nuint)((y + dy) * width + x + dx));
                (sum / ninth).StoreUnsafe(ref d, (nuint)(y * width + x));
            }
            for (; x < width - 1; x++)
            {
                float sum = 0f;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++)
                        sum += src[(y + dy) * width + x + dx];
                dst[y * width + x] = sum / 9f;
            }
        });

    /// <summary>Escape-time Mandelbrot: eight pixels per vector, iterating until all eight have escaped.</summary>
    public static void Mandelbrot(int width, int height, float x0, float y0, float step, int maxIterations, float[] iterations)
        => Parallel.For(0, height, py =>
        {
            ref float it = ref MemoryMarshal.GetArrayDataReference(iterations);
            Vector256<float> ci = Vector256.Create(y0 + py * step);
            Vector256<float> four = Vector256.Create(4f);
            int px = 0;
            for (; px + 8 <= width; px += 8)
            {
                Vector256<float> cr = Vector256.Create(x0) + Vector256.ConvertToSingle(Vector256.Create(px) + Vector256<int>.Indices) * Vector256.Create(step);
                Vector256<float> zr = Vector256<float>.Zero, zi = Vector256<float>.Zero;
                Vector256<int> n = Vector256<int>.Zero;
                for (int k = 0; k < maxIterations; k++)
                {
                    Vector256<int> active = Vector256.LessThanOrEqual(zr * zr + zi * zi, four).AsInt32();
                    if (active == Vector256<int>.Zero)
                        break;
                    Vector256<float> t = zr * zr - zi * zi + cr;
                    zi = Vector256.Create(2f) * zr * zi + ci;
                    zr = t;
                    n -= active;
                }
                Vector256.ConvertToSingle(n).StoreUnsafe(ref it, (nuint)(py * width + px));
            }
            for (; px < width; px++)
                Kernels.Mandelbrot(py, px, width, x0, y0, step, maxIterations, iterations);
        });
}

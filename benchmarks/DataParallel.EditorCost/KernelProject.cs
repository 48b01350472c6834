using System.Collections.Generic;
using System.Text;

namespace DataParallel.EditorCost;

/// <summary>
/// A generated project of <c>files × kernelsPerFile</c> kernels in 16 shapes users write (maps, reductions, masked
/// control flow, per-lane loops, 2-D stencils and matrix products, span locals, helpers), each kernel with a name of
/// its own, so every file is what a real kernels file looks like to the analyzers and the generator.
/// </summary>
internal static class KernelProject
{
    private static readonly string[] Shapes =
    [
        """
        [Parallel]
        public static void Saxpy{0}(int i, float a, ReadOnlySpan<float> x, Span<float> y) => y[i] = a * x[i] + y[i];
        """,
        """
        [Parallel(Reduce = Reduction.Sum)]
        public static float Dot{0}(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> y) => x[i] * y[i];
        """,
        """
        [Parallel]
        public static void Fused{0}(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = MathF.Sqrt(x[i] * x[i] + 1f) * MathF.Exp(-x[i]);
        """,
        """
        [Parallel]
        public static void Polynomial{0}(int i, ReadOnlySpan<double> x, Span<double> y)
        {
            double v = x[i];
            y[i] = ((((0.5 * v + 1.5) * v - 2.0) * v + 3.0) * v - 4.0) * v + 5.0;
        }
        """,
        """
        [Parallel]
        public static void Clamp{0}(int i, float lo, float hi, ReadOnlySpan<float> x, Span<float> y)
        {
            float v = x[i];
            if (v < lo) v = lo;
            else if (v > hi) v = hi;
            y[i] = v;
        }
        """,
        """
        [Parallel(Reduce = Reduction.Max)]
        public static float MaxAbs{0}(int i, ReadOnlySpan<float> x) => MathF.Abs(x[i]);
        """,
        """
        [Parallel(Dimensions = 2)]
        public static void MatMul{0}(int row, int col, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
        {
            float sum = 0;
            for (int p = 0; p < k; p++)
                sum += a[row * k + p] * b[p * n + col];
            c[row * n + col] = sum;
        }
        """,
        """
        [Parallel(Dimensions = 2)]
        public static void Blur{0}(int y, int x, int width, ReadOnlySpan<float> src, Span<float> dst)
        {
            if (y == 0 || x == 0 || x >= width - 1 || y >= src.Length / width - 1)
                return;
            float s = 0;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                    s += src[(y + dy) * width + x + dx];
            dst[y * width + x] = s / 9f;
        }
        """,
        """
        [Parallel(Dimensions = 2)]
        public static void Mandelbrot{0}(int row, int col, int width, float scale, int maxIterations, Span<int> counts)
        {
            float cr = col * scale - 2f, ci = row * scale - 1f, zr = 0, zi = 0;
            int n = 0;
            while (n < maxIterations && zr * zr + zi * zi <= 4f)
            {
                (zr, zi) = (zr * zr - zi * zi + cr, 2f * zr * zi + ci);
                n++;
            }
            counts[row * width + col] = n;
        }
        """,
        """
        [Parallel]
        public static void Threshold{0}(int i, int limit, ReadOnlySpan<int> x, Span<int> y)
            => y[i] = x[i] > limit ? x[i] - limit : 0;
        """,
        """
        [Parallel(Reduce = Reduction.Sum)]
        public static long CountAbove{0}(int i, int limit, ReadOnlySpan<int> x) => x[i] > limit ? 1 : 0;
        """,
        """
        [Parallel]
        public static void Window{0}(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y)
        {
            float s = 0;
            for (int k = 0; k < w.Length; k++)
                s += x[i + k] * w[k];
            y[i] = s;
        }
        """,
        """
        [Parallel(Dimensions = 2)]
        public static void Transpose{0}(int r, int c, int n, ReadOnlySpan<double> a, Span<double> t) => t[c * n + r] = a[r * n + c];
        """,
        """
        [Parallel]
        public static void Rows{0}(int i, int n, ReadOnlySpan<float> a, Span<float> y)
        {
            ReadOnlySpan<float> row = a.Slice(i * n, n);
            float s = 0;
            for (int j = 0; j < n; j++)
                s += row[j];
            y[i] = s;
        }
        """,
        """
        [Parallel]
        public static void Hash{0}(int i, ReadOnlySpan<uint> x, Span<uint> y)
        {
            uint h = x[i] * 2654435761u;
            h ^= h >> 16;
            y[i] = h + (uint)BitOperations.PopCount(h);
        }
        """,
        """
        [Parallel]
        public static void Smooth{0}(int i, ReadOnlySpan<float> x, Span<float> y)
            => y[i] = Lerp(x[i], x[Math.Min(i + 1, x.Length - 1)], 0.25f);
        """,
    ];

    /// <summary>Number of kernel shapes, one of each per file when a file holds as many kernels.</summary>
    public static int ShapeCount => Shapes.Length;

    /// <summary>The source of file <paramref name="file"/>: <paramref name="kernels"/> kernels, shapes in turn.</summary>
    public static string File(int file, int kernels)
    {
        var text = new StringBuilder();
        text.AppendLine("using System;");
        text.AppendLine("using System.Numerics;");
        text.AppendLine("using DataParallel;");
        text.AppendLine();
        text.AppendLine("namespace Project;");
        text.AppendLine();
        text.AppendLine($"public static partial class Kernels{file}");
        text.AppendLine("{");
        text.AppendLine("    private static float Lerp(float a, float b, float t) => a + (b - a) * t;");
        for (int k = 0; k < kernels; k++)
        {
            text.AppendLine();
            string kernel = string.Format(Shapes[(file * kernels + k) % Shapes.Length].Replace("{", "{{").Replace("}", "}}").Replace("{{0}}", "{0}"), $"_{file}_{k}");
            foreach (string line in kernel.Split('\n'))
                text.AppendLine("    " + line.TrimEnd('\r'));
        }
        text.AppendLine("}");
        return text.ToString();
    }

    public static IEnumerable<string> Files(int files, int kernelsPerFile)
    {
        for (int f = 0; f < files; f++)
            yield return File(f, kernelsPerFile);
    }
}

using System;

namespace DataParallel.Tour;

/// <summary>
/// The kernels of the tour. Each method is ordinary C#: call it for every index in order and you have its meaning.
/// <c>[Parallel]</c> makes the generator add, in this type, entry points without the index parameter that run
/// the whole domain vectorised on every core: <c>Saxpy(a, x, y)</c>, <c>Fused(x, y)</c>, <c>Polynomial(c0, …, x, y)</c>.
/// </summary>
public static partial class Kernels
{
    /// <summary>y ← a·x + y, the classic BLAS level-1 kernel: two loads, one store, two flops per element.</summary>
    [Parallel]
    public static void Saxpy(int i, float a, ReadOnlySpan<float> x, Span<float> y)
        => y[i] = a * x[i] + y[i];

    /// <summary>
    /// y ← √(x² + 1) · e⁻ˣ: an expression a library composes from five separate passes over memory, and a kernel
    /// runs in one.
    /// </summary>
    [Parallel]
    public static void Fused(int i, ReadOnlySpan<float> x, Span<float> y)
        => y[i] = MathF.Sqrt(x[i] * x[i] + 1f) * MathF.Exp(-x[i]);

    /// <summary>y ← c₅x⁵ + c₄x⁴ + c₃x³ + c₂x² + c₁x + c₀, by Horner's rule; the coefficients are the same for every element.</summary>
    [Parallel]
    public static void Polynomial(int i, float c0, float c1, float c2, float c3, float c4, float c5,
                                  ReadOnlySpan<float> x, Span<float> y)
    {
        float t = x[i];
        y[i] = ((((c5 * t + c4) * t + c3) * t + c2) * t + c1) * t + c0;
    }
}

/// <summary>The kernels of the whole kernel language: reductions, 2-D domains with loops, per-lane loops, training.</summary>
public static partial class Kernels
{
    /// <summary>x·y: a Sum reduction, per-lane partials combined in a fixed order (the same bits on any core count).</summary>
    [Parallel(Reduce = Reduction.Sum)]
    public static float Dot(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> y) => x[i] * y[i];

    /// <summary>max |xᵢ|: a Max reduction; exact whatever the grouping.</summary>
    [Parallel(Reduce = Reduction.Max)]
    public static float MaxAbs(int i, ReadOnlySpan<float> x) => MathF.Abs(x[i]);

    /// <summary>C = A·B for row-major matrices: a 2-D domain, an inner loop with uniform bounds, column lanes.</summary>
    [Parallel(Dimensions = 2)]
    public static void MatMul(int row, int col, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
    {
        float sum = 0f;
        for (int p = 0; p < k; p++)
            sum += a[row * k + p] * b[p * n + col];
        c[row * n + col] = sum;
    }

    /// <summary>A 3×3 box blur of an image's interior, run as <c>Blur(1..^1, 1..^1, width, src, dst)</c>.</summary>
    [Parallel(Dimensions = 2)]
    public static void Blur(int y, int x, int width, ReadOnlySpan<float> src, Span<float> dst)
    {
        float sum = 0f;
        for (int dy = -1; dy <= 1; dy++)
            for (int dx = -1; dx <= 1; dx++)
                sum += src[(y + dy) * width + x + dx];
        dst[y * width + x] = sum / 9f;
    }

    /// <summary>Escape-time iterations of the Mandelbrot set: every lane loops until its own point escapes.</summary>
    [Parallel(Dimensions = 2)]
    public static void Mandelbrot(int py, int px, int width, float x0, float y0, float step, int maxIterations, Span<float> iterations)
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

    /// <summary>
    /// Gravitational acceleration of body i from all n bodies, softened so that a body's own pull is zero. Every
    /// lane runs the whole inner loop, whose reads of body j are the same for all lanes.
    /// </summary>
    [Parallel]
    public static void Gravity(int i, float softening, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z, ReadOnlySpan<float> mass,
        Span<float> ax, Span<float> ay, Span<float> az)
    {
        float xi = x[i], yi = y[i], zi = z[i];
        float sumX = 0f, sumY = 0f, sumZ = 0f;
        for (int j = 0; j < x.Length; j++)
        {
            float dx = x[j] - xi, dy = y[j] - yi, dz = z[j] - zi;
            float inverse = 1f / MathF.Sqrt(dx * dx + dy * dy + dz * dz + softening);
            float strength = mass[j] * inverse * inverse * inverse;
            sumX += strength * dx;
            sumY += strength * dy;
            sumZ += strength * dz;
        }
        ax[i] = sumX;
        ay[i] = sumY;
        az[i] = sumZ;
    }

    /// <summary>
    /// Logistic regression, forward pass: pᵢ = σ(xᵢ·w). The samples are stored feature by feature
    /// (<c>samples[f * count + i]</c>), so neighbouring lanes read neighbouring floats.
    /// </summary>
    [Parallel]
    public static void Predict(int i, int count, int features, ReadOnlySpan<float> samples, ReadOnlySpan<float> weights, Span<float> probabilities)
    {
        float z = 0f;
        for (int f = 0; f < features; f++)
            z += samples[f * count + i] * weights[f];
        probabilities[i] = 1f / (1f + MathF.Exp(-z));
    }

    /// <summary>Logistic regression, one gradient component: Σᵢ (pᵢ − yᵢ)·xᵢⱼ, a reduction over the samples.</summary>
    [Parallel(Reduce = Reduction.Sum)]
    public static float Gradient(int i, int feature, int count, ReadOnlySpan<float> samples, ReadOnlySpan<float> probabilities, ReadOnlySpan<float> labels)
        => (probabilities[i] - labels[i]) * samples[feature * count + i];
}

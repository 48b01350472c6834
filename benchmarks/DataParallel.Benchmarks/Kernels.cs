using System;

namespace DataParallel.Benchmarks;

/// <summary>
/// The kernels under measurement, exactly as a user writes them. The generator adds the entry points the
/// <c>Generated</c> benchmarks call; the <c>Scalar</c> benchmarks call these methods in a plain loop.
/// </summary>
public static partial class Kernels
{
    /// <summary>y ← a·x + y.</summary>
    [Parallel]
    public static void Saxpy(int i, float a, ReadOnlySpan<float> x, Span<float> y)
        => y[i] = a * x[i] + y[i];

    /// <summary>y ← √(x² + 1) · e⁻ˣ.</summary>
    [Parallel]
    public static void Fused(int i, ReadOnlySpan<float> x, Span<float> y)
        => y[i] = MathF.Sqrt(x[i] * x[i] + 1f) * MathF.Exp(-x[i]);

    /// <summary>y ← c₅x⁵ + c₄x⁴ + c₃x³ + c₂x² + c₁x + c₀, by Horner's rule.</summary>
    [Parallel]
    public static void Polynomial(int i, float c0, float c1, float c2, float c3, float c4, float c5,
                                  ReadOnlySpan<float> x, Span<float> y)
    {
        float t = x[i];
        y[i] = ((((c5 * t + c4) * t + c3) * t + c2) * t + c1) * t + c0;
    }
}

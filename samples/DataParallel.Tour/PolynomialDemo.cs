using System;

namespace DataParallel.Tour;

/// <summary>
/// A degree-5 polynomial by Horner's rule, coefficients uniform. Ten flops per element; without FastMath the
/// generator keeps every multiply and add separate, so the result is the scalar loop's, bit for bit.
/// </summary>
internal sealed class PolynomialDemo : KernelDemo
{
    // Taylor coefficients of sin(x): a polynomial someone might actually evaluate.
    private const float C0 = 0f, C1 = 1f, C2 = 0f, C3 = -1f / 6, C4 = 0f, C5 = 1f / 120;

    private readonly float[] _x;
    private readonly float[] _y;

    public PolynomialDemo(int elements, Random random)
        : base("Polynomial", "degree 5, Horner", Tolerance.Bitwise)
    {
        _x = RandomFloats.Uniform(random, elements, -MathF.PI, MathF.PI);
        _y = new float[elements];
    }

    public override ReadOnlySpan<float> Output => _y;

    public override void RunScalar()
    {
        ReadOnlySpan<float> x = _x;
        Span<float> y = _y;
        for (int i = 0; i < y.Length; i++)
            Kernels.Polynomial(i, C0, C1, C2, C3, C4, C5, x, y);
    }

    public override void RunGenerated() => Kernels.Polynomial(C0, C1, C2, C3, C4, C5, _x, _y);
}

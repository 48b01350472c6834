using System;

namespace DataParallel.Tour;

/// <summary>
/// y ← √(x² + 1) · e⁻ˣ. Compute-bound: vectorised <c>Exp</c> and <c>Sqrt</c> on every core. <c>Exp</c> is
/// transcendental, so the vector version may round differently from <see cref="MathF.Exp"/> by a few ulp.
/// </summary>
internal sealed class FusedDemo : KernelDemo
{
    private readonly float[] _x;
    private readonly float[] _y;

    public FusedDemo(int elements, Random random)
        : base("Fused", "√(x²+1)·e⁻ˣ", Tolerance.Ulps(4))
    {
        // e⁻ˣ stays a normal float over this range, so the check compares ordinary values, not underflow.
        _x = RandomFloats.Uniform(random, elements, -8f, 8f);
        _y = new float[elements];
    }

    public override ReadOnlySpan<float> Output => _y;

    public override void RunScalar()
    {
        ReadOnlySpan<float> x = _x;
        Span<float> y = _y;
        for (int i = 0; i < y.Length; i++)
            Kernels.Fused(i, x, y);
    }

    public override void RunGenerated() => Kernels.Fused(_x, _y);
}

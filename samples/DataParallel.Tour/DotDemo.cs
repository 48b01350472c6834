using System;

namespace DataParallel.Tour;

/// <summary>
/// x·y as a Sum reduction. The generated version adds in its own fixed grouping (per lane, per chunk), so it is
/// checked against an accurate reference: the scalar loop accumulating the kernel's values in double (a float
/// accumulator loses digits once the sum passes 2²⁴ and would be the less accurate of the two).
/// </summary>
internal sealed class DotDemo : KernelDemo
{
    private readonly float[] _x;
    private readonly float[] _y;
    private readonly float[] _result = new float[1];

    public DotDemo(int elements, Random random)
        : base("Dot", "Σ xᵢ·yᵢ (Sum)", Tolerance.Relative(1e-4))
    {
        _x = RandomFloats.Uniform(random, elements, 0f, 1f);
        _y = RandomFloats.Uniform(random, elements, 0f, 1f);
        Elements = elements;
    }

    public override int Elements { get; }

    public override ReadOnlySpan<float> Output => _result;

    public override void RunScalar()
    {
        ReadOnlySpan<float> x = _x, y = _y;
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
            sum += Kernels.Dot(i, x, y);
        _result[0] = (float)sum;
    }

    public override void RunGenerated() => _result[0] = Kernels.Dot(_x, _y);
}

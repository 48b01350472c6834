using System;

namespace DataParallel.Tour;

/// <summary>max |xᵢ| as a Max reduction: any grouping gives the same maximum, so the check is bitwise.</summary>
internal sealed class MaxAbsDemo : KernelDemo
{
    private readonly float[] _x;
    private readonly float[] _result = new float[1];

    public MaxAbsDemo(int elements, Random random)
        : base("Max-abs", "max |xᵢ| (Max)", Tolerance.Bitwise)
    {
        _x = RandomFloats.Uniform(random, elements, -1000f, 1000f);
        Elements = elements;
    }

    public override int Elements { get; }

    public override ReadOnlySpan<float> Output => _result;

    public override void RunScalar()
    {
        ReadOnlySpan<float> x = _x;
        float max = float.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
            max = Math.Max(max, Kernels.MaxAbs(i, x));
        _result[0] = max;
    }

    public override void RunGenerated() => _result[0] = Kernels.MaxAbs(_x);
}

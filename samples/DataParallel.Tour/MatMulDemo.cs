using System;

namespace DataParallel.Tour;

/// <summary>
/// C = A·B, n×n: a 2-D kernel whose lanes are columns of C. Each element's dot product runs in the same order in
/// both versions, so the check is bitwise.
/// </summary>
internal sealed class MatMulDemo : KernelDemo
{
    private readonly int _n;
    private readonly float[] _a;
    private readonly float[] _b;
    private readonly float[] _c;

    public MatMulDemo(int n, Random random)
        : base("MatMul", $"C = A·B, {n}×{n}", Tolerance.Bitwise)
    {
        _n = n;
        _a = RandomFloats.Uniform(random, n * n, -1f, 1f);
        _b = RandomFloats.Uniform(random, n * n, -1f, 1f);
        _c = new float[n * n];
    }

    public override ReadOnlySpan<float> Output => _c;

    public override void RunScalar()
    {
        for (int row = 0; row < _n; row++)
            for (int col = 0; col < _n; col++)
                Kernels.MatMul(row, col, _n, _n, _a, _b, _c);
    }

    public override void RunGenerated() => Kernels.MatMul(0.._n, 0.._n, _n, _n, _a, _b, _c);
}

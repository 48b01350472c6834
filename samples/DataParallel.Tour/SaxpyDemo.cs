using System;

namespace DataParallel.Tour;

/// <summary>y ← a·x + y. Memory-bound: the win comes from using every core's share of memory bandwidth.</summary>
internal sealed class SaxpyDemo : KernelDemo
{
    private const float A = 2.5f;

    private readonly float[] _x;
    private readonly float[] _initialY;
    private readonly float[] _y;

    public SaxpyDemo(int elements, Random random)
        : base("SAXPY", "y = a·x + y", Tolerance.Bitwise)
    {
        _x = RandomFloats.Uniform(random, elements, -1f, 1f);
        _initialY = RandomFloats.Uniform(random, elements, -1f, 1f);
        _y = new float[elements];
        ResetOutput();
    }

    public override ReadOnlySpan<float> Output => _y;

    public override void ResetOutput() => _initialY.CopyTo(_y, 0);

    public override void RunScalar()
    {
        // Spans in locals, as anyone writing this loop would: the JIT then keeps them in registers instead of
        // reloading the array fields on every iteration.
        ReadOnlySpan<float> x = _x;
        Span<float> y = _y;
        for (int i = 0; i < y.Length; i++)
            Kernels.Saxpy(i, A, x, y);
    }

    public override void RunGenerated() => Kernels.Saxpy(A, _x, _y);
}

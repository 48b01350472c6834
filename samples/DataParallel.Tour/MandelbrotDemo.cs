using System;

namespace DataParallel.Tour;

/// <summary>
/// Escape-time Mandelbrot: each lane runs its own number of iterations; the vector loop runs until every lane's
/// point has escaped, under a mask of the lanes still going.
/// </summary>
internal sealed class MandelbrotDemo : KernelDemo
{
    private const float X0 = -2.2f, Y0 = -1.2f;
    private const int MaxIterations = 256;

    private readonly int _width;
    private readonly int _height;
    private readonly float _step;
    private readonly float[] _iterations;

    public MandelbrotDemo(int width, int height)
        : base("Mandelbrot", $"escape time ≤ {MaxIterations}, {width}×{height}", Tolerance.Bitwise)
    {
        _width = width;
        _height = height;
        _step = 3.2f / width;
        _iterations = new float[width * height];
    }

    public override ReadOnlySpan<float> Output => _iterations;

    public override void RunScalar()
    {
        for (int py = 0; py < _height; py++)
            for (int px = 0; px < _width; px++)
                Kernels.Mandelbrot(py, px, _width, X0, Y0, _step, MaxIterations, _iterations);
    }

    public override void RunGenerated() => Kernels.Mandelbrot(0.._height, 0.._width, _width, X0, Y0, _step, MaxIterations, _iterations);
}

using System;

namespace DataParallel.Tour;

/// <summary>
/// A 3×3 box blur of an image's interior. <c>1..^1</c> counts from the image's row-major extents (rows =
/// length / width), so the call reads like the loop bounds it replaces.
/// </summary>
internal sealed class BlurDemo : KernelDemo
{
    private readonly int _width;
    private readonly int _height;
    private readonly float[] _source;
    private readonly float[] _blurred;

    public BlurDemo(int width, int height, Random random)
        : base("Blur", $"3×3 box, {width}×{height} interior", Tolerance.Bitwise)
    {
        _width = width;
        _height = height;
        _source = RandomFloats.Uniform(random, width * height, 0f, 1f);
        _blurred = new float[width * height];
    }

    public override ReadOnlySpan<float> Output => _blurred;

    public override void RunScalar()
    {
        for (int y = 1; y < _height - 1; y++)
            for (int x = 1; x < _width - 1; x++)
                Kernels.Blur(y, x, _width, _source, _blurred);
    }

    public override void RunGenerated() => Kernels.Blur(1..^1, 1..^1, _width, _source, _blurred);
}

using System;

namespace DataParallel.Tour;

/// <summary>
/// The same blur over partitioned arrays: the image cut into whole rows over a host set of 2 partitions, each
/// running the generated SIMD multi-core code over its rows after copying the row above and below its block from its
/// neighbour (docs/guides/partitions.md). The result must equal the scalar loop bit for bit, like the plain call's.
/// </summary>
internal sealed class PartitionedBlurDemo : KernelDemo
{
    private readonly int _width;
    private readonly int _height;
    private readonly float[] _source;
    private readonly float[] _scalar;
    private readonly float[] _gathered;
    private readonly DeviceSet _devices;
    private readonly PartitionedArray<float> _partitionedSource;
    private readonly PartitionedArray<float> _partitionedBlurred;
    private bool _lastRunPartitioned;

    public PartitionedBlurDemo(int width, int height, Random random)
        : base("Blur, 2 partitions", $"the same blur over DeviceSet.Host(2), {width}×{height}", Tolerance.Bitwise)
    {
        _width = width;
        _height = height;
        _source = RandomFloats.Uniform(random, width * height, 0f, 1f);
        _scalar = new float[width * height];
        _gathered = new float[width * height];
        // The tour runs to the end of the process, which frees the set and its arrays.
        _devices = DeviceSet.Host(partitions: 2);
        _partitionedSource = _devices.Partition(_source, rowLength: width);
        _partitionedBlurred = _devices.Allocate<float>(width * height, rowLength: width);
    }

    /// <summary>The scalar loop's output, or the partitioned one gathered from the partitions.</summary>
    public override ReadOnlySpan<float> Output
    {
        get
        {
            if (!_lastRunPartitioned)
                return _scalar;
            _partitionedBlurred.CopyTo(_gathered);
            return _gathered;
        }
    }

    public override void RunScalar()
    {
        _lastRunPartitioned = false;
        for (int y = 1; y < _height - 1; y++)
            for (int x = 1; x < _width - 1; x++)
                Kernels.Blur(y, x, _width, _source, _scalar);
    }

    public override void RunGenerated()
    {
        _lastRunPartitioned = true;
        Kernels.Blur(_devices, 1..^1, 1..^1, _width, _partitionedSource, _partitionedBlurred);
    }
}

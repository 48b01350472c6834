using BenchmarkDotNet.Attributes;

namespace DataParallel.Benchmarks;

/// <summary>
/// A host set of 2 partitions against the plain entry point (the measures: ≤ 5 % over plain on 16M-float
/// SAXPY and the 2048² blur). <see cref="PartitionCases"/> has the same comparison interleaved, for noisy machines,
/// and the halo refresh's share of a Jacobi step.
/// </summary>
public class PartitionBenchmarks
{
    private const float A = 2.5f;
    private const int Image = 2048;

    private float[] _x = [], _y = [], _picture = [], _blurred = [];
    private DeviceSet _devices = null!;
    private PartitionedArray<float> _px = null!, _py = null!, _src = null!, _dst = null!;

    [Params(true, false)]
    public bool RestoreOnFailure { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _x = RandomFloats.Uniform(Sizes.Memory, -1f, 1f, seed: 1);
        _y = RandomFloats.Uniform(Sizes.Memory, -1f, 1f, seed: 2);
        _picture = RandomFloats.Uniform(Image * Image, 0f, 1f, seed: 6);
        _blurred = new float[Image * Image];
        _devices = DeviceSet.Host(2);
        _devices.RestoreOnFailure = RestoreOnFailure;
        _px = _devices.Partition(_x);
        _py = _devices.Partition(_y);
        _src = _devices.Partition(_picture, rowLength: Image);
        _dst = _devices.Allocate<float>(Image * Image, rowLength: Image);
    }

    [GlobalCleanup]
    public void Cleanup() => _devices.Dispose();

    [Benchmark(Baseline = true)]
    public void SaxpyPlain() => Kernels.Saxpy(A, _x, _y);

    [Benchmark]
    public void SaxpyTwoPartitions() => Kernels.Saxpy(_devices, A, _px, _py);

    [Benchmark]
    public void BlurPlain() => Kernels.Blur(1..^1, 1..^1, Image, _picture, _blurred);

    [Benchmark]
    public void BlurTwoPartitions() => Kernels.Blur(_devices, 1..^1, 1..^1, Image, _src, _dst);
}

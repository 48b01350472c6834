using System;
using System.Numerics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using DataParallel.Benchmarks.HandWritten;
// The benchmark methods named TensorPrimitives hide the class of that name inside these classes.
using TensorMath = System.Numerics.Tensors.TensorPrimitives;

namespace DataParallel.Benchmarks;

/// <summary>
/// Population count per element: the scalar loop uses the POPCNT instruction, one per element; the vector forms
/// count eight lanes with about a dozen operations.
/// </summary>
public class BitCountBenchmarks
{
    private uint[] _x = [];
    private int[] _counts = [];
    private uint[] _unsignedCounts = [];

    [Params(Sizes.L1, Sizes.Cache, Sizes.Memory)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _x = new uint[N];
        for (int i = 0; i < N; i++)
            _x[i] = (uint)random.NextInt64() >> random.Next(32);
        _counts = new int[N];
        _unsignedCounts = new uint[N];
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        ReadOnlySpan<uint> x = _x;
        Span<int> counts = _counts;
        for (int i = 0; i < counts.Length; i++)
            BitCountKernels.PopCount(i, x, counts);
    }

    [Benchmark]
    public void NaiveParallelFor()
    {
        uint[] x = _x;
        int[] counts = _counts;
        Parallel.For(0, counts.Length, i => counts[i] = BitOperations.PopCount(x[i]));
    }

    [Benchmark]
    public void Vector256ParallelFor()
        => ChunkedParallelFor.Run(_counts.Length, (start, length) => PopCountVector256.Run(_x.AsSpan(start, length), _counts.AsSpan(start, length)));

    [Benchmark]
    public void Vector256SingleThread() => PopCountVector256.Run(_x, _counts);

    [Benchmark]
    public void TensorPrimitives() => TensorMath.PopCount<uint>(_x, _unsignedCounts);

    [Benchmark]
    public void Generated() => BitCountKernels.PopCount(_x, _counts);
}

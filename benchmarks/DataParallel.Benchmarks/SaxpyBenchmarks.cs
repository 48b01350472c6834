using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using DataParallel.Benchmarks.HandWritten;
// The benchmark methods named TensorPrimitives hide the class of that name inside these classes.
using TensorMath = System.Numerics.Tensors.TensorPrimitives;

namespace DataParallel.Benchmarks;

/// <summary>y ← a·x + y: memory-bound, so what counts is streaming memory on every core.</summary>
public class SaxpyBenchmarks
{
    private const float A = 2.5f;

    private float[] _x = [];
    private float[] _y = [];

    [Params(Sizes.L1, Sizes.Cache, Sizes.Memory)]
    public int N { get; set; }

    // y grows by at most |a| per invocation, so no amount of iterations takes it anywhere near overflow.
    [GlobalSetup]
    public void Setup()
    {
        _x = RandomFloats.Uniform(N, -1f, 1f, seed: 1);
        _y = RandomFloats.Uniform(N, -1f, 1f, seed: 2);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        ReadOnlySpan<float> x = _x;
        Span<float> y = _y;
        for (int i = 0; i < y.Length; i++)
            Kernels.Saxpy(i, A, x, y);
    }

    [Benchmark]
    public void NaiveParallelFor()
    {
        float[] x = _x, y = _y;
        Parallel.For(0, y.Length, i => y[i] = A * x[i] + y[i]);
    }

    [Benchmark]
    public void Vector256ParallelFor()
        => ChunkedParallelFor.Run(_y.Length, (start, length) =>
            SaxpyVector256.Run(A, _x.AsSpan(start, length), _y.AsSpan(start, length)));

    [Benchmark]
    public void Vector256SingleThread() => SaxpyVector256.Run(A, _x, _y);

    [Benchmark]
    public void TensorPrimitives() => TensorMath.MultiplyAdd(_x, A, _y, _y);

    [Benchmark]
    public void Generated() => Kernels.Saxpy(A, _x, _y);
}

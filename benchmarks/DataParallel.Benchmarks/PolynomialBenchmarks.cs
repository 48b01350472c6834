using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using DataParallel.Benchmarks.HandWritten;
// The benchmark methods named TensorPrimitives hide the class of that name inside these classes.
using TensorMath = System.Numerics.Tensors.TensorPrimitives;

namespace DataParallel.Benchmarks;

/// <summary>A degree-5 polynomial by Horner's rule with uniform coefficients: ten flops per element loaded.</summary>
public class PolynomialBenchmarks
{
    // Taylor coefficients of sin(x).
    private const float C0 = 0f, C1 = 1f, C2 = 0f, C3 = -1f / 6, C4 = 0f, C5 = 1f / 120;

    private float[] _x = [];
    private float[] _y = [];

    [Params(Sizes.L1, Sizes.Cache, Sizes.Memory)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _x = RandomFloats.Uniform(N, -MathF.PI, MathF.PI);
        _y = new float[N];
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        ReadOnlySpan<float> x = _x;
        Span<float> y = _y;
        for (int i = 0; i < y.Length; i++)
            Kernels.Polynomial(i, C0, C1, C2, C3, C4, C5, x, y);
    }

    [Benchmark]
    public void NaiveParallelFor()
    {
        float[] x = _x, y = _y;
        Parallel.For(0, y.Length, i =>
        {
            float t = x[i];
            y[i] = ((((C5 * t + C4) * t + C3) * t + C2) * t + C1) * t + C0;
        });
    }

    [Benchmark]
    public void Vector256ParallelFor()
        => ChunkedParallelFor.Run(_y.Length, (start, length) =>
            PolynomialVector256.Run(C0, C1, C2, C3, C4, C5, _x.AsSpan(start, length), _y.AsSpan(start, length)));

    [Benchmark]
    public void Vector256SingleThread() => PolynomialVector256.Run(C0, C1, C2, C3, C4, C5, _x, _y);

    [Benchmark]
    public void TensorPrimitives()
    {
        // Horner's rule as a chain of passes: start from c5, then y ← y·x + c for c4 … c0.
        _y.AsSpan().Fill(C5);
        TensorMath.MultiplyAdd(_y, _x, C4, _y);
        TensorMath.MultiplyAdd(_y, _x, C3, _y);
        TensorMath.MultiplyAdd(_y, _x, C2, _y);
        TensorMath.MultiplyAdd(_y, _x, C1, _y);
        TensorMath.MultiplyAdd(_y, _x, C0, _y);
    }

    [Benchmark]
    public void Generated() => Kernels.Polynomial(C0, C1, C2, C3, C4, C5, _x, _y);
}

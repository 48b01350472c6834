using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using DataParallel.Benchmarks.HandWritten;
// The benchmark methods named TensorPrimitives hide the class of that name inside these classes.
using TensorMath = System.Numerics.Tensors.TensorPrimitives;

namespace DataParallel.Benchmarks;

/// <summary>
/// y ← √(x² + 1) · e⁻ˣ: compute-bound in a kernel that does it in one pass; a library composition makes six
/// passes over memory instead.
/// </summary>
public class FusedBenchmarks
{
    private float[] _x = [];
    private float[] _y = [];
    private float[] _scratch = [];

    [Params(Sizes.L1, Sizes.Cache, Sizes.Memory)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _x = RandomFloats.Uniform(N, -8f, 8f);
        _y = new float[N];
        // The library composition needs one temporary the size of the data; allocating it here keeps that cost
        // out of the measurement, as a program that reuses its buffers would.
        _scratch = new float[N];
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        ReadOnlySpan<float> x = _x;
        Span<float> y = _y;
        for (int i = 0; i < y.Length; i++)
            Kernels.Fused(i, x, y);
    }

    [Benchmark]
    public void NaiveParallelFor()
    {
        float[] x = _x, y = _y;
        Parallel.For(0, y.Length, i => y[i] = MathF.Sqrt(x[i] * x[i] + 1f) * MathF.Exp(-x[i]));
    }

    [Benchmark]
    public void Vector256ParallelFor()
        => ChunkedParallelFor.Run(_y.Length, (start, length) =>
            FusedVector256.Run(_x.AsSpan(start, length), _y.AsSpan(start, length)));

    [Benchmark]
    public void Vector256SingleThread() => FusedVector256.Run(_x, _y);

    [Benchmark]
    public void TensorPrimitives()
    {
        // Each call is vectorised, but each is a separate pass over the data.
        TensorMath.Multiply(_x, _x, _y);        // x²
        TensorMath.Add(_y, 1f, _y);             // x² + 1
        TensorMath.Sqrt(_y, _y);                // √(x² + 1)
        TensorMath.Negate(_x, _scratch);        // -x
        TensorMath.Exp(_scratch, _scratch);     // e⁻ˣ
        TensorMath.Multiply(_y, _scratch, _y);  // √(x² + 1) · e⁻ˣ
    }

    [Benchmark]
    public void Generated() => Kernels.Fused(_x, _y);
}

using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using DataParallel.Benchmarks.HandWritten;
using TensorMath = System.Numerics.Tensors.TensorPrimitives;

namespace DataParallel.Benchmarks;

/// <summary>x·y: a Sum reduction against hand-written Vector256 on every core and TensorPrimitives.Dot split over the cores.</summary>
public class DotBenchmarks
{
    private float[] _x = [];
    private float[] _y = [];

    [Params(Sizes.Cache, Sizes.Memory)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _x = RandomFloats.Uniform(N, 0f, 1f, seed: 1);
        _y = RandomFloats.Uniform(N, 0f, 1f, seed: 2);
    }

    [Benchmark(Baseline = true)]
    public float Scalar()
    {
        ReadOnlySpan<float> x = _x, y = _y;
        float sum = 0f;
        for (int i = 0; i < x.Length; i++)
            sum += Kernels.Dot(i, x, y);
        return sum;
    }

    [Benchmark]
    public float Vector256ParallelFor()
        => ReductionVector256.Parallel(_x, _y, static (x, y, start, length) => ReductionVector256.Dot(x.AsSpan(start, length), y.AsSpan(start, length)), static (a, b) => a + b, 0f);

    [Benchmark]
    public float TensorPrimitivesParallel()
        => ReductionVector256.Parallel(_x, _y, static (x, y, start, length) => TensorMath.Dot(x.AsSpan(start, length), y.AsSpan(start, length)), static (a, b) => a + b, 0f);

    [Benchmark]
    public float TensorPrimitives() => TensorMath.Dot(_x, _y);

    [Benchmark]
    public float Generated() => Kernels.Dot(_x, _y);
}

/// <summary>max |xᵢ|: a Max reduction.</summary>
public class MaxAbsBenchmarks
{
    private float[] _x = [];

    [Params(Sizes.Cache, Sizes.Memory)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _x = RandomFloats.Uniform(N, -1000f, 1000f, seed: 3);

    [Benchmark(Baseline = true)]
    public float Scalar()
    {
        ReadOnlySpan<float> x = _x;
        float max = float.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
            max = Math.Max(max, Kernels.MaxAbs(i, x));
        return max;
    }

    [Benchmark]
    public float Vector256ParallelFor()
        => ReductionVector256.Parallel(_x, _x, static (x, _, start, length) => ReductionVector256.MaxAbs(x.AsSpan(start, length)), Math.Max, float.NegativeInfinity);

    [Benchmark]
    public float Generated() => Kernels.MaxAbs(_x);
}

/// <summary>2-D kernels: matrix multiply (inner uniform loop), 3×3 blur, Mandelbrot (per-lane trip counts).</summary>
public class GridBenchmarks
{
    private const int MatrixSize = 256;
    private const int ImageSize = 2048;
    private const int FractalWidth = 1024, FractalHeight = 768, MaxIterations = 256;
    private const float X0 = -2.2f, Y0 = -1.2f, Step = 3.2f / FractalWidth;

    private float[] _a = [], _b = [], _c = [];
    private float[] _image = [], _blurred = [];
    private float[] _iterations = [];

    [GlobalSetup]
    public void Setup()
    {
        _a = RandomFloats.Uniform(MatrixSize * MatrixSize, -1f, 1f, seed: 4);
        _b = RandomFloats.Uniform(MatrixSize * MatrixSize, -1f, 1f, seed: 5);
        _c = new float[MatrixSize * MatrixSize];
        _image = RandomFloats.Uniform(ImageSize * ImageSize, 0f, 1f, seed: 6);
        _blurred = new float[ImageSize * ImageSize];
        _iterations = new float[FractalWidth * FractalHeight];
    }

    [Benchmark]
    [BenchmarkCategory("MatMul")]
    public void MatMulVector256ParallelFor() => GridVector256.MatMul(MatrixSize, _a, _b, _c);

    [Benchmark]
    [BenchmarkCategory("MatMul")]
    public void MatMulGenerated() => Kernels.MatMul(0..MatrixSize, 0..MatrixSize, MatrixSize, MatrixSize, _a, _b, _c);

    [Benchmark]
    [BenchmarkCategory("Blur")]
    public void BlurVector256ParallelFor() => GridVector256.Blur(ImageSize, ImageSize, _image, _blurred);

    [Benchmark]
    [BenchmarkCategory("Blur")]
    public void BlurGenerated() => Kernels.Blur(1..^1, 1..^1, ImageSize, _image, _blurred);

    [Benchmark]
    [BenchmarkCategory("Mandelbrot")]
    public void MandelbrotScalarSingleThread()
    {
        for (int py = 0; py < FractalHeight; py++)
            for (int px = 0; px < FractalWidth; px++)
                Kernels.Mandelbrot(py, px, FractalWidth, X0, Y0, Step, MaxIterations, _iterations);
    }

    [Benchmark]
    [BenchmarkCategory("Mandelbrot")]
    public void MandelbrotVector256ParallelFor() => GridVector256.Mandelbrot(FractalWidth, FractalHeight, X0, Y0, Step, MaxIterations, _iterations);

    [Benchmark]
    [BenchmarkCategory("Mandelbrot")]
    public void MandelbrotGenerated() => Kernels.Mandelbrot(0..FractalHeight, 0..FractalWidth, FractalWidth, X0, Y0, Step, MaxIterations, _iterations);
}

/// <summary>
/// All-pairs gravity: an inner loop over every body for each body. Its trip count is the data's length, which the
/// generated entry point reads to decide on threads; at 1,024 bodies a guessed trip count kept the call on one thread.
/// </summary>
public class GravityBenchmarks
{
    private const float Softening = 1e-3f;
    private float[] _x = [], _y = [], _z = [], _mass = [];
    private float[] _ax = [], _ay = [], _az = [];

    [Params(1024, 4096)]
    public int Bodies { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _x = RandomFloats.Uniform(Bodies, -1f, 1f, seed: 7);
        _y = RandomFloats.Uniform(Bodies, -1f, 1f, seed: 8);
        _z = RandomFloats.Uniform(Bodies, -1f, 1f, seed: 9);
        _mass = RandomFloats.Uniform(Bodies, 0.5f, 1.5f, seed: 10);
        _ax = new float[Bodies];
        _ay = new float[Bodies];
        _az = new float[Bodies];
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        for (int i = 0; i < Bodies; i++)
            Kernels.Gravity(i, Softening, _x, _y, _z, _mass, _ax, _ay, _az);
    }

    [Benchmark]
    public void Vector256ParallelFor() => GravityVector256.Run(Softening, _x, _y, _z, _mass, _ax, _ay, _az);

    [Benchmark]
    public void Generated() => Kernels.Gravity(Softening, _x, _y, _z, _mass, _ax, _ay, _az);
}

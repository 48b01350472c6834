using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using DataParallel.Benchmarks.HandWritten;
using TensorMath = System.Numerics.Tensors.TensorPrimitives;

namespace DataParallel.Benchmarks;

/// <summary>
/// A min-of-N comparison for a shared, noisy machine: each case times the generated entry point and its baseline
/// alternately in one process, many times, and reports the minimum and median time per call of each and their
/// ratios. BenchmarkDotNet runs one method after another, so load that comes and goes between them shows up as a
/// difference between methods; here both sides see the same load, and the minimum shows what each can do.
/// </summary>
/// <remarks>Run with <c>dotnet run -c Release -- --interleaved [substring] [--reps N]</c>.</remarks>
public static class InterleavedHarness
{
    private const float A = 2.5f;
    private const float C0 = 0f, C1 = 1f, C2 = 0f, C3 = -1f / 6, C4 = 0f, C5 = 1f / 120;

    internal sealed record Case(string Name, string BaselineName, int Size, Action Generated, Action Baseline);

    /// <summary>Runs every case whose name contains <paramref name="filter"/> (all when empty).</summary>
    public static void Run(string filter, int reps)
    {
        Console.WriteLine($"{Environment.ProcessorCount} cores, load average {LoadAverage()}, {reps} interleaved samples per case");
        Console.WriteLine($"{"case",-26} {"baseline",-22} {"gen min",10} {"base min",10} {"min ratio",9} {"gen med",10} {"base med",10} {"med ratio",9}");
        foreach (Case c in Cases().Where(c => c.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)))
            Measure(c, reps);
        Console.WriteLine($"load average {LoadAverage()}; ratio = baseline time / generated time (> 1: generated faster)");
    }

    private static IEnumerable<Case> Cases()
    {
        foreach (int n in new[] { Sizes.L1, Sizes.Cache, Sizes.Memory })
        {
            float[] x = RandomFloats.Uniform(n, -1f, 1f, seed: 1), y = RandomFloats.Uniform(n, -1f, 1f, seed: 2);
            string size = SizeName(n);
            if (n == Sizes.L1)
            {
                // A domain so small that the time is nearly all per-call overhead: checks, settings, dispatch.
                float[] x64 = x[..64], y64 = y[..64];
                yield return new("Saxpy 64", "Vector256 1 thread", 64,
                    () => Kernels.Saxpy(A, x64, y64), () => SaxpyVector256.Run(A, x64, y64));
                yield return new($"Saxpy {size}", "Vector256 1 thread", n,
                    () => Kernels.Saxpy(A, x, y), () => SaxpyVector256.Run(A, x, y));
                yield return new($"Polynomial {size}", "Vector256 1 thread", n,
                    () => Kernels.Polynomial(C0, C1, C2, C3, C4, C5, x, y), () => PolynomialVector256.Run(C0, C1, C2, C3, C4, C5, x, y));
                yield return new($"Fused {size}", "Vector256 1 thread", n,
                    () => Kernels.Fused(x, y), () => FusedVector256.Run(x, y));
                float[] scratch = new float[n];
                yield return new($"Fused {size}", "TensorPrimitives", n,
                    () => Kernels.Fused(x, y), () => FusedTensorPrimitives(x, y, scratch));
                continue;
            }
            yield return new($"Saxpy {size}", "Vector256 Parallel.For", n,
                () => Kernels.Saxpy(A, x, y),
                () => ChunkedParallelFor.Run(y.Length, (start, length) => SaxpyVector256.Run(A, x.AsSpan(start, length), y.AsSpan(start, length))));
            yield return new($"Fused {size}", "Vector256 Parallel.For", n,
                () => Kernels.Fused(x, y),
                () => ChunkedParallelFor.Run(y.Length, (start, length) => FusedVector256.Run(x.AsSpan(start, length), y.AsSpan(start, length))));
            yield return new($"Polynomial {size}", "Vector256 Parallel.For", n,
                () => Kernels.Polynomial(C0, C1, C2, C3, C4, C5, x, y),
                () => ChunkedParallelFor.Run(y.Length, (start, length) => PolynomialVector256.Run(C0, C1, C2, C3, C4, C5, x.AsSpan(start, length), y.AsSpan(start, length))));
            yield return new($"Dot {size}", "Vector256 Parallel.For", n,
                () => Kernels.Dot(x, y),
                () => ReductionVector256.Parallel(x, y, static (x, y, start, length) => ReductionVector256.Dot(x.AsSpan(start, length), y.AsSpan(start, length)), static (a, b) => a + b, 0f));
            yield return new($"MaxAbs {size}", "Vector256 Parallel.For", n,
                () => Kernels.MaxAbs(x),
                () => ReductionVector256.Parallel(x, x, static (x, _, start, length) => ReductionVector256.MaxAbs(x.AsSpan(start, length)), Math.Max, float.NegativeInfinity));
            // The same kernels on one thread each side: separates the quality of the loops from the scheduling.
            yield return new($"Saxpy {size} 1 thread", "Vector256 1 thread", n,
                () => OneThread(() => Kernels.Saxpy(A, x, y)), () => SaxpyVector256.Run(A, x, y));
            yield return new($"Dot {size} 1 thread", "Vector256 1 thread", n,
                () => OneThread(() => Kernels.Dot(x, y)), () => ReductionVector256.Dot(x, y));
            yield return new($"MaxAbs {size} 1 thread", "Vector256 1 thread", n,
                () => OneThread(() => Kernels.MaxAbs(x)), () => ReductionVector256.MaxAbs(x));
        }
        foreach (Case grid in GridCases())
            yield return grid;
        foreach (Case partitioned in PartitionCases.All())
            yield return partitioned;
    }

    /// <summary>The 2-D kernels of the language benchmarks, at the same sizes as <see cref="GridBenchmarks"/>.</summary>
    private static IEnumerable<Case> GridCases()
    {
        const int matrix = 256, image = 2048, fractalWidth = 1024, fractalHeight = 768, maxIterations = 256;
        const float x0 = -2.2f, y0 = -1.2f, step = 3.2f / fractalWidth;
        float[] a = RandomFloats.Uniform(matrix * matrix, -1f, 1f, seed: 4), b = RandomFloats.Uniform(matrix * matrix, -1f, 1f, seed: 5);
        float[] c = new float[matrix * matrix];
        yield return new("MatMul 256²", "Vector256 Parallel.For", matrix * matrix,
            () => Kernels.MatMul(0..matrix, 0..matrix, matrix, matrix, a, b, c), () => GridVector256.MatMul(matrix, a, b, c));
        float[] picture = RandomFloats.Uniform(image * image, 0f, 1f, seed: 6), blurred = new float[image * image];
        yield return new("Blur 2048²", "Vector256 Parallel.For", image * image,
            () => Kernels.Blur(1..^1, 1..^1, image, picture, blurred), () => GridVector256.Blur(image, image, picture, blurred));
        float[] iterations = new float[fractalWidth * fractalHeight];
        yield return new("Mandelbrot 1024×768", "Vector256 Parallel.For", fractalWidth * fractalHeight,
            () => Kernels.Mandelbrot(0..fractalHeight, 0..fractalWidth, fractalWidth, x0, y0, step, maxIterations, iterations),
            () => GridVector256.Mandelbrot(fractalWidth, fractalHeight, x0, y0, step, maxIterations, iterations));
        foreach (int bodies in new[] { 1024, 4096 })
        {
            const float softening = 1e-3f;
            float[] bx = RandomFloats.Uniform(bodies, -1f, 1f, seed: 7), by = RandomFloats.Uniform(bodies, -1f, 1f, seed: 8);
            float[] bz = RandomFloats.Uniform(bodies, -1f, 1f, seed: 9), mass = RandomFloats.Uniform(bodies, 0.5f, 1.5f, seed: 10);
            float[] ax = new float[bodies], ay = new float[bodies], az = new float[bodies];
            // Size: the interactions, so the batch stays near the others' duration.
            yield return new($"Gravity {bodies}", "Vector256 Parallel.For", bodies * bodies / 4,
                () => Kernels.Gravity(softening, bx, by, bz, mass, ax, ay, az),
                () => GravityVector256.Run(softening, bx, by, bz, mass, ax, ay, az));
        }
    }

    private static void OneThread(Action action)
    {
        using (DataParallelSettings.Override(maxDegreeOfParallelism: 1))
            action();
    }

    private static void FusedTensorPrimitives(float[] x, float[] y, float[] scratch)
    {
        TensorMath.Multiply(x, x, y);
        TensorMath.Add(y, 1f, y);
        TensorMath.Sqrt(y, y);
        TensorMath.Negate(x, scratch);
        TensorMath.Exp(scratch, scratch);
        TensorMath.Multiply(y, scratch, y);
    }

    private static void Measure(Case c, int reps)
    {
        // Batches long enough (~0.2 ms) that the clock's resolution does not matter, short enough that many fit.
        int batch = Math.Max(1, (int)(200_000L / Math.Max(c.Size / 16, 1)));
        // Warm up by time, not by count: tier-1 code replaces tier-0 and OSR code only after a method has been
        // called 30 times and the runtime has seen ~100 ms without new tier-0 activity. A count-based warm-up of a
        // short case measured the generated chunk bodies at tier 0 (Dot 1M: 0.37× with tiering, 0.99× without).
        long warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 3 / 4;
        for (int warm = 0; warm < 50 || Stopwatch.GetTimestamp() < warmUntil; warm++)
        {
            c.Generated();
            c.Baseline();
        }
        Thread.Sleep(250);
        for (int warm = 0; warm < 10; warm++)
        {
            c.Generated();
            c.Baseline();
        }
        var generated = new double[reps];
        var baseline = new double[reps];
        for (int r = 0; r < reps; r++)
        {
            // Alternate which side goes first, so neither always follows the other's cache footprint.
            if ((r & 1) == 0)
            {
                generated[r] = Time(c.Generated, batch);
                baseline[r] = Time(c.Baseline, batch);
            }
            else
            {
                baseline[r] = Time(c.Baseline, batch);
                generated[r] = Time(c.Generated, batch);
            }
        }
        Array.Sort(generated);
        Array.Sort(baseline);
        double gMin = generated[0], bMin = baseline[0], gMed = generated[reps / 2], bMed = baseline[reps / 2];
        Console.WriteLine($"{c.Name,-26} {c.BaselineName,-22} {Format(gMin),10} {Format(bMin),10} {bMin / gMin,9:F2} {Format(gMed),10} {Format(bMed),10} {bMed / gMed,9:F2}");
    }

    private static double Time(Action action, int batch)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < batch; i++)
            action();
        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / batch;
    }

    private static string Format(double ns) => ns >= 1e6 ? $"{ns / 1e6:F2} ms" : ns >= 1e3 ? $"{ns / 1e3:F1} µs" : $"{ns:F0} ns";

    private static string SizeName(int n) => n >= 1 << 20 ? $"{n >> 20}M" : $"{n >> 10}K";

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', System.IO.File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}

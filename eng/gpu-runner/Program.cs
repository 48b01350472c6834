using System;
using System.Linq;
using DataParallel.GpuRunner;
using DataParallel.Tour;
using ILGPU;
using ILGPU.Runtime;

// The GPU runner (eng/gpu-runner.sh): on the best accelerator present (CUDA on a GPU machine; ILGPU's CPU accelerator
// elsewhere, with --quick for sizes it can run), the generated GPU entry points of the tour's kernels are compared with
// the scalar kernels and timed against hand-written ILGPU kernels. Exit status 1 when a comparison fails.
bool quick = args.Contains("--quick");
using Context context = Context.Create(builder => builder.Default().EnableAlgorithms());
Device device = context.GetPreferredDevice(preferCPU: false);
using Accelerator gpu = device.CreateAccelerator(context);
Console.WriteLine($"DataParallel GPU runner: {gpu.Name} ({gpu.AcceleratorType}), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC{(quick ? ", quick sizes" : "")}");
int runs = quick ? 3 : 20;
int failures = 0;
var random = new Random(20261206);
float[] Floats(int n) => Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 8 - 4)).ToArray();

void Report(string kernel, float[] expected, float[] actual, long ulpBound, double generated, double handWritten, double bytes)
{
    long worst = Enumerable.Range(0, expected.Length).Select(i => Measurement.UlpDistance(expected[i], actual[i])).DefaultIfEmpty(0).Max();
    bool ok = worst <= ulpBound;
    failures += ok ? 0 : 1;
    Console.WriteLine($"{kernel,-11} {(ok ? "ok  " : "FAIL")} max {worst} ulp (bound {ulpBound})   generated {generated * 1e3,9:F3} ms   hand-written {handWritten * 1e3,9:F3} ms   ratio {handWritten / generated,5:F2}x   {bytes / generated / 1e9,7:F1} GB/s");
}

// SAXPY, and the device's copy bandwidth it is measured against (SAXPY moves 3 floats per element, a copy 2).
{
    int n = quick ? 1 << 12 : 1 << 26;
    float[] x = Floats(n), y0 = Floats(n), expected = (float[])y0.Clone();
    for (int i = 0; i < n; i++)
        Kernels.Saxpy(i, 2f, x, expected);
    using var xs = gpu.Allocate1D(x);
    using var ys = gpu.Allocate1D(y0);
    using var copy = gpu.Allocate1D<float>(n);
    Kernels.Saxpy(gpu, 2f, xs.View, ys.View);
    float[] actual = ys.GetAsArray1D();
    var hand = gpu.LoadAutoGroupedStreamKernel<Index1D, float, ArrayView<float>, ArrayView<float>>(HandWrittenKernels.Saxpy);
    double generated = Measurement.MedianSeconds(gpu, () => Kernels.Saxpy(gpu, 2f, xs.View, ys.View), runs);
    double handWritten = Measurement.MedianSeconds(gpu, () => hand(n, 2f, xs.View, ys.View), runs);
    double copySeconds = Measurement.MedianSeconds(gpu, () => xs.View.CopyTo(copy.View), runs);
    // On CUDA, a * x + y may be contracted into one FMA: 1 ulp from the CPU's two roundings.
    Report("saxpy", expected, actual, 1, generated, handWritten, 3.0 * 4 * n);
    Console.WriteLine($"{"copy",-11} {2.0 * 4 * n / copySeconds / 1e9,7:F1} GB/s device-to-device; saxpy at {3.0 * copySeconds / (2.0 * generated) * 100,5:F1} % of it");
}

// √(x² + 1)·e⁻ˣ: XMath's Sqrt and Exp against .NET's.
{
    int n = quick ? 1 << 12 : 1 << 26;
    float[] x = Floats(n), expected = new float[n];
    for (int i = 0; i < n; i++)
        Kernels.Fused(i, x, expected);
    using var xs = gpu.Allocate1D(x);
    using var ys = gpu.Allocate1D<float>(n);
    Kernels.Fused(gpu, xs.View, ys.View);
    float[] actual = ys.GetAsArray1D();
    var hand = gpu.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>>(HandWrittenKernels.Fused);
    double generated = Measurement.MedianSeconds(gpu, () => Kernels.Fused(gpu, xs.View, ys.View), runs);
    double handWritten = Measurement.MedianSeconds(gpu, () => hand(n, xs.View, ys.View), runs);
    Report("fused", expected, actual, 4, generated, handWritten, 2.0 * 4 * n);
}

// 2-D matrix product, the last index (col) on X.
{
    int m = quick ? 24 : 1024, n = m, k = m;
    float[] a = Floats(m * k), b = Floats(k * n), expected = new float[m * n];
    for (int row = 0; row < m; row++)
        for (int col = 0; col < n; col++)
            Kernels.MatMul(row, col, n, k, a, b, expected);
    using var av = gpu.Allocate1D(a);
    using var bv = gpu.Allocate1D(b);
    using var cv = gpu.Allocate1D<float>(m * n);
    Kernels.MatMul(gpu, 0..m, 0..n, n, k, av.View, bv.View, cv.View);
    float[] actual = cv.GetAsArray1D();
    var hand = gpu.LoadAutoGroupedStreamKernel<Index2D, int, int, ArrayView<float>, ArrayView<float>, ArrayView<float>>(HandWrittenKernels.MatMul);
    double generated = Measurement.MedianSeconds(gpu, () => Kernels.MatMul(gpu, 0..m, 0..n, n, k, av.View, bv.View, cv.View), runs);
    double handWritten = Measurement.MedianSeconds(gpu, () => hand(new Index2D(n, m), n, k, av.View, bv.View, cv.View), runs);
    // k contracted products: each may round once instead of twice.
    Report("matmul", expected, actual, 2L * k, generated, handWritten, 4.0 * (m * k + k * n + m * n));
}

// 3×3 blur of the interior.
{
    int h = quick ? 40 : 4096, w = h;
    float[] src = Floats(h * w), expected = new float[h * w];
    for (int y = 1; y < h - 1; y++)
        for (int x = 1; x < w - 1; x++)
            Kernels.Blur(y, x, w, src, expected);
    using var sv = gpu.Allocate1D(src);
    using var dv = gpu.Allocate1D<float>(h * w);
    dv.MemSetToZero();
    Kernels.Blur(gpu, 1..(h - 1), 1..(w - 1), w, sv.View, dv.View);
    float[] actual = dv.GetAsArray1D();
    var hand = gpu.LoadAutoGroupedStreamKernel<Index2D, int, ArrayView<float>, ArrayView<float>>(HandWrittenKernels.Blur);
    double generated = Measurement.MedianSeconds(gpu, () => Kernels.Blur(gpu, 1..(h - 1), 1..(w - 1), w, sv.View, dv.View), runs);
    double handWritten = Measurement.MedianSeconds(gpu, () => hand(new Index2D(w - 2, h - 2), w, sv.View, dv.View), runs);
    Report("blur 3x3", expected, actual, 8, generated, handWritten, 2.0 * 4 * h * w);
}

// Mandelbrot: iteration counts; a contracted multiply-add can move a point near the set's edge by an iteration.
{
    int h = quick ? 32 : 2048, w = h, maxIterations = 256;
    float step = 3f / w;
    float[] expected = new float[h * w];
    for (int py = 0; py < h; py++)
        for (int px = 0; px < w; px++)
            Kernels.Mandelbrot(py, px, w, -2f, -1.5f, step, maxIterations, expected);
    using var iv = gpu.Allocate1D<float>(h * w);
    Kernels.Mandelbrot(gpu, 0..h, 0..w, w, -2f, -1.5f, step, maxIterations, iv.View);
    float[] actual = iv.GetAsArray1D();
    var hand = gpu.LoadAutoGroupedStreamKernel<Index2D, int, float, float, float, int, ArrayView<float>>(HandWrittenKernels.Mandelbrot);
    double generated = Measurement.MedianSeconds(gpu, () => Kernels.Mandelbrot(gpu, 0..h, 0..w, w, -2f, -1.5f, step, maxIterations, iv.View), runs);
    double handWritten = Measurement.MedianSeconds(gpu, () => hand(new Index2D(w, h), w, -2f, -1.5f, step, maxIterations, iv.View), runs);
    int differing = Enumerable.Range(0, h * w).Count(i => expected[i] != actual[i]);
    bool ok = differing <= h * w / 1000;
    failures += ok ? 0 : 1;
    Console.WriteLine($"{"mandelbrot",-11} {(ok ? "ok  " : "FAIL")} {differing} of {h * w} points differ (bound 0.1 %)   generated {generated * 1e3,9:F3} ms   hand-written {handWritten * 1e3,9:F3} ms   ratio {handWritten / generated,5:F2}x");
}

// Dot: the deterministic block reduction (one thread per block of 256 indices), against the same scheme by hand; the
// CPU's chunked sum rounds differently, so the comparison allows a relative 1e-4.
{
    int n = quick ? 1 << 12 : 1 << 24;
    float[] x = Floats(n), y = Floats(n);
    float cpu = Kernels.Dot(x, y);
    using var xs = gpu.Allocate1D(x);
    using var ys = gpu.Allocate1D(y);
    int blocks = (n + 255) / 256;
    using var partials = gpu.Allocate1D<float>(blocks);
    float generatedValue = Kernels.Dot(gpu, xs.View, ys.View);
    var hand = gpu.LoadAutoGroupedStreamKernel<Index1D, int, ArrayView<float>, ArrayView<float>, ArrayView<float>>(HandWrittenKernels.DotBlocks);
    double generated = Measurement.MedianSeconds(gpu, () => Kernels.Dot(gpu, xs.View, ys.View), runs);
    double handWritten = Measurement.MedianSeconds(gpu, () =>
    {
        hand(blocks, n, xs.View, ys.View, partials.View);
        float sum = 0f;
        foreach (float partial in partials.GetAsArray1D())
            sum += partial;
    }, runs);
    bool ok = Math.Abs(cpu - generatedValue) <= 1e-4 * Math.Max(1.0, Math.Abs(cpu)) && generatedValue == Kernels.Dot(gpu, xs.View, ys.View);
    failures += ok ? 0 : 1;
    Console.WriteLine($"{"dot",-11} {(ok ? "ok  " : "FAIL")} {generatedValue:R} vs CPU {cpu:R} (relative 1e-4, same bits on every call)   generated {generated * 1e3,9:F3} ms   hand-written {handWritten * 1e3,9:F3} ms   ratio {handWritten / generated,5:F2}x   {2.0 * 4 * n / generated / 1e9,7:F1} GB/s");
}

Console.WriteLine(failures == 0 ? "GPU runner: OK" : $"GPU runner: FAILED ({failures})");
return failures == 0 ? 0 : 1;

using System.Collections.Immutable;
using System.Linq;
using DataParallel.Analyzers;
using DataParallel.Gpu.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace DataParallel.Gpu.Tests.Generation;

/// <summary>
/// DP3003 is reported exactly where the generator emits no GPU entry points (one whitelist decides both), only when
/// the project references DataParallel.Gpu, and on the construct that keeps the kernel off the GPU.
/// </summary>
public sealed class PortabilityDiagnosticTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Saxpy(int i, float a, ReadOnlySpan<float> x, Span<float> y) => y[i] = a * x[i] + y[i];

            [Parallel]
            public static void Divide(int i, int m, ReadOnlySpan<int> x, Span<int> y) => y[i] = x[i] / m;

            [Parallel]
            public static void Gather(int i, ReadOnlySpan<int> index, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[index[i]];

            [Parallel(Dimensions = 2, Reduce = Reduction.Sum)]
            public static float Total(int row, int col, int n, ReadOnlySpan<float> x) => x[row * n + col];

            [Parallel]
            public static void Checked(int i, ReadOnlySpan<int> x, Span<int> y) => y[i] = checked(x[i] * 3);

            [Parallel(Reduce = Reduction.Sum)]
            public static int DivideSum(int i, int m, ReadOnlySpan<int> x) => x[i] / m;

            [Parallel]
            public static void Window(int i, ReadOnlySpan<int> start, ReadOnlySpan<float> x, Span<float> y)
            {
                ReadOnlySpan<float> w = x.Slice(start[i], 2);
                y[i] = w[0] + w[1];
            }

            [Parallel]
            public static void CheckedFromFloat(int i, ReadOnlySpan<float> x, Span<int> y) => y[i] = checked((int)x[i]);
        }
        """;

    private static ImmutableArray<Diagnostic> Analyze(bool referenceGpu)
        => GpuCompilation.Create(referenceGpu, Source)
            .WithAnalyzers([new KernelAnalyzer()])
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult()
            .Where(d => d.Id == "DP3003")
            .ToImmutableArray();

    [Fact]
    public void Without_the_gpu_package_nothing_is_reported_and_no_gpu_file_is_generated()
    {
        Assert.Empty(Analyze(referenceGpu: false));
        var (_, _, result) = GpuCompilation.Generate(GpuCompilation.Create(referenceGpu: false, Source));
        Assert.DoesNotContain(result.GeneratedTrees, t => t.FilePath.Contains("Gpu", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Each_kernel_kept_off_the_gpu_is_reported_on_its_construct_and_gets_no_gpu_file()
    {
        ImmutableArray<Diagnostic> diagnostics = Analyze(referenceGpu: true);
        Assert.Equal(4, diagnostics.Length);
        string Reported(string kernel) => Assert.Single(diagnostics, d => d.GetMessage().StartsWith($"Kernel '{kernel}'", System.StringComparison.Ordinal)) is var d
            ? $"{d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)} | {d.GetMessage()}"
            : "";

        Assert.Contains("2-D reductions", Reported("Total"));
        Assert.Contains("x[i] / m | ", Reported("DivideSum"));
        Assert.Contains("in a reduction", Reported("DivideSum"));
        Assert.Contains("(int)x[i] | ", Reported("CheckedFromFloat"));
        Assert.Contains("OverflowException", Reported("CheckedFromFloat"));
        Assert.Contains("x.Slice(start[i], 2) | ", Reported("Window"));
        Assert.Contains("cannot be bounded before launch", Reported("Window"));
        // Guarded in the kernel now: integer division, checked integer arithmetic, indices read from data.
        foreach (string kernel in new[] { "Saxpy", "Divide", "Gather", "Checked" })
            Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains($"'{kernel}'", System.StringComparison.Ordinal));

        var (_, _, result) = GpuCompilation.Generate(GpuCompilation.Create(referenceGpu: true, Source));
        string[] gpuFiles = result.GeneratedTrees.Select(t => System.IO.Path.GetFileName(t.FilePath)).Where(p => p.EndsWith("Gpu.g.cs", System.StringComparison.Ordinal)).ToArray();
        foreach (string kernel in new[] { "Saxpy", "Divide", "Gather", "Checked" })
            Assert.Single(gpuFiles, f => f.StartsWith($"Probe.Kernels.{kernel}Kernel", System.StringComparison.Ordinal));
        Assert.DoesNotContain(gpuFiles, f => f.Contains("Total", System.StringComparison.Ordinal) || f.Contains("DivideSum", System.StringComparison.Ordinal) || f.Contains("CheckedFromFloat", System.StringComparison.Ordinal) || f.Contains("Window", System.StringComparison.Ordinal));
    }
}

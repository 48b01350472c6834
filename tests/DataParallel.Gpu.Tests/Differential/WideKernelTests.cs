using System;
using System.Linq;
using DataParallel.Gpu.Tests.Harness;
using ILGPU.Runtime;
using Xunit;

namespace DataParallel.Gpu.Tests.Differential;

/// <summary>
/// Kernels wider than ILGPU's typed loaders (13 views), loaded through its MethodInfo loader, on ILGPU's CPU
/// accelerator against the scalar kernel: 16 spans plus the fault record of a guarded division, and a 2-D kernel with
/// 14 spans; bit for bit, and the guard's fault as on the CPU.
/// </summary>
public sealed class WideKernelTests(CpuAccelerator cpu) : IClassFixture<CpuAccelerator>
{
    private readonly Accelerator _gpu = cpu.Accelerator;

    [Theory]
    [InlineData(1)]
    [InlineData(29)]
    public void Sixteen_spans_and_a_guard_match_the_scalar_kernel(int n)
    {
        var random = new Random(n);
        int[][] x = Enumerable.Range(0, 15).Select(k => Enumerable.Range(0, n).Select(_ => k == 14 ? random.Next(1, 9) : random.Next(-1000, 1000)).ToArray()).ToArray();
        int[] expected = new int[n], actual = new int[n];
        GeneratedKernels.Drive("WideScalar", x, expected);
        GeneratedKernels.Drive("WideSpans", _gpu, x, actual);
        Assert.Equal(expected, actual);

        x[14][n - 1] = 0;
        Assert.Throws<DivideByZeroException>(() => GeneratedKernels.Drive("WideScalar", x, new int[n]));
        var error = Assert.Throws<DivideByZeroException>(() => GeneratedKernels.Drive("WideSpans", _gpu, x, new int[n]));
        Assert.Contains($"i = {n - 1}", error.Message);
    }

    [Fact]
    public void Fourteen_spans_in_two_dimensions_match_the_scalar_kernel()
    {
        const int m = 3, n = 5;
        var random = new Random(3);
        float[][] a = Enumerable.Range(0, 13).Select(_ => Enumerable.Range(0, m * n).Select(_ => (float)random.NextDouble()).ToArray()).ToArray();
        float[] expected = new float[m * n], actual = new float[m * n];
        GeneratedKernels.Drive("WideGridScalar", m, n, a, expected);
        GeneratedKernels.Drive("WideGridSpans", _gpu, m, n, a, actual);
        Assert.Equal(expected, actual);
    }
}

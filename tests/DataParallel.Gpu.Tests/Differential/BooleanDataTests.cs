using System;
using System.Linq;
using DataParallel.Gpu.Tests.Harness;
using ILGPU.Runtime;
using Xunit;

namespace DataParallel.Gpu.Tests.Differential;

/// <summary>
/// A <c>bool</c> uniform (and <c>bool</c> locals over byte masks) on ILGPU's CPU accelerator, bit for bit the scalar
/// kernel's. <c>bool</c> spans stay off the GPU: ILGPU refuses to allocate a bool buffer (not blittable).
/// </summary>
public sealed class BooleanDataTests(CpuAccelerator cpu) : IClassFixture<CpuAccelerator>
{
    private readonly Accelerator _gpu = cpu.Accelerator;

    [Theory]
    [InlineData(1, false)]
    [InlineData(41, false)]
    [InlineData(41, true)]
    public void A_bool_uniform_matches_the_scalar_kernel(int n, bool invert)
    {
        var random = new Random(n);
        byte[] mask = Enumerable.Range(0, n).Select(_ => (byte)random.Next(2)).ToArray();
        float[] a = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        float[] y = new float[n], yGpu = new float[n];
        byte[] positive = new byte[n], positiveGpu = Enumerable.Repeat((byte)7, n).ToArray();
        GeneratedKernels.Drive("MasksScalar", invert, mask, a, y, positive);
        GeneratedKernels.Drive("MasksSpans", _gpu, invert, mask, a, yGpu, positiveGpu);
        Assert.Equal(y, yGpu);
        Assert.Equal(positive, positiveGpu);
    }
}

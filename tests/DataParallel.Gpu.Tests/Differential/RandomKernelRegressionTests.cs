using System;
using System.Linq;
using System.Reflection;
using DataParallel.Gpu.Tests.Harness;
using ILGPU.Runtime;
using Xunit;

namespace DataParallel.Gpu.Tests.Differential;

/// <summary>
/// Kernels the random GPU property test (<see cref="RandomKernelGpuTests"/>) found broken, shrunk by hand, each run on
/// ILGPU's CPU accelerator against its scalar kernel.
/// </summary>
public sealed class RandomKernelRegressionTests(CpuAccelerator cpu) : IClassFixture<CpuAccelerator>
{
    private const string Sources = """
        using System;
        using DataParallel;

        namespace Regressions;

        public static partial class Kernels
        {
            // Batches 12:3 and 14:3: a reduction over uniforms alone. Its host-span form had the accelerator form's very
            // signature (no spans tell them apart), so the GPU file declared K twice and did not compile.
            [Parallel(Reduce = Reduction.Sum)]
            public static long UniformsOnly(int i, long scale) => scale * i - 3;
        }
        """;

    [Fact]
    public void A_reduction_over_uniforms_alone_gets_one_accelerator_form_that_returns_the_scalar_fold()
    {
        Type kernels = GpuCompilation.CompileAndLoad(Sources).GetType("Regressions.Kernels", throwOnError: true)!;
        MethodInfo[] gpuForms = kernels.GetMethods().Where(m => m.Name == "UniformsOnly" && m.GetParameters()[0].ParameterType == typeof(Accelerator)).ToArray();
        MethodInfo withRange = Assert.Single(gpuForms);

        long expected = 0;
        for (int i = 2; i < 300; i++)
            expected += 7L * i - 3;
        Assert.Equal(expected, (long)withRange.Invoke(null, [cpu.Accelerator, 2..300, 7L])!);
    }
}

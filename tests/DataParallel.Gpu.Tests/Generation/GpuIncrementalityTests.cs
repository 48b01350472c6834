using System.Linq;
using DataParallel.Generators;
using DataParallel.Gpu.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace DataParallel.Gpu.Tests.Generation;

/// <summary>
/// The GPU steps are incremental like the CPU ones: an edit elsewhere leaves the "references DataParallel.Gpu" flag
/// equal and every kernel's GPU file cached, so nothing is lowered or emitted again.
/// </summary>
public sealed class GpuIncrementalityTests
{
    [Fact]
    public void An_unrelated_edit_recomputes_no_gpu_step_and_emits_no_gpu_file_again()
    {
        CSharpCompilation first = GpuCompilation.Create(referenceGpu: true, GpuKernelSources.Kernels);
        GeneratorDriver driver = GpuCompilation.CreateDriver().RunGenerators(first);
        Assert.Contains(driver.GetRunResult().Results[0].TrackedSteps[TrackingNames.GpuKernels].SelectMany(run => run.Outputs), o => o.Reason == IncrementalStepRunReason.New);

        driver = driver.RunGenerators(first.AddSyntaxTrees(TestCompilation.Parse("namespace Elsewhere { public static class Unrelated { public static int Answer => 42; } }", "Unrelated.cs")));
        GeneratorRunResult second = driver.GetRunResult().Results[0];
        foreach (string step in new[] { TrackingNames.GpuReferenced, TrackingNames.GpuKernels })
        {
            var reasons = second.TrackedSteps[step].SelectMany(run => run.Outputs).Select(o => o.Reason).ToList();
            Assert.NotEmpty(reasons);
            Assert.All(reasons, reason => Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {reason}"));
        }
    }
}

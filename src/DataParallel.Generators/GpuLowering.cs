using System;
using System.Threading;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Planning;
using DataParallel.Generators.Emit;

namespace DataParallel.Generators;

/// <summary>
/// The GPU step, run only when the compilation references DataParallel.Gpu: the same access analysis and entry
/// checks as the CPU step, the GPU whitelist (<see cref="GpuPlanner"/>), and the GPU file. A failure here costs the
/// kernel its GPU entry points only, never its CPU ones.
/// </summary>
internal static class GpuLowering
{
    public static GpuLoweredKernel Lower(KernelModel kernel, NamespaceAliases aliases, CancellationToken cancellationToken)
    {
        string hintName = KernelLowering.HintName(kernel, GpuSourceEmitter.LauncherName(kernel));
        try
        {
            KernelAccesses? accesses = KernelAccessAnalysis.Collect(kernel);
            cancellationToken.ThrowIfCancellationRequested();
            GpuDecision decision = GpuPlanner.Plan(kernel, accesses);
            // A kernel kept off the GPU gets no file; the analyzer reports why (DP3003).
            return new GpuLoweredKernel(kernel.Key, kernel.Name, hintName, decision.Plan is { } plan ? GpuSourceEmitter.Emit(plan, aliases) : null, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new GpuLoweredKernel(kernel.Key, kernel.Name, hintName, null, "the GPU lowering failed (" + KernelLowering.Describe(e) + ")");
        }
    }
}

/// <summary>One kernel's GPU file, or nothing (kept off the GPU), or why its GPU lowering failed.</summary>
/// <param name="Failure">What went wrong, for DP3003, or null.</param>
internal sealed record GpuLoweredKernel(string KernelKey, string KernelName, string HintName, string? Source, string? Failure);

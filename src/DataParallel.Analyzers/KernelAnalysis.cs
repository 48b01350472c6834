using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Planning;
using DataParallel.Compiler.Syntax;
using Microsoft.CodeAnalysis;

namespace DataParallel.Analyzers;

/// <summary>
/// What <see cref="KernelAnalyzer"/> learns of one kernel, computed once for every DP diagnostic it reports: the
/// model (and the shape and language errors found building it), one collection of the kernel's accesses, the race
/// and locality findings over it, and whether the kernel vectorises. Facts only the generator needs (work
/// estimates, entry checks, the SIMD plan itself) are left out: the IDE computes this on every keystroke.
/// </summary>
internal sealed class KernelAnalysis
{
    private KernelAnalysis(KernelBuildResult build, AccessAnalysisInput? input, RaceAnalysis? races, IReadOnlyList<LocalityFinding>? locality, SimdDecision? simd, GpuDecision? gpu)
    {
        Gpu = gpu;
        Build = build;
        Input = input;
        Races = races;
        Locality = locality;
        Simd = simd;
    }

    public KernelBuildResult Build { get; }

    /// <summary>What the access analysis read, or null where the IR would mislead it (see <see cref="AccessAnalysisSource.Create"/>).</summary>
    public AccessAnalysisInput? Input { get; }

    /// <summary>The races, or null when nothing could be proven either way (no input, or subscripts past 64 bits).</summary>
    public RaceAnalysis? Races { get; }

    /// <summary>The locality findings, or null when nothing could be said.</summary>
    public IReadOnlyList<LocalityFinding>? Locality { get; }

    /// <summary>Whether the kernel vectorises, for a kernel with a model; null without one.</summary>
    public SimdDecision? Simd { get; }

    /// <summary>
    /// Whether the kernel gets GPU entry points, for a kernel with a model in a compilation that references
    /// DataParallel.Gpu (the generator's own decision, <see cref="GpuPlanner"/>); null otherwise.
    /// </summary>
    public GpuDecision? Gpu { get; }

    public static KernelAnalysis Run(IMethodSymbol method, IOperation body, bool gpuReferenced, CancellationToken cancellationToken)
    {
        KernelBuildResult build = KernelModelBuilder.Build(method, body, cancellationToken);
        AccessAnalysisInput? input = AccessAnalysisSource.Create(method, build, body);
        KernelAccesses? accesses = null;
        RaceAnalysis? races = null;
        IReadOnlyList<LocalityFinding>? locality = null;
        if (input is not null)
        {
            try
            {
                accesses = AccessCollector.Collect(input);
            }
            catch (OverflowException)
            {
                // Subscript arithmetic past 64 bits: nothing can be proven either way, so the analyses say nothing.
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        if (accesses is not null)
        {
            races = Guarded(() => RaceDetector.Analyze(accesses));
            locality = Guarded(() => LocalityAnalysis.Analyze(accesses).ToList());
        }
        SimdDecision? simd = null;
        GpuDecision? gpu = null;
        if (build.Model is { } model)
        {
            // The generator plans from the model's own input. Where the source-based one differs (locals that
            // statements left out of the IR assign), collect again rather than let DP3001 disagree with the generator.
            KernelAccesses? modelAccesses = input is { Untrusted.IsEmpty: true } ? accesses : KernelAccessAnalysis.Collect(model);
            simd = SimdPlanner.Decide(model, modelAccesses);
            if (gpuReferenced)
                gpu = Guarded(() => GpuPlanner.Plan(model, modelAccesses));
        }
        return new KernelAnalysis(build, input, races, locality, simd, gpu);
    }

    private static T? Guarded<T>(Func<T> analyse) where T : class
    {
        try
        {
            return analyse();
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}

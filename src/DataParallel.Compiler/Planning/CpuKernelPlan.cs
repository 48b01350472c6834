using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Planning;

/// <summary>
/// Everything the CPU emitter needs for one kernel, decided up front: SIMD or scalar, the entry points' domain
/// inference, the bounds proven at entry, the reduction, the scheduler's cost estimate and chunk granularity.
/// </summary>
internal sealed class CpuKernelPlan
{
    private CpuKernelPlan(KernelModel kernel, SimdDecision simd, DomainInference domain, ImmutableArray<ProvenAccess> proven, IndexRanges ranges,
        EquatableArray<RuntimeRequirement> requirements, EquatableArray<SpanOverlapCheck> overlaps, ReductionPlan? reduction, int costPerElement, int granularity, PartitionPlan partitions)
    {
        Partitions = partitions;
        Requirements = requirements;
        Overlaps = overlaps;
        Ranges = ranges;
        Kernel = kernel;
        Simd = simd;
        Domain = domain;
        Proven = proven;
        Reduction = reduction;
        CostPerElement = costPerElement;
        Granularity = granularity;
        RunnerName = RunnerNameOf(kernel);
    }

    public KernelModel Kernel { get; }

    /// <summary>The SIMD plan, or why the kernel runs scalar.</summary>
    public SimdDecision Simd { get; }

    public DomainInference Domain { get; }

    /// <summary>Accesses whose bounds the entry point proves for the whole domain (the scalar path keeps its own checks too).</summary>
    public ImmutableArray<ProvenAccess> Proven { get; }

    /// <summary>Definitions and loop ranges the proofs evaluate indices with.</summary>
    public IndexRanges Ranges { get; }

    /// <summary>Facts about the call that race freedom hinges on: checked before any index runs.</summary>
    public EquatableArray<RuntimeRequirement> Requirements { get; }

    /// <summary>Spans the race analysis took to be different memory: checked not to overlap before any index runs.</summary>
    public EquatableArray<SpanOverlapCheck> Overlaps { get; }

    public ReductionPlan? Reduction { get; }

    /// <summary>How the kernel runs over partitioned arrays, or why it cannot.</summary>
    public PartitionPlan Partitions { get; }

    /// <summary>
    /// Work units per element of the fastest dimension, for the scheduler's threading decision, as far as it is
    /// known at compile time (<see cref="WorkEstimate.AtCompileTime"/>); <see cref="Work"/> has the trip counts the
    /// entry point computes.
    /// </summary>
    public int CostPerElement { get; }

    /// <summary>The SIMD plan's work estimate, whose uniform loop bounds the entry point evaluates; null when scalar.</summary>
    public WorkEstimate? Work => Simd.Plan?.Work;

    /// <summary>Chunk sizes are multiples of this: whole cache lines (and so whole vectors of any width).</summary>
    public int Granularity { get; }

    /// <summary>The nested type that holds the kernel's argument bundle and chunk bodies.</summary>
    public string RunnerName { get; }

    /// <summary>
    /// Plans a kernel from its <paramref name="accesses"/> (<see cref="KernelAccessAnalysis.Collect"/>, collected once
    /// by the caller); <paramref name="scalarOnly"/> skips SIMD (the fallback when its emission failed).
    /// </summary>
    public static CpuKernelPlan Create(KernelModel kernel, KernelAccesses? accesses, EquatableArray<RuntimeRequirement> requirements, EquatableArray<SpanOverlapCheck> overlaps, bool scalarOnly = false)
    {
        SimdDecision simd = scalarOnly ? new SimdDecision(null, "its SIMD lowering failed", KernelNode.NoSource) : SimdPlanner.Plan(kernel, accesses);
        ReductionPlan? reduction = kernel.ReturnType is { } type ? ReductionPlan.Create(kernel.Reduce, type) : null;
        int cost = simd.Plan?.Work.AtCompileTime ?? ScalarCost(kernel);
        int laneBytes = simd.Plan?.LaneBytes ?? 4;
        IndexRanges ranges = simd.Plan?.Ranges ?? IndexRanges.Of(kernel);
        // A kernel that assigns a span parameter is read with the span passed in (KernelModel.AssignedSpanParameters):
        // a proof could throw for an access the kernel makes elsewhere. Its scalar code checks every access.
        ImmutableArray<ProvenAccess> proven = kernel.AssignedSpanParameters.Count > 0 ? ImmutableArray<ProvenAccess>.Empty
            : simd.Plan?.Proven ?? AccessProof.Collect(kernel, ranges, exactOnly: true);
        return new CpuKernelPlan(kernel, simd, DomainInference.Infer(kernel), proven, ranges, requirements, overlaps, reduction, cost, 64 / laneBytes,
            PartitionPlan.Contained(kernel, ranges));
    }

    /// <summary>
    /// Scalar code costs more per element than the same work in vectors; loops multiply it by a guess of their trip
    /// count. Only the threading threshold depends on this.
    /// </summary>
    private static int ScalarCost(KernelModel kernel)
    {
        int cost = 2;
        foreach (KernelStatement statement in KernelWalker.Statements(kernel.Body))
        {
            int own = KernelWalker.OwnExpressions(statement).SelectMany(KernelWalker.Expressions).Count() * 2;
            cost += statement is LoopStatement ? own * 16 : own;
        }
        if (KernelWalker.Statements(kernel.Body).Any(s => s is LoopStatement))
            cost *= 16;
        return cost;
    }

    /// <summary>The runner type's name: the kernel's, made unique among overloads by a hash of the signature.</summary>
    public static string RunnerNameOf(KernelModel kernel) => $"__{kernel.Name}Kernel_{SignatureHash(kernel):x8}";

    private static uint SignatureHash(KernelModel kernel)
    {
        uint hash = 2166136261;
        foreach (char c in string.Join(",", kernel.Parameters.Select(p => p.RefKind.Modifier() + p.TypeSyntax)))
            hash = (hash ^ c) * 16777619;
        return hash;
    }
}

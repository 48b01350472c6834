using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Planning;

/// <summary>
/// Everything the GPU emitter needs for one kernel that can run on a GPU (<see cref="GpuPlanner"/>): the domain
/// inference and the host-side checks — every access's bounds proof and the race requirements of the CPU entry
/// points — which the GPU entry points evaluate against view lengths before anything is queued.
/// </summary>
/// <param name="Proven">A proof for every access of the body (none may reach ILGPU unproven).</param>
/// <param name="Reduction">
/// For a reduction kernel (1-D), how values combine: each GPU thread folds one block of <see cref="BlockSize"/> indices
/// aligned to absolute indices, in index order, and the host combines the block partials in block order, so the
/// result depends only on the input.
/// </param>
/// <param name="Guarded">
/// Whether the kernel guards operations in the kernel (<see cref="GpuGuardedOperations"/>): it then takes a fault
/// record as its last view, and its entry points wait for the launch to report a fault.
/// </param>
internal sealed record GpuKernelPlan(
    KernelModel Kernel,
    DomainInference Domain,
    ImmutableArray<ProvenAccess> Proven,
    IndexRanges Ranges,
    EquatableArray<RuntimeRequirement> Requirements,
    EquatableArray<SpanOverlapCheck> Overlaps,
    ReductionPlan? Reduction,
    bool Guarded = false)
{
    /// <summary>
    /// Whether the launcher has a checked kernel to fall back on: an element-wise kernel some of whose accesses have
    /// only an over-approximate proof (a read under <c>i + k &lt; x.Length</c>, say). Where such a proof fails for a call, or
    /// cannot be decided, the CPU entry point runs the kernel with its checks; the GPU one then launches the checked
    /// kernel, whose accesses of those proofs are bounds-checked in the kernel (a fault throws the CPU's exception). A
    /// slice's own checks have no in-kernel form, so a kernel with an over-approximate slice proof has no fallback.
    /// </summary>
    public bool HasCheckedFallback => Reduction is null && Proven.Any(p => p.IsAccess && !p.Exact) && Proven.All(p => p.IsAccess || p.Exact);

    /// <summary>The proofs the checked kernel relies on: the exact ones; accesses with another are checked in it.</summary>
    public ImmutableArray<ProvenAccess> ExactProofs => Proven.Where(p => !p.IsAccess || p.Exact).ToImmutableArray();

    /// <summary>Indices per reduction block: blocks start at multiples of it, whatever the domain's start.</summary>
    public const int BlockSize = 256;

    /// <summary>
    /// ILGPU's typed loaders take at most 15 generic arguments: the index, the uniforms' struct and 13 views. An
    /// element-wise kernel with more loads through ILGPU's MethodInfo loader; a reduction is limited to 12 spans.
    /// </summary>
    public const int MaxViews = 13;
}

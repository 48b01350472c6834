using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Planning;

/// <summary>How one span access is lowered in vector code.</summary>
internal enum AccessClass
{
    /// <summary>Lane j touches element base + j: one vector load or store.</summary>
    Contiguous,
    /// <summary>
    /// Not contiguous: lowered by the lane class of the subscript — one scalar load, broadcast, when every lane
    /// touches the same element (<see cref="LaneClassifier"/>), else a gather or scatter.
    /// </summary>
    Uniform,
}

/// <summary>
/// The SIMD lowering of a kernel: the lane width every varying value shares, the lane class of every value, the
/// class of every access, and the accesses whose bounds the entry point proves.
/// </summary>
/// <param name="LaneBytes">Bytes per lane: 4 (int, uint, float and the small integers riding in int lanes) or 8.</param>
/// <param name="Lanes">Lane classes of values and locals.</param>
/// <param name="Proven">Accesses proven in bounds once at entry; they use unchecked loads and stores.</param>
/// <param name="Work">Estimated work per element, for the scheduler's threading decision and chunk sizes.</param>
/// <param name="Ranges">Stable definitions and loop ranges of the kernel's int locals.</param>
/// <param name="Accesses">Which accesses are contiguous, from the shared access analysis.</param>
/// <param name="ClampBounds">
/// The (min, max) bounds of every vectorised <c>Math.Clamp</c>, as values the entry point can compute. Where one
/// has min &gt; max, the scalar method throws; the call then runs the kernel as written (the checked scalar path),
/// which throws exactly where and whether the scalar kernel does.
/// </param>
internal sealed record SimdPlan(int LaneBytes, LaneClassifier Lanes, ImmutableArray<ProvenAccess> Proven, WorkEstimate Work, IndexRanges Ranges,
    ImmutableArray<(KernelExpression Min, KernelExpression Max)> ClampBounds, VectorAccessClasses Accesses)
{
    /// <summary>Whether the load or store with <see cref="KernelNode.Id"/> <paramref name="access"/> is proven in bounds at entry.</summary>
    public bool IsProven(int access) => Proven.ProofOf(access) is not null;

    /// <summary>
    /// Whether the access was proven only for the lanes its guards let through: the vector code must then load and
    /// store only those lanes (the others may be out of bounds).
    /// </summary>
    public bool IsGuarded(int access) => Proven.Any(p => p.IsAccess && p.NodeIds.Contains(access) && !p.Guards.IsEmpty);

    /// <summary>How the load or store with <see cref="KernelNode.Id"/> <paramref name="access"/> is lowered.</summary>
    public AccessClass Classify(int access) => Accesses.Classify(access);

    /// <summary>Whether some proof only over-approximates: failing it must select the checked scalar path, not throw.</summary>
    public bool HasInexactProofs => Proven.Any(p => !p.Exact);

    /// <summary>Whether the entry point may select the checked scalar path: an inexact proof or a Math.Clamp's bounds.</summary>
    public bool MayRunChecked => HasInexactProofs || !ClampBounds.IsEmpty;
}

/// <summary>
/// Whether a kernel vectorises: a plan (null when only decided, <see cref="SimdPlanner.Decide"/>), or the construct
/// that blocks SIMD and the <see cref="KernelNode.Id"/> of the IR node it is at (<see cref="KernelNode.NoSource"/>
/// where there is none).
/// </summary>
internal sealed record SimdDecision(SimdPlan? Plan, string? Blocker, int BlockingNode);

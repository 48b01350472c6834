using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Planning;

/// <summary>
/// Whether a kernel gets GPU entry points: a plan, or the construct that keeps it off the GPU and the
/// <see cref="KernelNode.Id"/> of the IR node it is at (<see cref="KernelNode.NoSource"/> where there is none), for the
/// analyzer's location.
/// </summary>
/// <param name="Blocker">What keeps the kernel off the GPU, as DP3003 says it.</param>
internal sealed record GpuDecision(GpuKernelPlan? Plan, string? Blocker, GpuBlockReason Reason, int BlockingNode)
{
    public static GpuDecision Blocked(string blocker, GpuBlockReason reason, KernelNode? node) => new(null, blocker, reason, node?.Id ?? KernelNode.NoSource);
}

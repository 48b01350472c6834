using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Planning;

/// <summary>
/// Whether a kernel can throw once its entry checks have passed: only then must a partitioned call save what it will
/// write, to put it back when a later partition fails (docs/guides/partitions.md). Conservative: anything not known
/// to be fault-free counts as a possible fault.
/// </summary>
internal static class FaultFreedom
{
    /// <summary>Math methods that return a value for every argument (no <c>Math.Abs(int.MinValue)</c>, <c>Math.Sign(NaN)</c>, <c>Math.Clamp</c>).</summary>
    private static readonly ImmutableHashSet<string> TotalMath = ImmutableHashSet.Create(
        "Sqrt", "Cbrt", "Exp", "Log", "Log2", "Log10", "Pow", "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Atan2",
        "Sinh", "Cosh", "Tanh", "Floor", "Ceiling", "Truncate", "Min", "Max", "MinMagnitude", "MaxMagnitude",
        "FusedMultiplyAdd", "CopySign", "IsNaN", "IsInfinity", "IsFinite", "IsNegative", "PopCount",
        "LeadingZeroCount", "TrailingZeroCount", "RotateLeft", "RotateRight", "BitIncrement", "BitDecrement");

    /// <summary>
    /// Whether <paramref name="kernel"/> may throw after the entry checks: an integer division or remainder, a
    /// checked operation, a Math call that can throw, a slice, or an access not covered by an exact entry proof in
    /// <paramref name="proven"/>. Whether those proofs are decided for a call (they may overflow, or over-approximate and
    /// send the call to the checked path) is known only at run time: the entry point adds that.
    /// </summary>
    public static bool MayThrowAfterEntryChecks(KernelModel kernel, ImmutableArray<ProvenAccess> proven)
    {
        if (kernel.Unlowered is not null || kernel.HidesSpanAccesses || kernel.AssignedSpanParameters.Count > 0)
            return true;
        foreach (KernelNode node in KernelWalker.Nodes(kernel.Body))
        {
            bool mayThrow = node switch
            {
                SliceCheckStatement => true,
                LoadExpression { Slice: not null } or StoreStatement { Slice: not null } => true,
                LoadExpression or StoreStatement => !proven.Any(p => p.IsAccess && p.Exact && p.NodeIds.Contains(node.Id)),
                BinaryExpression { Operator: BinaryOperator.Divide or BinaryOperator.Remainder } division => !division.Type.IsFloatingPoint(),
                BinaryExpression { Checked: true } or UnaryExpression { Checked: true } or ConvertExpression { Checked: true } => true,
                MathCallExpression call => !TotalMath.Contains(call.Method) && !(call.Method == "Abs" && call.Type.IsFloatingPoint()),
                _ => false,
            };
            if (mayThrow)
                return true;
        }
        return false;
    }
}

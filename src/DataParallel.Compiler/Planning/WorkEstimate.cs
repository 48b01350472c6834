using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Planning;

/// <summary>
/// The scheduler's estimate of the work per element (DESIGN §3): fixed units, plus for every loop its body's
/// estimate times its trip count. A counted loop whose bounds are uniform has its trip count computed at entry
/// (<see cref="LoopWork.First"/>/<see cref="LoopWork.Last"/>); any other loop is guessed to run
/// <see cref="GuessedTrips"/> times. A guess was all there was before, and it put an n-body step over 1,024 bodies
/// (a million inner iterations) on one thread, where two run it in half the time.
/// </summary>
/// <param name="Units">Work units of the operations outside any loop.</param>
/// <param name="Loops">The loops directly in this body.</param>
internal sealed record WorkEstimate(int Units, ImmutableArray<LoopWork> Loops)
{
    /// <summary>Trips assumed for a loop whose trip count is not known at entry.</summary>
    public const int GuessedTrips = 16;

    /// <summary>
    /// The estimate as a compile-time constant: loops with constant bounds at their trip count, every other loop at
    /// <see cref="GuessedTrips"/>.
    /// </summary>
    public int AtCompileTime
    {
        get
        {
            double total = Units;
            foreach (LoopWork loop in Loops)
                total += (loop.ConstantTrips ?? GuessedTrips) * (double)loop.Body.AtCompileTime;
            return total >= int.MaxValue ? int.MaxValue : System.Math.Max((int)total, 1);
        }
    }

    /// <summary>
    /// Whether every loop's trip count is known (constant or computed at entry): only then does the estimate say how
    /// the work is spread over the domain. A loop whose lanes leave at different times (an escape-time iteration)
    /// makes some rows far dearer than others.
    /// </summary>
    public bool IsPredictable => Loops.All(l => l.HasKnownTrips && l.Body.IsPredictable);

    /// <summary>Whether some loop's trip count is computed at entry, so the estimate is not a constant.</summary>
    public bool DependsOnCall => Loops.Any(l => (l.HasKnownTrips && l.ConstantTrips is null) || l.Body.DependsOnCall);
}

/// <summary>
/// One loop of a <see cref="WorkEstimate"/>: its body's work and, where it is counted with uniform bounds, its first
/// and last values written in terms of uniforms, span lengths and constants only, so the entry point can compute them.
/// </summary>
internal sealed record LoopWork(KernelExpression? First, KernelExpression? Last, WorkEstimate Body)
{
    public bool HasKnownTrips => First is not null && Last is not null;

    /// <summary>The trip count when both bounds are integer constants.</summary>
    public long? ConstantTrips => First is not null && Last is not null && Constant(First) is { } first && Constant(Last) is { } last
        ? System.Math.Max(last - first + 1, 0)
        : null;

    /// <summary>The value of a bound built from integer constants alone (such as <c>5 - 1</c> from <c>t &lt; 5</c>).</summary>
    private static long? Constant(KernelExpression expression) => expression switch
    {
        ConstantExpression constant => constant.IntegerValue,
        BinaryExpression binary when Constant(binary.Left) is { } left && Constant(binary.Right) is { } right => binary.Operator switch
        {
            BinaryOperator.Add => left + right,
            BinaryOperator.Subtract => left - right,
            BinaryOperator.Multiply => left * right,
            _ => null,
        },
        UnaryExpression { Operator: UnaryOperator.Negate } negate => -Constant(negate.Operand),
        ConvertExpression convert => Constant(convert.Operand),
        _ => null,
    };

    /// <summary>
    /// The loop's bounds as the entry point can compute them, or (null, null): they must be counted-loop bounds
    /// built from uniforms, span lengths, constants and stable locals defined from those, with + − × only, so
    /// computing them cannot throw (they are evaluated unchecked; a wrapped value only skews the estimate).
    /// </summary>
    public static (KernelExpression? First, KernelExpression? Last) EntryBounds(LoopStatement loop, IndexRanges ranges)
    {
        if (loop.Initializers.Count != 1 || loop.Initializers[0] is not DeclareLocalStatement declare
            || !ranges.Loops.TryGetValue(declare.Name, out LoopRange? range))
            return (null, null);
        return AtEntry(range.First, ranges, 0) is { } first && AtEntry(range.Last, ranges, 0) is { } last ? (first, last) : (null, null);
    }

    private static KernelExpression? AtEntry(KernelExpression expression, IndexRanges ranges, int depth) => expression switch
    {
        ConstantExpression or UniformExpression or SpanLengthExpression => expression,
        LocalExpression local when depth < 8 && ranges.Definitions.TryGetValue(local.Name, out KernelExpression? definition)
            => AtEntry(definition, ranges, depth + 1),
        BinaryExpression { Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply } binary
            => AtEntry(binary.Left, ranges, depth) is { } left && AtEntry(binary.Right, ranges, depth) is { } right
                ? binary with { Left = left, Right = right, Checked = false }
                : null,
        UnaryExpression { Operator: UnaryOperator.Negate } negate
            => AtEntry(negate.Operand, ranges, depth) is { } operand ? negate with { Operand = operand, Checked = false } : null,
        ConvertExpression { Type: ScalarKind.Int32 or ScalarKind.Int64 } convert
            => convert.Operand.Type is ScalarKind.Int32 or ScalarKind.Int64 && AtEntry(convert.Operand, ranges, depth) is { } operand
                ? convert with { Operand = operand, Checked = false }
                : null,
        _ => null,
    };
}

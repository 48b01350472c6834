using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;

namespace DataParallel.Generators.Emit;

/// <summary>
/// Writes a boundable index expression (<see cref="IndexRanges.IsBoundable"/>) as <c>LongInterval</c> arithmetic
/// for the entry point: indices become the domain box (<c>__box{d}</c>), loop variables their loop's range, stable
/// locals their definitions, and uniforms single points.
/// </summary>
internal sealed class IntervalWriter(IndexRanges ranges, ScalarExpressionWriter scalar)
{
    private const string Interval = "Dp::LongInterval";
    private ImmutableArray<IndexGuard> _guards = ImmutableArray<IndexGuard>.Empty;

    /// <summary>
    /// Whether something written so far may throw <see cref="System.ArithmeticException"/>: interval arithmetic that
    /// may leave the int range, or a value computed as the kernel computes it (see <see cref="MayThrow"/>). Proofs of
    /// bare indices and uniforms cannot, and need no fallback.
    /// </summary>
    public bool MayFail { get; private set; }

    /// <summary>
    /// Whether computing <paramref name="expression"/> may throw: a division, a checked operation, or int arithmetic
    /// (checked when the project compiles with overflow checks). The kernel may never evaluate it where the entry
    /// point does (behind <c>m != 0 &amp;&amp;</c>, in a loop that does not run), so such a throw must decide nothing.
    /// </summary>
    public static bool MayThrow(KernelExpression expression) => KernelWalker.Expressions(expression).Any(e => e switch
    {
        BinaryExpression { Operator: BinaryOperator.Divide or BinaryOperator.Remainder } => true,
        BinaryExpression { Operator: BinaryOperator.And or BinaryOperator.Or or BinaryOperator.ExclusiveOr or BinaryOperator.LeftShift or BinaryOperator.RightShift or BinaryOperator.UnsignedRightShift } => false,
        BinaryExpression binary => binary.Checked || binary.Type is not (ScalarKind.Int64 or ScalarKind.Boolean),
        UnaryExpression unary => unary.Checked || unary.Operator == UnaryOperator.Negate && unary.Type != ScalarKind.Int64,
        ConvertExpression convert => convert.Checked,
        _ => false,
    });

    /// <summary>The interval of an access's indices, each index narrowed by the guards the access runs under.</summary>
    public string Write(ProvenAccess access) => Write(access, access.Index);

    /// <summary>The interval of <paramref name="expression"/> (one side of a slice's check) under the access's guards.</summary>
    public string Write(ProvenAccess access, KernelExpression expression)
    {
        _guards = access.Guards;
        try
        {
            string interval = Write(expression);
            // An exact proof inside loops its index ignores holds only when they run (ProvenAccess.RunsIn).
            foreach (string variable in access.RunsIn)
            {
                LoopRange loop = ranges.Loops[variable];
                interval += $".WhenRuns({Interval}.Loop({Write(loop.First)}, {Write(loop.Last)}))";
            }
            return interval;
        }
        finally
        {
            _guards = ImmutableArray<IndexGuard>.Empty;
        }
    }

    private string Box(int dimension)
    {
        string box = $"__box{dimension}";
        foreach (IndexGuard guard in _guards.Where(g => g.Dimension == dimension))
        {
            string offset = guard.Offset == 0 ? "" : $", {guard.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            if (guard.AtLeast is not null)
                box += $".AtLeast({Scalar(guard.AtLeast)}{offset})";
            if (guard.AtMost is not null)
                box += $".AtMost({Scalar(guard.AtMost)}{offset})";
        }
        return box;
    }

    private string Scalar(KernelExpression expression)
    {
        MayFail |= MayThrow(expression);
        return scalar.Write(expression);
    }

    private string Operation(string text)
    {
        MayFail = true;
        return text;
    }

    private string Write(KernelExpression index) => index switch
    {
        ConstantExpression constant => $"{Interval}.Point({constant.Literal})",
        IndexExpression i => Box(i.Dimension),
        LocalExpression local when ranges.Definitions.TryGetValue(local.Name, out KernelExpression? definition) => Write(definition),
        LocalExpression local when ranges.Loops.TryGetValue(local.Name, out LoopRange? loop) => $"{Interval}.Loop({Write(loop.First)}, {Write(loop.Last)})",
        // Widening a small integer to int changes no value.
        ConvertExpression { Type: ScalarKind.Int32, Operand.Type: ScalarKind.Int16 or ScalarKind.UInt16 or ScalarKind.SByte or ScalarKind.Byte } convert => Write(convert.Operand),
        UnaryExpression { Operator: UnaryOperator.Negate, Type: ScalarKind.Int32 } negate => Operation($"(-{Write(negate.Operand)})"),
        BinaryExpression { Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply, Type: ScalarKind.Int32 } binary
            => Operation($"({Write(binary.Left)} {ScalarExpressionWriter.BinaryToken(binary.Operator)} {Write(binary.Right)})"),
        // A value fixed for the call (a loop bound such as ut & 7): computed as the kernel computes it.
        _ => $"{Interval}.Point({Scalar(index)})",
    };
}

using System.Collections.Immutable;
using System.Linq;
using DataParallel.Analyzers.Analysis;
using DataParallel.Analyzers.Model;

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

    /// <summary>The interval of an access's indices, each index narrowed by the guards the access runs under.</summary>
    public string Write(ProvenAccess access) => Write(access, access.Index);

    /// <summary>The interval of <paramref name="expression"/> (one side of a slice's check) under the access's guards.</summary>
    public string Write(ProvenAccess access, KernelExpression expression)
    {
        _guards = access.Guards;
        try
        {
            return Write(expression);
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
            if (guard.AtLeast is not null)
                box += $".AtLeast({scalar.Write(guard.AtLeast)})";
            if (guard.AtMost is not null)
                box += $".AtMost({scalar.Write(guard.AtMost)})";
        }
        return box;
    }

    private string Write(KernelExpression index) => index switch
    {
        ConstantExpression constant => $"{Interval}.Point({constant.Literal})",
        IndexExpression i => Box(i.Dimension),
        LocalExpression local when ranges.Definitions.TryGetValue(local.Name, out KernelExpression? definition) => Write(definition),
        LocalExpression local when ranges.Loops.TryGetValue(local.Name, out LoopRange? loop) => $"{Interval}.Loop({Write(loop.First)}, {Write(loop.Last)})",
        ConvertExpression convert => Write(convert.Operand),
        UnaryExpression negate => $"(-{Write(negate.Operand)})",
        BinaryExpression binary => $"({Write(binary.Left)} {ScalarExpressionWriter.BinaryToken(binary.Operator)} {Write(binary.Right)})",
        _ => $"{Interval}.Point({scalar.Write(index)})",
    };
}

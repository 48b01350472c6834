using System.Collections.Generic;
using System.Linq;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// What is known about the int locals of a kernel for reasoning about indices: locals with one stable definition
/// (declared once with an initializer, whose own locals are stable too, so the definition can stand in for the
/// local wherever it is visible), and counted loop variables with their ranges. This is the interval evaluation the
/// entry point's proofs use (<see cref="ProvenAccess"/>): which subscripts it can bound, and whether the bound is
/// attained. How an access is lowered (contiguous, broadcast, gather) is not judged here but from the shared access
/// analysis (<see cref="VectorAccessClasses"/>).
/// </summary>
internal sealed class IndexRanges
{
    private IndexRanges(IReadOnlyDictionary<string, KernelExpression> definitions, IReadOnlyDictionary<string, LoopRange> loops, int dimensions)
    {
        Definitions = definitions;
        Loops = loops;
        Dimensions = dimensions;
    }

    public IReadOnlyDictionary<string, KernelExpression> Definitions { get; }

    public IReadOnlyDictionary<string, LoopRange> Loops { get; }

    public int Dimensions { get; }

    public static IndexRanges Of(KernelModel kernel)
    {
        IReadOnlyDictionary<string, LoopRange> loops = LoopBounds.Find(kernel.Body);
        var counts = KernelWalker.Assignments(kernel.Body).GroupBy(a => a.Local).ToDictionary(g => g.Key, g => g.Count());
        var candidates = KernelWalker.Statements(kernel.Body)
            .OfType<DeclareLocalStatement>()
            .Where(d => d.Initializer is not null && counts[d.Name] == 1)
            .ToDictionary(d => d.Name, d => d.Initializer!);
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var candidate in candidates.ToList())
            {
                bool stable = KernelWalker.Expressions(candidate.Value).OfType<LocalExpression>()
                    .All(l => candidates.ContainsKey(l.Name) || loops.ContainsKey(l.Name));
                if (!stable)
                {
                    candidates.Remove(candidate.Key);
                    changed = true;
                }
            }
        }
        return new IndexRanges(candidates, loops, kernel.Dimensions);
    }

    /// <summary>
    /// Whether the entry point can bound <paramref name="index"/> by interval arithmetic: built with + − × from
    /// constants, indices, uniforms, span lengths, stable locals and counted loop variables.
    /// </summary>
    public bool IsBoundable(KernelExpression index, int depth = 0)
    {
        if (depth > 64)
            return false;
        return index switch
        {
            ConstantExpression { IntegerValue: not null } => true,
            IndexExpression => true,
            UniformExpression or SpanLengthExpression or StaticFieldExpression => index.Type is ScalarKind.Int32 or ScalarKind.Int16 or ScalarKind.UInt16 or ScalarKind.SByte or ScalarKind.Byte,
            LocalExpression local when Definitions.TryGetValue(local.Name, out KernelExpression? definition) => IsBoundable(definition, depth + 1),
            LocalExpression local when Loops.TryGetValue(local.Name, out LoopRange? loop) => IsBoundable(loop.First, depth + 1) && IsBoundable(loop.Last, depth + 1),
            ConvertExpression { Type: ScalarKind.Int32, Checked: false } convert => convert.Operand.Type is ScalarKind.Int16 or ScalarKind.UInt16 or ScalarKind.SByte or ScalarKind.Byte && IsBoundable(convert.Operand, depth + 1),
            UnaryExpression { Operator: UnaryOperator.Negate, Checked: false } negate => IsBoundable(negate.Operand, depth + 1),
            BinaryExpression { Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply, Checked: false, Type: ScalarKind.Int32 } binary
                => IsBoundable(binary.Left, depth + 1) && IsBoundable(binary.Right, depth + 1),
            _ => false,
        };
    }

    /// <summary>
    /// Whether the interval bound of a boundable index is attained by some index of the domain: true when each index
    /// and loop variable occurs at most once and every loop variable sweeps a fixed range (<paramref name="boxLoops"/>):
    /// a multilinear function takes its extremes at the corners of its box, and interval arithmetic computes them
    /// exactly.
    /// </summary>
    public bool IsExact(KernelExpression index, ISet<string> boxLoops)
    {
        var seen = new HashSet<int>();
        var seenLoops = new HashSet<string>();
        bool exact = true;
        void Visit(KernelExpression e, int depth)
        {
            if (!exact || depth > 64)
                return;
            switch (e)
            {
                case IndexExpression i:
                    exact &= seen.Add(i.Dimension);
                    break;
                case LocalExpression local when Definitions.TryGetValue(local.Name, out KernelExpression? definition):
                    Visit(definition, depth + 1);
                    break;
                case LocalExpression local when boxLoops.Contains(local.Name):
                    exact &= seenLoops.Add(local.Name);
                    break;
                case LocalExpression:
                    exact = false;
                    break;
                default:
                    foreach (KernelExpression child in KernelWalker.Children(e))
                        Visit(child, depth + 1);
                    break;
            }
        }
        Visit(index, 0);
        return exact;
    }
}

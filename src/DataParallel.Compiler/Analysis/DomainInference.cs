using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// Which spans each index reads or writes directly (<c>x[i]</c>): they define the inferred domain of that index, must
/// agree in length, and give <c>^n</c> in a range its meaning (DESIGN §1).
/// </summary>
/// <param name="DirectSpans">Per dimension, the spans indexed by exactly that index, in order of first use.</param>
/// <param name="RowMajor">
/// For a 2-D or 3-D kernel, the first row-major access (<see cref="RowMajorShape"/>): for an index without a span
/// indexed by it alone, it gives the extent the range overload's <c>^n</c> counts from — a width for the inner
/// indices, <c>span.Length / (product of widths)</c> for the outermost one.
/// </param>
internal sealed record DomainInference(ImmutableArray<ImmutableArray<string>> DirectSpans, RowMajorShape? RowMajor)
{
    /// <summary>The domain-inferred overload exists when every index indexes some span directly.</summary>
    public bool HasInferredOverload => DirectSpans.All(spans => !spans.IsEmpty);

    public static DomainInference Infer(KernelModel kernel)
    {
        var perDimension = Enumerable.Range(0, kernel.Dimensions).Select(_ => new List<string>()).ToArray();
        void Note(string span, KernelExpression index)
        {
            if (index is IndexExpression { Dimension: var d } && !perDimension[d].Contains(span))
                perDimension[d].Add(span);
        }
        foreach (KernelStatement statement in KernelWalker.Statements(kernel.Body))
        {
            if (statement is StoreStatement store)
                Note(store.Span, store.Index);
            foreach (KernelExpression expression in KernelWalker.OwnExpressions(statement).SelectMany(KernelWalker.Expressions))
            {
                if (expression is LoadExpression load)
                    Note(load.Span, load.Index);
            }
        }
        RowMajorShape? shape = null;
        if (kernel.Dimensions > 1)
        {
            IReadOnlyDictionary<string, KernelExpression> definitions = IndexRanges.Of(kernel).Definitions;
            foreach (KernelStatement statement in KernelWalker.Statements(kernel.Body))
            {
                var accesses = KernelWalker.OwnExpressions(statement).SelectMany(KernelWalker.Expressions).OfType<LoadExpression>().Select(l => (l.Span, l.Index));
                if (statement is StoreStatement store)
                    accesses = accesses.Prepend((store.Span, store.Index));
                shape = accesses.Select(a => RowMajorShape.Match(a.Span, a.Index, kernel.Dimensions, definitions)).FirstOrDefault(s => s is not null);
                if (shape is not null)
                    break;
            }
        }
        return new DomainInference(perDimension.Select(l => l.ToImmutableArray()).ToImmutableArray(), shape);
    }
}

/// <summary>
/// A row-major access of a 2-D or 3-D kernel: <c>Span[d0 * W1 + d1]</c>, or <c>Span[(d0 * W1 + d1) * W2 + d2]</c>,
/// the widths being uniform int parameters (locals with one definition are looked through).
/// </summary>
/// <param name="Span">The span accessed.</param>
/// <param name="Widths">The extents of the inner dimensions, outermost first (one per dimension after the first).</param>
internal sealed record RowMajorShape(string Span, EquatableArray<string> Widths)
{
    /// <summary>The extent of the last index: the row width.</summary>
    public string Width => Widths[Widths.Count - 1];

    /// <summary>The C# expression of dimension <paramref name="dimension"/>'s extent, or -1 when a width is not positive.</summary>
    public string Extent(int dimension, System.Func<string, string> name)
    {
        if (dimension > 0)
            return name(Widths[dimension - 1]);
        string product = string.Join(" * ", Widths.Select(w => $"(long){name(w)}"));
        string positive = string.Join(" && ", Widths.Select(w => $"{name(w)} > 0"));
        return $"{positive} ? (int)({name(Span)}.Length / ({product})) : -1";
    }

    public static RowMajorShape? Match(string span, KernelExpression index, int dimensions, IReadOnlyDictionary<string, KernelExpression>? definitions = null)
    {
        var widths = new List<string>();
        return Level(index, dimensions - 1) ? new RowMajorShape(span, widths.ToEquatableArray()) : null;

        bool Level(KernelExpression expression, int dimension)
        {
            expression = Resolve(expression);
            if (dimension == 0)
                return expression is IndexExpression { Dimension: 0 };
            if (expression is not BinaryExpression { Operator: BinaryOperator.Add } sum)
                return false;
            foreach ((KernelExpression product, KernelExpression inner) in new[] { (sum.Left, sum.Right), (sum.Right, sum.Left) })
            {
                if (Resolve(inner) is not IndexExpression { } at || at.Dimension != dimension || Resolve(product) is not BinaryExpression { Operator: BinaryOperator.Multiply } multiply)
                    continue;
                foreach ((KernelExpression outer, KernelExpression width) in new[] { (multiply.Left, multiply.Right), (multiply.Right, multiply.Left) })
                {
                    if (Resolve(width) is UniformExpression { Type: ScalarKind.Int32 } uniform && Level(outer, dimension - 1))
                    {
                        widths.Add(uniform.Name);
                        return true;
                    }
                }
            }
            return false;
        }

        KernelExpression Resolve(KernelExpression expression)
            => expression is LocalExpression local && definitions is not null && definitions.TryGetValue(local.Name, out KernelExpression? definition) ? Resolve(definition) : expression;
    }
}

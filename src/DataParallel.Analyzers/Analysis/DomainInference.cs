using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Analyzers.Model;

namespace DataParallel.Analyzers.Analysis;

/// <summary>
/// Which spans each index reads or writes directly (<c>x[i]</c>): they define the inferred domain of that index, must
/// agree in length, and give <c>^n</c> in a range its meaning (DESIGN §1).
/// </summary>
/// <param name="DirectSpans">Per dimension, the spans indexed by exactly that index, in order of first use.</param>
/// <param name="RowMajor">
/// For a 2-D kernel without a span indexed directly by each index, the first row-major access
/// <c>span[outer * width + inner]</c> (width a uniform int parameter): it gives the extents the range overload's
/// <c>^n</c> counts from — <c>width</c> for the inner index, <c>span.Length / width</c> for the outer one.
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
        if (kernel.Dimensions == 2)
        {
            foreach (KernelStatement statement in KernelWalker.Statements(kernel.Body))
            {
                var accesses = KernelWalker.OwnExpressions(statement).SelectMany(KernelWalker.Expressions).OfType<LoadExpression>().Select(l => (l.Span, l.Index));
                if (statement is StoreStatement store)
                    accesses = accesses.Prepend((store.Span, store.Index));
                shape = accesses.Select(a => RowMajorShape.Match(a.Span, a.Index)).FirstOrDefault(s => s is not null);
                if (shape is not null)
                    break;
            }
        }
        return new DomainInference(perDimension.Select(l => l.ToImmutableArray()).ToImmutableArray(), shape);
    }
}

/// <summary>A row-major access <c>Span[outer * Width + inner]</c> of a 2-D kernel.</summary>
internal sealed record RowMajorShape(string Span, string Width)
{
    public static RowMajorShape? Match(string span, KernelExpression index)
    {
        if (index is not BinaryExpression { Operator: BinaryOperator.Add } sum)
            return null;
        foreach ((KernelExpression product, KernelExpression inner) in new[] { (sum.Left, sum.Right), (sum.Right, sum.Left) })
        {
            if (inner is not IndexExpression { Dimension: 1 } || product is not BinaryExpression { Operator: BinaryOperator.Multiply } multiply)
                continue;
            if (multiply is { Left: IndexExpression { Dimension: 0 }, Right: UniformExpression { Type: ScalarKind.Int32 } w1 })
                return new RowMajorShape(span, w1.Name);
            if (multiply is { Right: IndexExpression { Dimension: 0 }, Left: UniformExpression { Type: ScalarKind.Int32 } w2 })
                return new RowMajorShape(span, w2.Name);
        }
        return null;
    }
}

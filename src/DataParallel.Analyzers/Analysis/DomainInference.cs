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
internal sealed record DomainInference(ImmutableArray<ImmutableArray<string>> DirectSpans)
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
        return new DomainInference(perDimension.Select(l => l.ToImmutableArray()).ToImmutableArray());
    }
}

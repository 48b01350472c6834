using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Analyzers.Model;

namespace DataParallel.Analyzers.Analysis;

/// <summary>
/// One access proven in bounds at the entry point, for the whole domain, by a single range check: every index
/// executes it (it is in the body's straight-line prefix, outside any <c>?:</c>, <c>&amp;&amp;</c> or <c>||</c>), and
/// its <see cref="AffineForm"/> has constant index coefficients and terms computable at entry.
/// </summary>
internal sealed record ProvenAccess(string Span, string Display, AffineForm Form);

/// <summary>The accesses whose bounds the entry point proves once; every other access keeps its own check.</summary>
internal static class BoundsProof
{
    public static ImmutableArray<ProvenAccess> Collect(KernelModel kernel)
    {
        var definitions = KernelWalker.SingleDefinitions(kernel.Body);
        var proven = new List<ProvenAccess>();
        void Consider(string span, KernelExpression index, string display)
        {
            if (AffineForm.TryCreate(index, kernel.Dimensions, definitions) is { IsEntryEvaluable: true } form
                && !proven.Any(p => p.Span == span && p.Display == display))
                proven.Add(new ProvenAccess(span, display, form));
        }
        foreach (KernelStatement statement in KernelWalker.StraightLinePrefix(kernel.Body))
        {
            if (statement is StoreStatement store)
                Consider(store.Span, store.Index, store.Display);
            foreach (KernelExpression expression in KernelWalker.OwnExpressions(statement))
            {
                foreach (LoadExpression load in UnconditionalLoads(expression))
                    Consider(load.Span, load.Index, load.Display);
            }
        }
        return proven.ToImmutableArray();
    }

    /// <summary>Loads evaluated whenever <paramref name="expression"/> is: not behind a condition or a short circuit.</summary>
    private static IEnumerable<LoadExpression> UnconditionalLoads(KernelExpression expression)
    {
        switch (expression)
        {
            case LoadExpression load:
                yield return load;
                foreach (LoadExpression inner in UnconditionalLoads(load.Index))
                    yield return inner;
                break;
            case ConditionalExpression conditional:
                foreach (LoadExpression inner in UnconditionalLoads(conditional.Condition))
                    yield return inner;
                break;
            case BinaryExpression { Operator: BinaryOperator.ConditionalAnd or BinaryOperator.ConditionalOr } shortCircuit:
                foreach (LoadExpression inner in UnconditionalLoads(shortCircuit.Left))
                    yield return inner;
                break;
            default:
                foreach (KernelExpression child in KernelWalker.Children(expression))
                {
                    foreach (LoadExpression inner in UnconditionalLoads(child))
                        yield return inner;
                }
                break;
        }
    }
}

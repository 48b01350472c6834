using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Analyzers.Model;

namespace DataParallel.Analyzers.Analysis;

/// <summary>
/// An access whose indices the entry point bounds once, by interval arithmetic over the domain and loop ranges
/// (<see cref="IndexRanges.IsBoundable"/>). When <see cref="Exact"/> (every index runs it, and the bound is attained),
/// a bound outside the span means some index would fault: the call throws <c>ArgumentException</c> before anything
/// runs. Otherwise the bound only over-approximates, and leaving the span sends the call to the checked scalar path.
/// </summary>
internal sealed record ProvenAccess(string Span, string Display, KernelExpression Index, bool Exact);

internal static class AccessProof
{
    public static ImmutableArray<ProvenAccess> Collect(KernelModel kernel, IndexRanges ranges, bool exactOnly)
    {
        var unconditional = new HashSet<(string, string)>();
        var boxLoops = new HashSet<string>();
        CollectUnconditional(kernel.Body, ranges, unconditional, boxLoops);

        var proven = new List<ProvenAccess>();
        void Consider(string span, KernelExpression index, string display)
        {
            if (!ranges.IsBoundable(index) || proven.Any(p => p.Span == span && p.Display == display))
                return;
            bool exact = unconditional.Contains((span, display)) && ranges.IsExact(index, boxLoops);
            if (exact || !exactOnly)
                proven.Add(new ProvenAccess(span, display, index, exact));
        }
        foreach (KernelStatement statement in KernelWalker.Statements(kernel.Body))
        {
            if (statement is StoreStatement store)
                Consider(store.Span, store.Index, store.Display);
            foreach (LoadExpression load in KernelWalker.OwnExpressions(statement).SelectMany(KernelWalker.Expressions).OfType<LoadExpression>())
                Consider(load.Span, load.Index, load.Display);
        }
        return proven.ToImmutableArray();
    }

    /// <summary>
    /// Finds the accesses every index executes: the body's straight-line prefix, continued into counted loops that
    /// run there with bounds fixed for the whole call and no way out but their condition. Such a loop makes its
    /// variable sweep the same range for every index (<paramref name="boxLoops"/>), so the domain and those ranges
    /// form a box whose corners every access really reaches.
    /// </summary>
    private static void CollectUnconditional(BlockStatement block, IndexRanges ranges, HashSet<(string, string)> unconditional, HashSet<string> boxLoops)
    {
        foreach (KernelStatement statement in block.Statements)
        {
            switch (statement)
            {
                case BlockStatement nested:
                    CollectUnconditional(nested, ranges, unconditional, boxLoops);
                    if (!nested.Statements.All(IsPlain))
                        return;
                    continue;
                case LoopStatement loop when IsBoxLoop(loop, ranges, out string? variable):
                    foreach (KernelStatement initializer in loop.Initializers)
                        Note(initializer, unconditional);
                    boxLoops.Add(variable!);
                    CollectUnconditional(loop.Body as BlockStatement ?? new BlockStatement(ImmutableArray.Create(loop.Body).ToEquatableArray()), ranges, unconditional, boxLoops);
                    continue;
                case var plain when IsPlain(plain):
                    Note(plain, unconditional);
                    continue;
                default:
                    return;
            }
        }
    }

    private static bool IsPlain(KernelStatement statement)
        => statement is DeclareLocalStatement or AssignLocalStatement or StoreStatement or EvaluateStatement or SharedWriteStatement;

    private static void Note(KernelStatement statement, HashSet<(string, string)> unconditional)
    {
        if (statement is StoreStatement store)
            unconditional.Add((store.Span, store.Display));
        foreach (KernelExpression expression in KernelWalker.OwnExpressions(statement))
        {
            foreach (LoadExpression load in UnconditionalLoads(expression))
                unconditional.Add((load.Span, load.Display));
        }
    }

    private static bool IsBoxLoop(LoopStatement loop, IndexRanges ranges, out string? variable)
    {
        variable = loop.Initializers.Count == 1 && loop.Initializers[0] is DeclareLocalStatement declare ? declare.Name : null;
        return variable is not null
            && ranges.Loops.TryGetValue(variable, out LoopRange? range)
            && AffineForm.IsParameterOnly(range.First) && AffineForm.IsParameterOnly(range.Last)
            && !KernelWalker.Statements(loop.Body).Any(s => s is BreakStatement or ContinueStatement or ReturnStatement);
    }

    /// <summary>Loads evaluated whenever <paramref name="expression"/> is: not behind a condition or a short circuit.</summary>
    private static IEnumerable<LoadExpression> UnconditionalLoads(KernelExpression expression)
    {
        IEnumerable<KernelExpression> children = expression switch
        {
            ConditionalExpression conditional => [conditional.Condition],
            BinaryExpression { Operator: BinaryOperator.ConditionalAnd or BinaryOperator.ConditionalOr } shortCircuit => [shortCircuit.Left],
            _ => KernelWalker.Children(expression),
        };
        if (expression is LoadExpression load)
            yield return load;
        foreach (KernelExpression child in children)
        {
            foreach (LoadExpression inner in UnconditionalLoads(child))
                yield return inner;
        }
    }
}

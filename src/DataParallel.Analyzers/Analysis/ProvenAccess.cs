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
/// <param name="Guards">Bounds on indices that hold wherever the access runs (from enclosing conditions).</param>
internal sealed record ProvenAccess(string Span, string Display, KernelExpression Index, bool Exact, ImmutableArray<IndexGuard> Guards);

/// <summary>
/// A bound on an index that holds wherever an access runs, taken from an enclosing <c>if</c> (or an earlier
/// <c>if (…) return;</c>): <c>AtLeast ≤ index ≤ AtMost</c>, each side computable at entry or null. It lets the entry
/// point prove guarded accesses such as <c>if (i &gt; 0) y[i] = x[i - 1];</c>.
/// </summary>
internal sealed record IndexGuard(int Dimension, KernelExpression? AtLeast, KernelExpression? AtMost);

internal static class AccessProof
{
    public static ImmutableArray<ProvenAccess> Collect(KernelModel kernel, IndexRanges ranges, bool exactOnly)
    {
        var unconditional = new HashSet<(string, string)>();
        var boxLoops = new HashSet<string>();
        CollectUnconditional(kernel.Body, ranges, unconditional, boxLoops);

        var proven = new List<ProvenAccess>();
        var guardsByAccess = new Dictionary<(string, string), ImmutableArray<IndexGuard>>();
        void Consider(string span, KernelExpression index, string display, ImmutableArray<IndexGuard> guards)
        {
            if (!ranges.IsBoundable(index))
                return;
            int existing = proven.FindIndex(p => p.Span == span && p.Display == display);
            if (existing >= 0)
            {
                // The same access written twice under different guards: keep only the guards both share.
                ProvenAccess first = proven[existing];
                proven[existing] = first with { Guards = first.Guards.Where(guards.Contains).ToImmutableArray() };
                return;
            }
            bool exact = unconditional.Contains((span, display)) && ranges.IsExact(index, boxLoops);
            if (exact || !exactOnly)
                proven.Add(new ProvenAccess(span, display, index, exact, exact ? ImmutableArray<IndexGuard>.Empty : guards));
        }
        WalkGuarded(kernel.Body, ImmutableArray<IndexGuard>.Empty, Consider);
        return proven.ToImmutableArray();
    }

    private static void WalkGuarded(KernelStatement statement, ImmutableArray<IndexGuard> guards, System.Action<string, KernelExpression, string, ImmutableArray<IndexGuard>> consider)
    {
        switch (statement)
        {
            case BlockStatement block:
                foreach (KernelStatement inner in block.Statements)
                {
                    WalkGuarded(inner, guards, consider);
                    // After `if (c) return;` the rest of the block runs only where c is false.
                    if (inner is IfStatement { Else: null } exit && EndsInReturn(exit.Then))
                        guards = guards.AddRange(GuardsOf(exit.Condition, holds: false));
                }
                break;
            case IfStatement branch:
                ConsiderLoads(branch.Condition, guards, consider);
                WalkGuarded(branch.Then, guards.AddRange(GuardsOf(branch.Condition, holds: true)), consider);
                if (branch.Else is not null)
                    WalkGuarded(branch.Else, guards.AddRange(GuardsOf(branch.Condition, holds: false)), consider);
                break;
            case LoopStatement loop:
                foreach (KernelStatement part in loop.Initializers.Concat(loop.Increments).Append(loop.Body))
                    WalkGuarded(part, guards, consider);
                if (loop.Condition is not null)
                    ConsiderLoads(loop.Condition, guards, consider);
                break;
            default:
                if (statement is StoreStatement store)
                    consider(store.Span, store.Index, store.Display, guards);
                foreach (KernelExpression expression in KernelWalker.OwnExpressions(statement))
                    ConsiderLoads(expression, guards, consider);
                break;
        }
    }

    /// <summary>
    /// Considers every load in <paramref name="expression"/>; the selected side of <c>?:</c> and the right side of
    /// <c>&amp;&amp;</c>/<c>||</c> run only where their condition lets them, exactly like the branches of an <c>if</c>.
    /// </summary>
    private static void ConsiderLoads(KernelExpression expression, ImmutableArray<IndexGuard> guards, System.Action<string, KernelExpression, string, ImmutableArray<IndexGuard>> consider)
    {
        switch (expression)
        {
            case LoadExpression load:
                consider(load.Span, load.Index, load.Display, guards);
                ConsiderLoads(load.Index, guards, consider);
                break;
            case ConditionalExpression conditional:
                ConsiderLoads(conditional.Condition, guards, consider);
                ConsiderLoads(conditional.WhenTrue, guards.AddRange(GuardsOf(conditional.Condition, holds: true)), consider);
                ConsiderLoads(conditional.WhenFalse, guards.AddRange(GuardsOf(conditional.Condition, holds: false)), consider);
                break;
            case BinaryExpression { Operator: BinaryOperator.ConditionalAnd or BinaryOperator.ConditionalOr } shortCircuit:
                ConsiderLoads(shortCircuit.Left, guards, consider);
                ConsiderLoads(shortCircuit.Right, guards.AddRange(GuardsOf(shortCircuit.Left, holds: shortCircuit.Operator == BinaryOperator.ConditionalAnd)), consider);
                break;
            default:
                foreach (KernelExpression child in KernelWalker.Children(expression))
                    ConsiderLoads(child, guards, consider);
                break;
        }
    }

    private static bool EndsInReturn(KernelStatement statement) => statement switch
    {
        ReturnStatement => true,
        BlockStatement { Statements.Count: > 0 } block => EndsInReturn(block.Statements[block.Statements.Count - 1]),
        _ => false,
    };

    /// <summary>Index bounds implied by <paramref name="condition"/> being <paramref name="holds"/>.</summary>
    private static IEnumerable<IndexGuard> GuardsOf(KernelExpression condition, bool holds)
    {
        switch (condition)
        {
            case UnaryExpression { Operator: UnaryOperator.LogicalNot } negation:
                return GuardsOf(negation.Operand, !holds);
            case BinaryExpression { Operator: BinaryOperator.ConditionalAnd } both when holds:
                return GuardsOf(both.Left, true).Concat(GuardsOf(both.Right, true));
            case BinaryExpression { Operator: BinaryOperator.ConditionalOr } either when !holds:
                return GuardsOf(either.Left, false).Concat(GuardsOf(either.Right, false));
            case BinaryExpression compare when Comparison(compare.Operator, holds) is { } op:
                return Bound(compare.Left, op, compare.Right) ?? Bound(compare.Right, Comparisons.Mirror(op), compare.Left) ?? [];
            default:
                return [];
        }
    }

    /// <summary><c>index + offset op bound</c> as bounds on the index, when the bound is computable at entry.</summary>
    private static IEnumerable<IndexGuard>? Bound(KernelExpression side, BinaryOperator op, KernelExpression bound)
    {
        if (!EntryValues.IsParameterOnly(bound) || bound.Type != ScalarKind.Int32)
            return null;
        (int dimension, long offset)? index = side switch
        {
            IndexExpression i => (i.Dimension, 0),
            BinaryExpression { Operator: BinaryOperator.Add, Left: IndexExpression i, Right: ConstantExpression { IntegerValue: { } c } } => (i.Dimension, c),
            BinaryExpression { Operator: BinaryOperator.Add, Left: ConstantExpression { IntegerValue: { } c }, Right: IndexExpression i } => (i.Dimension, c),
            BinaryExpression { Operator: BinaryOperator.Subtract, Left: IndexExpression i, Right: ConstantExpression { IntegerValue: { } c } } => (i.Dimension, -c),
            _ => null,
        };
        if (index is not { } at)
            return null;
        // index op bound - offset, then strict comparisons tightened by one.
        KernelExpression Shift(long by) => by == 0 ? bound : new BinaryExpression(BinaryOperator.Add, bound, new ConstantExpression(ScalarKind.Int32, by.ToString(System.Globalization.CultureInfo.InvariantCulture), by), ScalarKind.Int32, false);
        return op switch
        {
            BinaryOperator.LessThan => [new IndexGuard(at.dimension, null, Shift(-at.offset - 1))],
            BinaryOperator.LessThanOrEqual => [new IndexGuard(at.dimension, null, Shift(-at.offset))],
            BinaryOperator.GreaterThan => [new IndexGuard(at.dimension, Shift(-at.offset + 1), null)],
            BinaryOperator.GreaterThanOrEqual => [new IndexGuard(at.dimension, Shift(-at.offset), null)],
            BinaryOperator.Equals => [new IndexGuard(at.dimension, Shift(-at.offset), Shift(-at.offset))],
            _ => [],
        };
    }

    private static BinaryOperator? Comparison(BinaryOperator op, bool holds) => (op, holds) switch
    {
        (BinaryOperator.LessThan or BinaryOperator.LessThanOrEqual or BinaryOperator.GreaterThan or BinaryOperator.GreaterThanOrEqual or BinaryOperator.Equals, true) => op,
        (BinaryOperator.LessThan, false) => BinaryOperator.GreaterThanOrEqual,
        (BinaryOperator.LessThanOrEqual, false) => BinaryOperator.GreaterThan,
        (BinaryOperator.GreaterThan, false) => BinaryOperator.LessThanOrEqual,
        (BinaryOperator.GreaterThanOrEqual, false) => BinaryOperator.LessThan,
        (BinaryOperator.NotEquals, false) => BinaryOperator.Equals,
        _ => null,
    };

    /// <summary>
    /// Finds the accesses every index executes: the body's top-level statements up to the first that can return,
    /// continued into counted loops that run there with bounds fixed for the whole call and no way out but their
    /// condition. Such a loop makes its variable sweep the same range for every index (<paramref name="boxLoops"/>),
    /// so the domain and those ranges form a box whose corners every access really reaches. Other branches and
    /// loops are stepped over: what they contain may not run, but what follows them does.
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
                case IfStatement or LoopStatement when !KernelWalker.Statements(statement).Any(s => s is ReturnStatement):
                    // Its own accesses may not run, but every index gets past it (or never ends) and runs what follows.
                    if (statement is IfStatement branch)
                        NoteLoads(branch.Condition, unconditional);
                    continue;
                default:
                    return;
            }
        }
    }

    private static bool IsPlain(KernelStatement statement)
        => statement is DeclareLocalStatement or AssignLocalStatement or StoreStatement or EvaluateStatement or SharedWriteStatement;

    private static void NoteLoads(KernelExpression expression, HashSet<(string, string)> unconditional)
    {
        foreach (LoadExpression load in UnconditionalLoads(expression))
            unconditional.Add((load.Span, load.Display));
    }

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
            && EntryValues.IsParameterOnly(range.First) && EntryValues.IsParameterOnly(range.Last)
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

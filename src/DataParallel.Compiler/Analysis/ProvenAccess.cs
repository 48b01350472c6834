using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// An access whose indices the entry point bounds once, by interval arithmetic over the domain and loop ranges
/// (<see cref="IndexRanges.IsBoundable"/>). When <see cref="Exact"/> (every index runs it, and the bound is attained),
/// a bound outside the span means some index would fault: the call throws <c>ArgumentException</c> before anything
/// runs. Otherwise the bound only over-approximates, and leaving the span sends the call to the checked scalar path.
/// </summary>
/// <param name="Guards">Bounds on indices that hold wherever the access runs (from enclosing conditions).</param>
/// <remarks>
/// A slice adds checks of its own, proven the same way (see <see cref="SliceBound"/> and
/// <see cref="SliceCheckStatement"/>): then <see cref="Span"/> names the slice or sliced span, <see cref="Part"/> is
/// not <see cref="ProofPart.Access"/>, <see cref="Index"/> must be ≥ 0, and <see cref="Upper"/> (when not <see cref="NoUpper"/>) must stay
/// below <see cref="Limit"/>, an int the entry point computes.
/// </remarks>
internal sealed record ProvenAccess(string Span, string Display, KernelExpression Index, bool Exact, ImmutableArray<IndexGuard> Guards)
{
    /// <summary>
    /// For an exact proof, the enclosing loops whose variable the checked expressions ignore: the access runs only
    /// when every one of them runs at least once, so the entry point proves it only then (a loop with a uniform trip
    /// count of 0 never reaches it, and the scalar kernel never checks it).
    /// </summary>
    public ImmutableArray<string> RunsIn { get; init; } = ImmutableArray<string>.Empty;

    /// <summary>Which check this is: the access itself, or one of a slice's.</summary>
    public ProofPart Part { get; init; } = ProofPart.Access;

    /// <summary>What must stay below <see cref="Limit"/>, when that is not <see cref="Index"/> itself.</summary>
    public KernelExpression? Upper { get; init; }

    /// <summary>The exclusive upper limit, computable at entry; null: the length of the span <see cref="Span"/>.</summary>
    public KernelExpression? Limit { get; init; }

    /// <summary>Only <c>Index ≥ 0</c> is checked.</summary>
    public bool NoUpper { get; init; }

    /// <summary>
    /// The <see cref="KernelNode.Id"/>s of the nodes this proves: the load or store (for <see cref="ProofPart.Access"/>
    /// and <see cref="ProofPart.SliceElement"/>) or the <see cref="SliceCheckStatement"/>. Several where one access is
    /// written more than once (a helper inlined twice) and one proof covers every copy.
    /// </summary>
    public ImmutableArray<int> NodeIds { get; init; } = ImmutableArray<int>.Empty;

    /// <summary>Whether this proves an access itself (whose loads and stores may then go unchecked).</summary>
    public bool IsAccess => Part == ProofPart.Access;
}

/// <summary>
/// A bound on an index that holds wherever an access runs, taken from an enclosing <c>if</c> (or an earlier
/// <c>if (…) return;</c>): <c>AtLeast ≤ index + Offset ≤ AtMost</c>, each side a long computable at entry or null.
/// It lets the entry point prove guarded accesses such as <c>if (i &gt; 0) y[i] = x[i - 1];</c>. The kernel computes
/// <c>index + Offset</c> in int, so the entry point applies the bound only where that cannot wrap.
/// </summary>
internal sealed record IndexGuard(int Dimension, long Offset, KernelExpression? AtLeast, KernelExpression? AtMost);

internal static class AccessProof
{
    /// <summary>The proof of the load or store with <see cref="KernelNode.Id"/> <paramref name="access"/> itself, or null.</summary>
    public static ProvenAccess? ProofOf(this ImmutableArray<ProvenAccess> proven, int access)
        => proven.FirstOrDefault(p => p.IsAccess && p.NodeIds.Contains(access));

    public static ImmutableArray<ProvenAccess> Collect(KernelModel kernel, IndexRanges ranges, bool exactOnly)
    {
        // By node, not by span and display: one display can stand for an access that every index makes and for another
        // (a helper inlined twice) under a condition or in a loop that may not run.
        var unconditional = new HashSet<int>();
        var boxLoops = new HashSet<string>();
        CollectUnconditional(kernel.Body, ranges, unconditional, boxLoops);

        var proven = new List<ProvenAccess>();
        // Copies of one access (equal checks under one display) share a proof; an access that cannot be proven, or
        // whose copies cannot share one, takes every node of that proof with it.
        var unbounded = new HashSet<(int, ProofPart)>();
        void Consider(ProvenAccess candidate, KernelNode node, ImmutableArray<string> loops)
        {
            candidate = candidate with { NodeIds = ImmutableArray.Create(node.Id) };
            if (!IsBoundable(candidate, ranges))
            {
                unbounded.Add((node.Id, candidate.Part));
                return;
            }
            bool exact = unconditional.Contains(node.Id) && loops.All(boxLoops.Contains) && ranges.IsExact(candidate.Index, boxLoops)
                && (candidate.Upper is null || ranges.IsExact(candidate.Upper, boxLoops));
            ImmutableArray<string> runsIn = exact ? loops.Where(loop => !Mentions(candidate, loop, ranges)).ToImmutableArray() : ImmutableArray<string>.Empty;
            int existing = proven.FindIndex(p => p.Span == candidate.Span && p.Display == candidate.Display && p.Part == candidate.Part
                && p.Index.Equals(candidate.Index) && Equals(p.Upper, candidate.Upper));
            if (existing >= 0)
            {
                // The same access written twice: one proof must cover both copies. It stays exact (may throw) where a
                // copy that every index runs justifies it and the loops it is proven under are those of both copies;
                // otherwise it over-approximates, with only the guards both share.
                ProvenAccess first = proven[existing];
                ImmutableArray<string>? mergedRunsIn = (first.Exact, exact) switch
                {
                    (true, true) when first.RunsIn.SequenceEqual(runsIn) => runsIn,
                    (true, _) when first.RunsIn.IsEmpty => first.RunsIn,
                    (_, true) when runsIn.IsEmpty => runsIn,
                    _ => null,
                };
                if (mergedRunsIn is null && exactOnly)
                {
                    foreach (int id in first.NodeIds.Add(node.Id))
                        unbounded.Add((id, candidate.Part));
                    return;
                }
                ImmutableArray<int> nodes = first.NodeIds.Contains(node.Id) ? first.NodeIds : first.NodeIds.Add(node.Id);
                proven[existing] = mergedRunsIn is { } both
                    ? first with { Exact = true, Guards = ImmutableArray<IndexGuard>.Empty, RunsIn = both, NodeIds = nodes }
                    : first with { Exact = false, Guards = first.Guards.Where(candidate.Guards.Contains).ToImmutableArray(), RunsIn = ImmutableArray<string>.Empty, NodeIds = nodes };
                return;
            }
            if (exact || !exactOnly)
                proven.Add(candidate with { Exact = exact, Guards = exact ? ImmutableArray<IndexGuard>.Empty : candidate.Guards, RunsIn = runsIn });
        }
        WalkGuarded(kernel.Body, ImmutableArray<IndexGuard>.Empty, ImmutableArray<string>.Empty, Consider);
        return proven.Where(p => !p.NodeIds.Any(id => unbounded.Contains((id, p.Part)))).ToImmutableArray();
    }

    /// <summary>
    /// The first slice check the entry point cannot bound (a data-dependent start or position, a slice local that is
    /// not stable), described for DP3001, or null. Vector code has no per-lane form of a slice's checks, so such a
    /// kernel runs as written.
    /// </summary>
    /// <returns>The description and the <see cref="KernelNode.Id"/> of the access or slice check.</returns>
    public static (string Description, int NodeId)? UnboundedSlice(KernelModel kernel, IndexRanges ranges)
    {
        ProvenAccess? found = null;
        int nodeId = KernelNode.NoSource;
        WalkGuarded(kernel.Body, ImmutableArray<IndexGuard>.Empty, ImmutableArray<string>.Empty, (candidate, node, _) =>
        {
            if (found is null && !candidate.IsAccess && !IsBoundable(candidate, ranges))
                (found, nodeId) = (candidate, node.Id);
        });
        if (found is null)
            return null;
        return (found.Part == ProofPart.SliceElement ? $"the index of {found.Display} within the slice '{found.Span}'" : $"the slice {found.Display}", nodeId);
    }

    /// <summary>
    /// Whether the checked expressions depend on a loop's variable: only then does a loop that never runs make their
    /// intervals vacuous (empty). An access or slice in a loop whose index ignores the loop variable is checked by the
    /// kernel only if the loop runs at all (<see cref="ProvenAccess.RunsIn"/>), so failing it must not throw at entry.
    /// </summary>
    private static bool Mentions(ProvenAccess candidate, string loop, IndexRanges ranges)
    {
        bool Uses(KernelExpression expression, int depth) => depth < 64 && KernelWalker.Expressions(expression).OfType<LocalExpression>().Any(local =>
            local.Name == loop || (ranges.Definitions.TryGetValue(local.Name, out KernelExpression? definition) && Uses(definition, depth + 1)));
        return Uses(candidate.Index, 0) && (candidate.NoUpper || Uses(candidate.Upper ?? candidate.Index, 0));
    }

    private static bool IsBoundable(ProvenAccess candidate, IndexRanges ranges)
        => ranges.IsBoundable(candidate.Index)
            && (candidate.Upper is null || ranges.IsBoundable(candidate.Upper))
            && (candidate.Limit is null || EntryValues.IsParameterOnly(candidate.Limit));

    /// <summary>An access's own check and, through a slice, the slice's: <c>0 ≤ position &lt; slice length</c>.</summary>
    private static IEnumerable<ProvenAccess> Obligations(string span, KernelExpression index, string display, SliceBound? slice, ImmutableArray<IndexGuard> guards)
    {
        yield return new ProvenAccess(span, display, index, false, guards);
        if (slice is not null)
            yield return Within(slice.View, display, ProofPart.SliceElement, slice.Position, slice.Position, slice.Length, guards);
    }

    /// <summary>The argument check of <c>Slice(start, length)</c>: start ≥ 0, length ≥ 0, start + length ≤ source length.</summary>
    private static IEnumerable<ProvenAccess> Obligations(SliceCheckStatement check, ImmutableArray<IndexGuard> guards)
    {
        if (check.Start is not ConstantExpression { IntegerValue: >= 0 })
            yield return new ProvenAccess(check.Source, check.Display, check.Start, false, guards) { Part = ProofPart.SliceStart, NoUpper = true, Limit = new ConstantExpression(ScalarKind.Int32, "0", 0) };
        KernelExpression last = LinearSum.Subtract(LinearSum.Add(check.Start, check.Length), new ConstantExpression(ScalarKind.Int32, "1", 1));
        yield return Within(check.Source, check.Display, ProofPart.SliceEnd, check.Length, last, check.SourceLength, guards);
    }

    /// <summary>
    /// <c>0 ≤ lower</c> and <c>upper &lt; limit</c>, with the part of <paramref name="limit"/> the entry point cannot
    /// compute (it varies with the indices) moved to the left: <c>upper − varying &lt; atEntry</c>.
    /// </summary>
    private static ProvenAccess Within(string span, string display, ProofPart part, KernelExpression lower, KernelExpression upper, KernelExpression limit, ImmutableArray<IndexGuard> guards)
    {
        var (atEntry, varying) = LinearSum.Split(limit, EntryValues.IsParameterOnly);
        return new ProvenAccess(span, display, lower, false, guards)
        {
            Part = part,
            Upper = varying is null ? upper : LinearSum.Subtract(upper, varying),
            Limit = atEntry ?? new ConstantExpression(ScalarKind.Int32, "0", 0),
        };
    }

    private static void WalkGuarded(KernelStatement statement, ImmutableArray<IndexGuard> guards, ImmutableArray<string> loops, System.Action<ProvenAccess, KernelNode, ImmutableArray<string>> consider)
    {
        switch (statement)
        {
            case BlockStatement block:
                foreach (KernelStatement inner in block.Statements)
                {
                    WalkGuarded(inner, guards, loops, consider);
                    // After `if (c) return;` the rest of the block runs only where c is false.
                    if (inner is IfStatement { Else: null } exit && EndsInReturn(exit.Then))
                        guards = guards.AddRange(GuardsOf(exit.Condition, holds: false));
                }
                break;
            case IfStatement branch:
                ConsiderLoads(branch.Condition, guards, loops, consider);
                WalkGuarded(branch.Then, guards.AddRange(GuardsOf(branch.Condition, holds: true)), loops, consider);
                if (branch.Else is not null)
                    WalkGuarded(branch.Else, guards.AddRange(GuardsOf(branch.Condition, holds: false)), loops, consider);
                break;
            case LoopStatement loop:
            {
                ImmutableArray<string> inside = loop.Initializers.Count == 1 && loop.Initializers[0] is DeclareLocalStatement variable ? loops.Add(variable.Name) : loops;
                foreach (KernelStatement initializer in loop.Initializers)
                    WalkGuarded(initializer, guards, loops, consider);
                foreach (KernelStatement part in loop.Increments.Append(loop.Body))
                    WalkGuarded(part, guards, inside, consider);
                if (loop.Condition is not null)
                    ConsiderLoads(loop.Condition, guards, inside, consider);
                break;
            }
            default:
                if (statement is StoreStatement store)
                {
                    foreach (ProvenAccess obligation in Obligations(store.Span, store.Index, store.Display, store.Slice, guards))
                        consider(obligation, store, loops);
                }
                if (statement is SliceCheckStatement check)
                {
                    foreach (ProvenAccess obligation in Obligations(check, guards))
                        consider(obligation, check, loops);
                }
                foreach (KernelExpression expression in KernelWalker.OwnExpressions(statement))
                    ConsiderLoads(expression, guards, loops, consider);
                break;
        }
    }

    /// <summary>
    /// Considers every load in <paramref name="expression"/>; the selected side of <c>?:</c> and the right side of
    /// <c>&amp;&amp;</c>/<c>||</c> run only where their condition lets them, exactly like the branches of an <c>if</c>.
    /// </summary>
    private static void ConsiderLoads(KernelExpression expression, ImmutableArray<IndexGuard> guards, ImmutableArray<string> loops, System.Action<ProvenAccess, KernelNode, ImmutableArray<string>> consider)
    {
        switch (expression)
        {
            case LoadExpression load:
                foreach (ProvenAccess obligation in Obligations(load.Span, load.Index, load.Display, load.Slice, guards))
                    consider(obligation, load, loops);
                ConsiderLoads(load.Index, guards, loops, consider);
                break;
            case ConditionalExpression conditional:
                ConsiderLoads(conditional.Condition, guards, loops, consider);
                ConsiderLoads(conditional.WhenTrue, guards.AddRange(GuardsOf(conditional.Condition, holds: true)), loops, consider);
                ConsiderLoads(conditional.WhenFalse, guards.AddRange(GuardsOf(conditional.Condition, holds: false)), loops, consider);
                break;
            case BinaryExpression { Operator: BinaryOperator.ConditionalAnd or BinaryOperator.ConditionalOr } shortCircuit:
                ConsiderLoads(shortCircuit.Left, guards, loops, consider);
                ConsiderLoads(shortCircuit.Right, guards.AddRange(GuardsOf(shortCircuit.Left, holds: shortCircuit.Operator == BinaryOperator.ConditionalAnd)), loops, consider);
                break;
            default:
                foreach (KernelExpression child in KernelWalker.Children(expression))
                    ConsiderLoads(child, guards, loops, consider);
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
        // Strict comparisons tightened by one, in long: the kernel compares the int bound as it is, and bound ± 1 may
        // not fit in an int.
        KernelExpression wide = new ConvertExpression(bound, ScalarKind.Int64, false);
        KernelExpression Tighten(long by) => by == 0 ? wide : new BinaryExpression(BinaryOperator.Add, wide, new ConstantExpression(ScalarKind.Int64, LiteralFormatter.Format(by, ScalarKind.Int64), by), ScalarKind.Int64, false);
        return op switch
        {
            BinaryOperator.LessThan => [new IndexGuard(at.dimension, at.offset, null, Tighten(-1))],
            BinaryOperator.LessThanOrEqual => [new IndexGuard(at.dimension, at.offset, null, wide)],
            BinaryOperator.GreaterThan => [new IndexGuard(at.dimension, at.offset, Tighten(1), null)],
            BinaryOperator.GreaterThanOrEqual => [new IndexGuard(at.dimension, at.offset, wide, null)],
            BinaryOperator.Equals => [new IndexGuard(at.dimension, at.offset, wide, wide)],
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
    private static void CollectUnconditional(BlockStatement block, IndexRanges ranges, HashSet<int> unconditional, HashSet<string> boxLoops)
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
        => statement is DeclareLocalStatement or AssignLocalStatement or StoreStatement or EvaluateStatement or SharedWriteStatement or SliceCheckStatement;

    private static void NoteLoads(KernelExpression expression, HashSet<int> unconditional)
    {
        foreach (LoadExpression load in UnconditionalLoads(expression))
            unconditional.Add(load.Id);
    }

    private static void Note(KernelStatement statement, HashSet<int> unconditional)
    {
        if (statement is StoreStatement store)
            unconditional.Add(store.Id);
        if (statement is SliceCheckStatement check)
            unconditional.Add(check.Id);
        foreach (KernelExpression expression in KernelWalker.OwnExpressions(statement))
        {
            foreach (LoadExpression load in UnconditionalLoads(expression))
                unconditional.Add(load.Id);
        }
    }

    private static bool IsBoxLoop(LoopStatement loop, IndexRanges ranges, out string? variable)
    {
        variable = loop.Initializers.Count == 1 && loop.Initializers[0] is DeclareLocalStatement declare ? declare.Name : null;
        return variable is not null
            && ranges.Loops.TryGetValue(variable, out LoopRange? range)
            && EntryValues.IsParameterOnly(range.First) && EntryValues.IsParameterOnly(range.Last)
            // A larger step may skip the last value of the range, which is then not attained.
            && range.UnitStep
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

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// Walks a kernel body once, in order, as an abstract interpreter: every local holds an <see cref="AbstractValue"/>
/// (its exact polynomial when it is an affine function of indices, loop variables and uniforms), every branch adds
/// its condition as a guard, every loop with a constant-step induction variable adds a loop atom with its range.
/// The result is each span access as an <see cref="AccessSite"/>: its <see cref="AccessForm"/> and the
/// <see cref="AccessContext"/> that dominates it. Locals with one definition are thereby substituted, and so are
/// locals redefined along the way (the value at the access is the one used). Spans are parameters only: the body
/// reader has already resolved accesses through span locals and slices to their parameter at offset + position.
/// </summary>
internal sealed class AccessCollector
{
    private const int LoopFixpointRounds = 4;

    private readonly AccessAnalysisInput _input;
    private readonly ImmutableArray<PolynomialAtom> _indexAtoms;
    private readonly HashSet<string> _writtenSpans = new(StringComparer.Ordinal);
    private readonly HashSet<string> _writtenStatics = new(StringComparer.Ordinal);

    /// <summary>The source name of each local the kernel declares, by IR name, for messages.</summary>
    private readonly Dictionary<string, string> _sourceNames = new(StringComparer.Ordinal);

    /// <summary>The pseudo-span of each written static field or ref parameter, by name: its reads are accesses too.</summary>
    private readonly Dictionary<string, string> _sharedSpans = new(StringComparer.Ordinal);
    private readonly List<AccessSite> _sites = new();
    private readonly HashSet<int> _uniformLoads = new();
    private readonly int _allIndices;
    private int _recordingSuspended;

    private AccessCollector(AccessAnalysisInput input)
    {
        _input = input;
        _indexAtoms = Enumerable.Range(0, input.Dimensions).Select(d => PolynomialAtom.Index(d, input.IndexName(d))).ToImmutableArray();
        _allIndices = (1 << input.Dimensions) - 1;
        foreach (KernelStatement statement in KernelWalker.Statements(input.Body))
        {
            if (statement is StoreStatement store)
                _writtenSpans.Add(store.Span);
            else if (statement is DeclareLocalStatement { SourceName: { } sourceName } declare)
                _sourceNames[declare.Name] = sourceName;
            else if (statement is SharedWriteStatement shared)
            {
                _writtenSpans.Add(SharedSpan(shared));
                _writtenStatics.Add(shared.Target);
                _sharedSpans[shared.Target] = SharedSpan(shared);
            }
        }
    }

    public static KernelAccesses Collect(AccessAnalysisInput input)
    {
        var collector = new AccessCollector(input);
        collector.ExecuteBlock(input.Body.Statements, new Dictionary<string, AbstractValue>(StringComparer.Ordinal), AccessContext.Root);
        return new KernelAccesses(input, collector._sites.ToImmutableArray(), collector._indexAtoms, collector._writtenSpans.ToImmutableHashSet(), collector._uniformLoads);
    }

    /// <summary>The pseudo-span a shared write writes: one element, named after what it writes.</summary>
    public static string SharedSpan(SharedWriteStatement shared) => "<" + shared.Display + ">";

    // ---- statements -------------------------------------------------------------------------------------------

    private StatementOutcome ExecuteBlock(IReadOnlyList<KernelStatement> statements, Dictionary<string, AbstractValue> env, AccessContext context)
    {
        var combined = StatementOutcome.Normal;
        foreach (KernelStatement statement in statements)
        {
            StatementOutcome outcome = Execute(statement, env, context);
            combined = combined with
            {
                MayReturn = combined.MayReturn || outcome.MayReturn,
                MayLeaveLoop = combined.MayLeaveLoop || outcome.MayLeaveLoop,
                MayBreak = combined.MayBreak || outcome.MayBreak,
                ExitDependsOnIndex = combined.ExitDependsOnIndex || outcome.ExitDependsOnIndex,
            };
            if (outcome.AlwaysExits)
                return combined with { AlwaysExits = true };
            if (outcome.RestGuard is { } rest)
                context = context.WithGuards(rest);
            else if (outcome.MayExit && outcome.ExitDependsOnIndex)
                context = context.Inexact();
        }
        return combined;
    }

    private StatementOutcome Execute(KernelStatement statement, Dictionary<string, AbstractValue> env, AccessContext context)
    {
        switch (statement)
        {
            case BlockStatement block:
                return ExecuteBlock(block.Statements, env, context);
            case DeclareLocalStatement declare:
                if (declare.Initializer is { } init)
                {
                    RecordLoads(init, env, context);
                    env[declare.Name] = Local(declare.Name, Evaluate(init, env));
                }
                else
                {
                    env[declare.Name] = AbstractValue.Opaque;
                }
                return StatementOutcome.Normal;
            case AssignLocalStatement assign:
                RecordLoads(assign.Value, env, context);
                env[assign.Name] = Local(assign.Name, Evaluate(assign.Value, env));
                return StatementOutcome.Normal;
            case StoreStatement store:
            {
                AbstractValue subscript = Evaluate(store.Index, env);
                RecordLoads(store.Index, env, context);
                RecordLoads(store.Value, env, context);
                var (accumulation, readBack) = Accumulation(store);
                AddSite(store, store.Span, true, AccessForm.Of(subscript), context, store.Display, accumulation, readBack, null);
                return StatementOutcome.Normal;
            }
            case SharedWriteStatement shared:
                AddSite(shared, SharedSpan(shared), true, AccessForm.SingleElement, context, shared.Target, null, null, shared.Display);
                return StatementOutcome.Normal;
            case EvaluateStatement evaluate:
                RecordLoads(evaluate.Expression, env, context);
                return StatementOutcome.Normal;
            case ReturnStatement ret:
                if (ret.Value is { } value)
                    RecordLoads(value, env, context);
                return StatementOutcome.Return;
            case BreakStatement:
                return StatementOutcome.Break;
            case ContinueStatement:
                return StatementOutcome.Continue;
            case IfStatement branch:
                return ExecuteIf(branch, env, context);
            case LoopStatement loop:
                return ExecuteLoop(loop, env, context);
            default:
                return StatementOutcome.Normal;
        }
    }

    private StatementOutcome ExecuteIf(IfStatement branch, Dictionary<string, AbstractValue> env, AccessContext context)
    {
        RecordLoads(branch.Condition, env, context);
        AbstractValue condition = Evaluate(branch.Condition, env);
        GuardSet whenTrue = Guards(branch.Condition, env, negate: false);
        GuardSet whenFalse = Guards(branch.Condition, env, negate: true);
        bool indexCondition = ConstrainsIndices(condition) || !whenTrue.Exact || whenTrue.Constraints.Any(c => c.Expression.HasVariables);

        var thenEnv = new Dictionary<string, AbstractValue>(env, StringComparer.Ordinal);
        StatementOutcome thenOutcome = Execute(branch.Then, thenEnv, context.WithGuards(whenTrue));
        var elseEnv = new Dictionary<string, AbstractValue>(env, StringComparer.Ordinal);
        StatementOutcome elseOutcome = branch.Else is null ? StatementOutcome.Normal : Execute(branch.Else, elseEnv, context.WithGuards(whenFalse));

        var outcome = new StatementOutcome(
            thenOutcome.AlwaysExits && elseOutcome.AlwaysExits,
            thenOutcome.MayReturn || elseOutcome.MayReturn,
            thenOutcome.MayLeaveLoop || elseOutcome.MayLeaveLoop,
            thenOutcome.MayBreak || elseOutcome.MayBreak,
            thenOutcome.ExitDependsOnIndex || elseOutcome.ExitDependsOnIndex || (indexCondition && (thenOutcome.MayExit || elseOutcome.MayExit)),
            null);

        Dictionary<string, AbstractValue> after;
        if (thenOutcome.AlwaysExits && !elseOutcome.AlwaysExits)
        {
            after = elseEnv;
            // Code after `if (c) return;` runs only where !c: a guard, unless the surviving branch itself may exit on an index condition.
            if (!(elseOutcome.MayExit && elseOutcome.ExitDependsOnIndex))
                outcome = outcome with { RestGuard = whenFalse };
        }
        else if (elseOutcome.AlwaysExits && !thenOutcome.AlwaysExits)
        {
            after = thenEnv;
            if (!(thenOutcome.MayExit && thenOutcome.ExitDependsOnIndex))
                outcome = outcome with { RestGuard = whenTrue };
        }
        else
        {
            after = Merge(thenEnv, elseEnv, condition);
        }
        env.Clear();
        foreach (var pair in after)
            env[pair.Key] = pair.Value;
        return outcome;
    }

    private StatementOutcome ExecuteLoop(LoopStatement loop, Dictionary<string, AbstractValue> env, AccessContext context)
    {
        foreach (KernelStatement initializer in loop.Initializers)
            Execute(initializer, env, context);

        var assigned = new HashSet<string>(StringComparer.Ordinal);
        foreach (KernelStatement statement in loop.Increments.Append(loop.Body).SelectMany(KernelWalker.Statements))
        {
            if (statement is AssignLocalStatement a)
                assigned.Add(a.Name);
            else if (statement is DeclareLocalStatement d)
                assigned.Add(d.Name);
        }

        Induction? induction = FindInduction(loop, env, assigned);
        var entry = new Dictionary<string, AbstractValue>(env, StringComparer.Ordinal);

        // The values at the loop head: the entry values merged with what one more iteration makes of them, to a fixed point.
        var head = new Dictionary<string, AbstractValue>(env, StringComparer.Ordinal);
        if (induction is { } ind)
            head[ind.Local] = AbstractValue.Exact(ind.HeadValue);
        AbstractValue control = loop.Condition is null ? AbstractValue.Opaque : Evaluate(loop.Condition, head);
        _recordingSuspended++;
        try
        {
            bool stable = false;
            for (int round = 0; round < LoopFixpointRounds && !stable; round++)
            {
                var iteration = new Dictionary<string, AbstractValue>(head, StringComparer.Ordinal);
                ExecuteBlock([loop.Body, .. loop.Increments], iteration, context);
                stable = true;
                foreach (string name in assigned)
                {
                    if (induction?.Local == name)
                        continue;
                    AbstractValue merged = MergeValue(entry, iteration, name, control);
                    if (!head.TryGetValue(name, out AbstractValue? old) || !Equals(old, merged))
                    {
                        stable = false;
                        head[name] = merged;
                    }
                }
            }
            if (!stable)
            {
                foreach (string name in assigned.Where(n => induction?.Local != n))
                    head[name] = AbstractValue.Unknown(true, _allIndices, true);
            }
        }
        finally
        {
            _recordingSuspended--;
        }

        AccessContext inside = context;
        if (induction is { } found)
        {
            inside = inside.WithLoop(found.Range);
            if (found.Range.Step is > 1 or < -1)
                inside = inside with { Guards = inside.Guards.Add(new GuardConstraint(Polynomial.Of(found.Atom).Subtract(found.Range.Init), GuardRelation.RemainderEquals, Math.Abs(found.Range.Step), 0)) };
        }
        if (loop.Condition is { } condition)
        {
            RecordLoads(condition, head, inside);
            if (!loop.ConditionAfterBody)
                inside = inside.WithGuards(Guards(condition, head, negate: false));
        }
        var body = new Dictionary<string, AbstractValue>(head, StringComparer.Ordinal);
        StatementOutcome outcome = ExecuteBlock([loop.Body, .. loop.Increments], body, inside);

        // After the loop: whatever the loop assigns is what the last iteration left, which the analysis does not know.
        foreach (string name in assigned)
        {
            AbstractValue final = induction?.Local == name
                ? AbstractValue.Unknown(false, IndexMaskOf(induction.Value.Range), false)
                : MergeValue(entry, body, name, control);
            if (final.Polynomial is not null && final.Polynomial.Atoms.Any(a => a.Kind == AtomKind.Loop))
                final = final.AsUnknown();
            env[name] = final;
        }
        return new StatementOutcome(false, outcome.MayReturn, false, false, outcome.MayReturn && (outcome.ExitDependsOnIndex || ConstrainsIndices(control)), null);
    }

    /// <summary>A loop's induction variable: its atom, its value at the loop head in terms of the atom, and the atom's range.</summary>
    private readonly record struct Induction(string Local, PolynomialAtom Atom, Polynomial HeadValue, InductionRange Range);

    /// <summary>
    /// The loop's induction variable: assigned in the loop only by one <c>v = v ± c</c> (in the increments of a
    /// <c>for</c>, or at the top level of the body of a loop with no <c>continue</c>), with a polynomial value before
    /// the loop. Its range comes from the loop's condition, when that compares it with a loop-invariant bound.
    /// </summary>
    private Induction? FindInduction(LoopStatement loop, Dictionary<string, AbstractValue> env, HashSet<string> assigned)
    {
        var statements = KernelWalker.Statements(loop.Body).Concat(loop.Increments.SelectMany(KernelWalker.Statements)).ToList();
        bool hasContinue = statements.Any(s => s is ContinueStatement) || ContainsOwnContinue(loop.Body);
        bool leavesEarly = ContainsOwnBreak(loop.Body) || statements.Any(s => s is ReturnStatement);
        var topLevel = loop.Increments.Concat(TopLevel(loop.Body).Where(_ => !hasContinue)).ToList();

        foreach (string name in assigned)
        {
            var assignments = statements.Where(s => s is AssignLocalStatement a && a.Name == name || s is DeclareLocalStatement d && d.Name == name).ToList();
            if (assignments.Count != 1 || !topLevel.Contains(assignments[0]) || assignments[0] is not AssignLocalStatement step)
                continue;
            if (StepOf(step) is not { } delta || delta == 0)
                continue;
            if (!env.TryGetValue(name, out AbstractValue? initial) || initial.Polynomial is not { } init)
                continue;

            var atom = PolynomialAtom.Loop(name, _sourceNames.TryGetValue(name, out string? sourceName) ? sourceName : name);
            Polynomial? lower = null, upper = null;
            bool boundsExact = true;
            if (loop.Condition is { } condition && !loop.ConditionAfterBody)
            {
                var probe = new Dictionary<string, AbstractValue>(env, StringComparer.Ordinal) { [name] = AbstractValue.Exact(Polynomial.Of(atom)) };
                GuardSet guards = Guards(condition, probe, negate: false);
                boundsExact = guards.Exact;
                foreach (GuardConstraint guard in guards.Constraints.Where(g => g.Relation == GuardRelation.NonNegative))
                {
                    long coefficient = guard.Expression.CoefficientOf(atom).ConstantValue ?? 0;
                    Polynomial rest = guard.Expression.Subtract(Polynomial.Of(atom).Scale(coefficient));
                    if (rest.Atoms.Contains(atom) || rest.Atoms.Any(a => a.Kind == AtomKind.Loop && assigned.Contains(a.Key.Substring(2))))
                        continue;
                    if (coefficient == -1 && upper is null)
                        upper = rest.Add(Polynomial.Constant(1));   // rest - v >= 0  =>  v < rest + 1
                    else if (coefficient == 1 && lower is null)
                        lower = rest.Negate();                      // v + rest >= 0  =>  v >= -rest
                }
            }
            else
            {
                boundsExact = false;
            }

            Polynomial? from = delta > 0 ? init : lower;
            Polynomial? to = delta > 0 ? upper : init.Add(Polynomial.Constant(1));
            bool exact = boundsExact && !leavesEarly && (delta > 0 ? upper is not null : lower is not null) && !ConditionUsesAssigned(loop.Condition, assigned, name);

            // A loop that starts where the index says (`for (k = i * n; k < i * n + n; k++)`) is counted from its
            // start, so that subscripts show their dependence on the index: k = i * n + t, t in [0, n).
            if (delta is 1 or -1 && init.Variables.Any(v => v.Kind == AtomKind.Index) && from is not null && to is not null)
            {
                Polynomial trips = delta > 0 ? to.Subtract(init) : init.Add(Polynomial.Constant(1)).Subtract(from);
                Polynomial value = delta > 0 ? init.Add(Polynomial.Of(atom)) : init.Subtract(Polynomial.Of(atom));
                return new Induction(name, atom, value, new InductionRange(atom, Polynomial.Zero, 1, Polynomial.Zero, trips, exact, init, (int)delta));
            }
            return new Induction(name, atom, Polynomial.Of(atom), new InductionRange(atom, init, delta, from, to, exact));
        }
        return null;
    }

    private static bool ConditionUsesAssigned(KernelExpression? condition, HashSet<string> assigned, string induction)
        => condition is not null && KernelWalker.Expressions(condition).OfType<LocalExpression>().Any(l => l.Name != induction && assigned.Contains(l.Name));

    private static long? StepOf(AssignLocalStatement assign)
    {
        KernelExpression value = StripConversions(assign.Value);
        if (value is BinaryExpression { Operator: BinaryOperator.Add or BinaryOperator.Subtract } binary
            && StripConversions(binary.Left) is LocalExpression local && local.Name == assign.Name
            && StripConversions(binary.Right) is ConstantExpression { IntegerValue: { } c })
            return binary.Operator == BinaryOperator.Add ? c : -c;
        if (value is BinaryExpression { Operator: BinaryOperator.Add } flipped
            && StripConversions(flipped.Right) is LocalExpression right && right.Name == assign.Name
            && StripConversions(flipped.Left) is ConstantExpression { IntegerValue: { } c2 })
            return c2;
        return null;
    }

    private static IEnumerable<KernelStatement> TopLevel(KernelStatement statement)
        => statement is BlockStatement block ? block.Statements.SelectMany(TopLevel) : [statement];

    /// <summary>A <c>break</c> that leaves this loop (not one of a nested loop).</summary>
    private static bool ContainsOwnBreak(KernelStatement statement) => statement switch
    {
        BreakStatement => true,
        BlockStatement block => block.Statements.Any(ContainsOwnBreak),
        IfStatement branch => ContainsOwnBreak(branch.Then) || (branch.Else is not null && ContainsOwnBreak(branch.Else)),
        _ => false,
    };

    private static bool ContainsOwnContinue(KernelStatement statement) => statement switch
    {
        ContinueStatement => true,
        BlockStatement block => block.Statements.Any(ContainsOwnContinue),
        IfStatement branch => ContainsOwnContinue(branch.Then) || (branch.Else is not null && ContainsOwnContinue(branch.Else)),
        _ => false,
    };

    private int IndexMaskOf(InductionRange range)
        => AbstractValue.Exact(range.Init).IndexMask | (range.Upper is null ? 0 : AbstractValue.Exact(range.Upper).IndexMask) | (range.Lower is null ? 0 : AbstractValue.Exact(range.Lower).IndexMask);

    private static AbstractValue MergeValue(Dictionary<string, AbstractValue> a, Dictionary<string, AbstractValue> b, string name, AbstractValue control)
    {
        bool inA = a.TryGetValue(name, out AbstractValue? va);
        bool inB = b.TryGetValue(name, out AbstractValue? vb);
        if (inA && inB)
            return AbstractValue.Merge(va!, vb!, control);
        return (inA ? va : vb) ?? AbstractValue.Opaque;
    }

    private static Dictionary<string, AbstractValue> Merge(Dictionary<string, AbstractValue> a, Dictionary<string, AbstractValue> b, AbstractValue control)
    {
        var merged = new Dictionary<string, AbstractValue>(StringComparer.Ordinal);
        foreach (string name in a.Keys.Union(b.Keys))
            merged[name] = MergeValue(a, b, name, control);
        return merged;
    }

    /// <summary>A condition that depends on the indices or loop variables other than through data.</summary>
    private static bool ConstrainsIndices(AbstractValue condition)
        => !condition.DataDependent && (condition.IndexMask != 0 || condition.LoopDependent);

    private AbstractValue Local(string name, AbstractValue value)
        => _input.Untrusted.Contains(name) ? AbstractValue.Unknown(true, _allIndices, true) : value;

    // ---- accesses ---------------------------------------------------------------------------------------------

    private void AddSite(KernelNode node, string span, bool isWrite, AccessForm form, AccessContext context, string display, string? accumulation, int? readBack, string? shared)
    {
        if (_recordingSuspended > 0)
            return;
        _sites.Add(new AccessSite(_sites.Count, node, span, isWrite, form, context, display, accumulation, readBack, shared));
    }

    /// <summary>Records every load <paramref name="expression"/> performs, each under the guards that decide whether it runs.</summary>
    private void RecordLoads(KernelExpression expression, Dictionary<string, AbstractValue> env, AccessContext context)
    {
        switch (expression)
        {
            case LoadExpression load:
                RecordLoads(load.Index, env, context);
                AddSite(load, load.Span, false, AccessForm.Of(Evaluate(load.Index, env)), context, load.Display, null, null, null);
                break;
            case ConditionalExpression conditional:
                RecordLoads(conditional.Condition, env, context);
                RecordLoads(conditional.WhenTrue, env, context.WithGuards(Guards(conditional.Condition, env, negate: false)));
                RecordLoads(conditional.WhenFalse, env, context.WithGuards(Guards(conditional.Condition, env, negate: true)));
                break;
            case BinaryExpression { Operator: BinaryOperator.ConditionalAnd or BinaryOperator.ConditionalOr } shortCircuit:
                RecordLoads(shortCircuit.Left, env, context);
                RecordLoads(shortCircuit.Right, env, context.WithGuards(Guards(shortCircuit.Left, env, negate: shortCircuit.Operator == BinaryOperator.ConditionalOr)));
                break;
            case StaticFieldExpression field when _sharedSpans.TryGetValue(ShortName(field.FullyQualifiedName), out string? fieldSpan):
                // A read of shared state some index writes: it races with that write unless the same index does both.
                AddSite(field, fieldSpan, false, AccessForm.SingleElement, context, ShortName(field.FullyQualifiedName), null, null, null);
                break;
            case UniformExpression uniform when _sharedSpans.TryGetValue(uniform.Name, out string? parameterSpan):
                AddSite(uniform, parameterSpan, false, AccessForm.SingleElement, context, uniform.Name, null, null, null);
                break;
            default:
                foreach (KernelExpression child in KernelWalker.Children(expression))
                    RecordLoads(child, env, context);
                break;
        }
    }

    /// <summary>
    /// For a store <c>T = T op e</c> (compound assignments, <c>++</c>, <c>--</c>, <c>T = Math.Max(T, e)</c>): the
    /// operation and the load of <c>T</c> that belongs to it.
    /// </summary>
    private static (string? Operation, int? ReadBack) Accumulation(StoreStatement store)
    {
        bool IsTarget(KernelExpression e) => StripConversions(e) is LoadExpression load && load.Span == store.Span && load.Index.Equals(store.Index);
        int Target(KernelExpression e) => StripConversions(e).Id;

        switch (StripConversions(store.Value))
        {
            case BinaryExpression binary when binary.Operator is BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply
                or BinaryOperator.And or BinaryOperator.Or or BinaryOperator.ExclusiveOr:
                if (IsTarget(binary.Left))
                    return (Symbol(binary.Operator), Target(binary.Left));
                if (binary.Operator != BinaryOperator.Subtract && IsTarget(binary.Right))
                    return (Symbol(binary.Operator), Target(binary.Right));
                break;
            case MathCallExpression { Method: "Max" or "Min", Arguments.Count: 2 } call:
                if (IsTarget(call.Arguments[0]))
                    return (call.Method, Target(call.Arguments[0]));
                if (IsTarget(call.Arguments[1]))
                    return (call.Method, Target(call.Arguments[1]));
                break;
        }
        return (null, null);
    }

    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.And => "&",
        BinaryOperator.Or => "|",
        BinaryOperator.ExclusiveOr => "^",
        _ => throw new System.ArgumentOutOfRangeException(nameof(op), op, "not an accumulation operator"),
    };

    public static KernelExpression StripConversions(KernelExpression expression)
    {
        while (expression is ConvertExpression convert)
            expression = convert.Operand;
        return expression;
    }

    // ---- guards -----------------------------------------------------------------------------------------------

    /// <summary>What <paramref name="condition"/> (or its negation) says about index and loop variables.</summary>
    private GuardSet Guards(KernelExpression condition, Dictionary<string, AbstractValue> env, bool negate)
    {
        switch (condition)
        {
            case UnaryExpression { Operator: UnaryOperator.LogicalNot } not:
                return Guards(not.Operand, env, !negate);
            case ConstantExpression { Literal: "true" or "false" } literal:
                return (literal.Literal == "true") != negate ? GuardSet.None : GuardSet.Of(new GuardConstraint(Polynomial.Constant(-1), GuardRelation.NonNegative));
            case BinaryExpression { Operator: BinaryOperator.ConditionalAnd or BinaryOperator.And, Type: ScalarKind.Boolean } conjunction:
                return negate ? Disjunction(conjunction.Left, conjunction.Right, env, negate) : Guards(conjunction.Left, env, false).And(Guards(conjunction.Right, env, false));
            case BinaryExpression { Operator: BinaryOperator.ConditionalOr or BinaryOperator.Or, Type: ScalarKind.Boolean } disjunction:
                return negate ? Guards(disjunction.Left, env, true).And(Guards(disjunction.Right, env, true)) : Disjunction(disjunction.Left, disjunction.Right, env, negate);
            case BinaryExpression { Operator: >= BinaryOperator.Equals and <= BinaryOperator.GreaterThanOrEqual } comparison:
                return Comparison(comparison, env, negate);
            default:
                return ConstrainsIndices(Evaluate(condition, env)) ? GuardSet.Unrepresentable : GuardSet.None;
        }
    }

    private GuardSet Disjunction(KernelExpression left, KernelExpression right, Dictionary<string, AbstractValue> env, bool negate)
    {
        GuardSet a = Guards(left, env, negate), b = Guards(right, env, negate);
        return a.Constraints.IsEmpty && b.Constraints.IsEmpty && a.Exact && b.Exact ? GuardSet.None : GuardSet.Unrepresentable;
    }

    private GuardSet Comparison(BinaryExpression comparison, Dictionary<string, AbstractValue> env, bool negate)
    {
        BinaryOperator op = comparison.Operator;
        if (negate)
        {
            op = op switch
            {
                BinaryOperator.Equals => BinaryOperator.NotEquals,
                BinaryOperator.NotEquals => BinaryOperator.Equals,
                BinaryOperator.LessThan => BinaryOperator.GreaterThanOrEqual,
                BinaryOperator.LessThanOrEqual => BinaryOperator.GreaterThan,
                BinaryOperator.GreaterThan => BinaryOperator.LessThanOrEqual,
                BinaryOperator.GreaterThanOrEqual => BinaryOperator.LessThan,
                _ => throw new System.ArgumentOutOfRangeException(nameof(op), op, "not a comparison"),
            };
        }

        if (op is BinaryOperator.Equals or BinaryOperator.NotEquals && RemainderGuard(comparison.Left, comparison.Right, env, op) is { } remainder)
            return remainder;
        if (op is BinaryOperator.Equals or BinaryOperator.NotEquals && RemainderGuard(comparison.Right, comparison.Left, env, op) is { } flipped)
            return flipped;

        AbstractValue left = Evaluate(comparison.Left, env), right = Evaluate(comparison.Right, env);
        if (left.Polynomial is { } l && right.Polynomial is { } r && comparison.Left.Type.IsInteger() && comparison.Right.Type.IsInteger())
        {
            Polynomial difference = l.Subtract(r);
            if (!difference.HasVariables)
            {
                // A condition on uniforms alone: some calls take the branch, some do not. Constants decide it.
                return difference.ConstantValue is { } constant && !Holds(op, constant) ? GuardSet.Of(new GuardConstraint(Polynomial.Constant(-1), GuardRelation.NonNegative)) : GuardSet.None;
            }
            GuardConstraint guard = op switch
            {
                BinaryOperator.LessThan => new GuardConstraint(difference.Negate().Subtract(Polynomial.Constant(1)), GuardRelation.NonNegative),
                BinaryOperator.LessThanOrEqual => new GuardConstraint(difference.Negate(), GuardRelation.NonNegative),
                BinaryOperator.GreaterThan => new GuardConstraint(difference.Subtract(Polynomial.Constant(1)), GuardRelation.NonNegative),
                BinaryOperator.GreaterThanOrEqual => new GuardConstraint(difference, GuardRelation.NonNegative),
                BinaryOperator.Equals => new GuardConstraint(difference, GuardRelation.Zero),
                BinaryOperator.NotEquals => new GuardConstraint(difference, GuardRelation.NonZero),
                _ => throw new System.ArgumentOutOfRangeException(nameof(op), op, "not a comparison"),
            };
            return GuardSet.Of(guard);
        }
        return ConstrainsIndices(left.JoinDependencies(right)) ? GuardSet.Unrepresentable : GuardSet.None;
    }

    private static bool Holds(BinaryOperator op, long difference) => op switch
    {
        BinaryOperator.LessThan => difference < 0,
        BinaryOperator.LessThanOrEqual => difference <= 0,
        BinaryOperator.GreaterThan => difference > 0,
        BinaryOperator.GreaterThanOrEqual => difference >= 0,
        BinaryOperator.Equals => difference == 0,
        BinaryOperator.NotEquals => difference != 0,
        _ => throw new System.ArgumentOutOfRangeException(nameof(op), op, "not a comparison"),
    };

    /// <summary><c>e % m == r</c> and <c>(e &amp; (2^k - 1)) == r</c> with constant m and r: a congruence guard.</summary>
    private GuardSet? RemainderGuard(KernelExpression operation, KernelExpression compared, Dictionary<string, AbstractValue> env, BinaryOperator op)
    {
        if (StripConversions(compared) is not ConstantExpression { IntegerValue: { } remainder })
            return null;
        GuardRelation relation = op == BinaryOperator.Equals ? GuardRelation.RemainderEquals : GuardRelation.RemainderNotEquals;
        switch (StripConversions(operation))
        {
            case BinaryExpression { Operator: BinaryOperator.Remainder } rem
                when StripConversions(rem.Right) is ConstantExpression { IntegerValue: { } modulus and not 0 and > long.MinValue } && Evaluate(rem.Left, env).Polynomial is { HasVariables: true } e:
                return GuardSet.Of(new GuardConstraint(e, relation, Math.Abs(modulus), remainder));
            case BinaryExpression { Operator: BinaryOperator.And } bits
                when StripConversions(bits.Right) is ConstantExpression { IntegerValue: { } mask and > 0 } && (mask & (mask + 1)) == 0 && Evaluate(bits.Left, env).Polynomial is { HasVariables: true } e2:
                return GuardSet.Of(new GuardConstraint(e2, relation, mask + 1, remainder, LowBits: true));
            default:
                return null;
        }
    }

    // ---- values -----------------------------------------------------------------------------------------------

    private AbstractValue Evaluate(KernelExpression expression, Dictionary<string, AbstractValue> env)
    {
        switch (expression)
        {
            case ConstantExpression { IntegerValue: { } value } when expression.Type.IsInteger():
                return AbstractValue.Exact(Polynomial.Constant(value));
            case ConstantExpression:
                return AbstractValue.Opaque;
            case IndexExpression index when index.Dimension < _indexAtoms.Length:
                return AbstractValue.Exact(Polynomial.Of(_indexAtoms[index.Dimension]));
            case UniformExpression uniform:
                if (_input.Untrusted.Contains(uniform.Name))
                    return AbstractValue.Unknown(false, 0, true);
                return uniform.Type.IsInteger()
                    ? AbstractValue.Exact(Polynomial.Of(PolynomialAtom.Symbol(uniform.Name, uniform)))
                    : AbstractValue.Opaque;
            case SpanLengthExpression length:
                return AbstractValue.Exact(Polynomial.Of(PolynomialAtom.Symbol(length.Span + ".Length", length)));
            case StaticFieldExpression field:
                if (_writtenStatics.Contains(ShortName(field.FullyQualifiedName)))
                    return AbstractValue.Unknown(true, 0, true);
                return field.Type.IsInteger()
                    ? AbstractValue.Exact(Polynomial.Of(PolynomialAtom.Symbol(ShortName(field.FullyQualifiedName), field)))
                    : AbstractValue.Opaque;
            case LocalExpression local:
                return env.TryGetValue(local.Name, out AbstractValue? known) ? known : AbstractValue.Opaque;
            case LoadExpression load:
                return Load(load, env);
            case UnaryExpression unary:
            {
                AbstractValue operand = Evaluate(unary.Operand, env);
                if (operand.Polynomial is { } p && unary.Type.IsInteger())
                {
                    if (unary.Operator == UnaryOperator.Negate)
                        return AbstractValue.Exact(p.Negate());
                    if (unary.Operator == UnaryOperator.BitwiseNot)
                        return AbstractValue.Exact(p.Negate().Subtract(Polynomial.Constant(1)));   // ~x == -x - 1
                }
                return operand.AsUnknown();
            }
            case BinaryExpression binary:
                return Binary(binary, env);
            case ConvertExpression convert:
            {
                AbstractValue operand = Evaluate(convert.Operand, env);
                // Integer to integer keeps the value (wrap-around on overflow is not modelled); anything through floating point is opaque.
                return convert.Type.IsInteger() && convert.Operand.Type.IsInteger() ? operand : operand.AsUnknown();
            }
            case ConditionalExpression conditional:
                return Evaluate(conditional.Condition, env).JoinDependencies(Evaluate(conditional.WhenTrue, env)).JoinDependencies(Evaluate(conditional.WhenFalse, env));
            case MathCallExpression call:
            {
                var arguments = call.Arguments.Select(a => Evaluate(a, env)).ToList();
                // An opaque atom is written back as the call with its arguments narrowed to the call's type (OpaqueExpression):
                // only for calls whose arguments have that type (Math.Min and kin, not BitOperations' uint -> int counts).
                if (call.Type.IsInteger() && call.Arguments.All(a => a.Type == call.Type) && arguments.All(a => a.Polynomial is { HasVariables: false }))
                    return Opaque($"{call.ContainingType.Substring(call.ContainingType.LastIndexOf('.') + 1)}.{call.Method}", arguments.Select(a => a.Polynomial!).ToImmutableArray(), call.Type);
                return arguments.Aggregate(AbstractValue.Opaque, (acc, a) => acc.JoinDependencies(a));
            }
            case HelperCallExpression:
                // The IR keeps a call as opaque text: its result may depend on anything, data included.
                return AbstractValue.Unknown(true, _allIndices, true);
            default:
                return AbstractValue.Unknown(true, _allIndices, true);
        }
    }

    private AbstractValue Load(LoadExpression load, Dictionary<string, AbstractValue> env)
    {
        AbstractValue subscript = Evaluate(load.Index, env);
        if (!_writtenSpans.Contains(load.Span) && subscript.Polynomial is { HasVariables: false } element && !subscript.DataDependent)
        {
            // Every index point reads the same element of a span no index writes: one value for all, a uniform.
            if (_recordingSuspended == 0)
                _uniformLoads.Add(load.Id);
            return load.Type.IsInteger()
                ? AbstractValue.Exact(Polynomial.Of(PolynomialAtom.Symbol($"{load.Span}[{element}]", null)))
                : AbstractValue.Opaque;
        }
        return AbstractValue.Unknown(true, subscript.IndexMask, subscript.LoopDependent);
    }

    private AbstractValue Binary(BinaryExpression binary, Dictionary<string, AbstractValue> env)
    {
        AbstractValue left = Evaluate(binary.Left, env), right = Evaluate(binary.Right, env);
        if (left.Polynomial is { } l && right.Polynomial is { } r && binary.Type.IsInteger())
        {
            switch (binary.Operator)
            {
                case BinaryOperator.Add:
                    return AbstractValue.Exact(l.Add(r));
                case BinaryOperator.Subtract:
                    return AbstractValue.Exact(l.Subtract(r));
                case BinaryOperator.Multiply:
                    return l.Multiply(r) is { } product ? AbstractValue.Exact(product) : left.JoinDependencies(right);
                case BinaryOperator.LeftShift when r.ConstantValue is >= 0 and < 31:
                    return AbstractValue.Exact(l.Scale(1L << (int)r.ConstantValue!.Value));
            }
            if (!l.HasVariables && !r.HasVariables && Spelling(binary.Operator) is { } spelling)
                return Opaque(spelling, ImmutableArray.Create(l, r), binary.Type);
            if (binary.Operator == BinaryOperator.Remainder && l.HasVariables && !r.HasVariables)
                return left.JoinDependencies(right) with { Remainder = new RemainderForm(l, r) };
        }
        return left.JoinDependencies(right);
    }

    /// <summary>A uniform the ring cannot express, as a symbol of its own (two spellings of <c>n / 2</c> share it).</summary>
    private static AbstractValue Opaque(string operation, ImmutableArray<Polynomial> operands, ScalarKind type)
    {
        string display = operation.Length <= 3
            ? $"({operands[0]} {operation} {operands[1]})"
            : $"{operation}({string.Join(", ", operands)})";
        KernelExpression? expression = OpaqueExpression(operation, operands, type);
        return AbstractValue.Exact(Polynomial.Of(PolynomialAtom.Symbol(display, expression, new OpaqueDefinition(operation, operands, type))));
    }

    private static KernelExpression? OpaqueExpression(string operation, ImmutableArray<Polynomial> operands, ScalarKind type)
    {
        var arguments = operands.Select(o => o.ToExpression()).ToList();
        if (arguments.Any(a => a is null))
            return null;
        KernelExpression Narrow(KernelExpression e) => new ConvertExpression(e, type, false);
        BinaryOperator? op = operation switch
        {
            "/" => BinaryOperator.Divide,
            "%" => BinaryOperator.Remainder,
            "&" => BinaryOperator.And,
            "|" => BinaryOperator.Or,
            "^" => BinaryOperator.ExclusiveOr,
            ">>" => BinaryOperator.RightShift,
            ">>>" => BinaryOperator.UnsignedRightShift,
            "<<" => BinaryOperator.LeftShift,
            _ => null,
        };
        if (op is { } binary)
        {
            KernelExpression right = binary is BinaryOperator.RightShift or BinaryOperator.UnsignedRightShift or BinaryOperator.LeftShift
                ? new ConvertExpression(arguments[1]!, ScalarKind.Int32, false)
                : Narrow(arguments[1]!);
            return new BinaryExpression(binary, Narrow(arguments[0]!), right, type, false);
        }
        int dot = operation.IndexOf('.');
        return dot < 0 ? null : new MathCallExpression("System." + operation.Substring(0, dot), operation.Substring(dot + 1), arguments.Select(a => Narrow(a!)).ToEquatableArray(), type);
    }

    private static string? Spelling(BinaryOperator op) => op switch
    {
        BinaryOperator.Divide => "/",
        BinaryOperator.Remainder => "%",
        BinaryOperator.And => "&",
        BinaryOperator.Or => "|",
        BinaryOperator.ExclusiveOr => "^",
        BinaryOperator.RightShift => ">>",
        BinaryOperator.UnsignedRightShift => ">>>",
        BinaryOperator.LeftShift => "<<",
        _ => null,
    };

    private static string ShortName(string fullyQualified) => fullyQualified.Substring(fullyQualified.LastIndexOf('.') + 1);
}

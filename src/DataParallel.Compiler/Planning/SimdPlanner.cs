using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Planning;

/// <summary>
/// Decides whether a kernel lowers to SIMD (DESIGN §3) and plans it. What it cannot lower it names precisely: the
/// kernel then runs multi-core scalar and the analyzers report DP3001 with that reason on that construct.
/// </summary>
internal static class SimdPlanner
{
    /// <summary>Plans <paramref name="kernel"/>, collecting its accesses itself (only if it gets that far).</summary>
    public static SimdDecision Plan(KernelModel kernel) => Plan(kernel, KernelAccessAnalysis.Collect);

    /// <summary>
    /// Plans <paramref name="kernel"/> from its accesses as the caller already collected them
    /// (<see cref="KernelAccessAnalysis.Collect"/>).
    /// </summary>
    public static SimdDecision Plan(KernelModel kernel, KernelAccesses? accesses) => Plan(kernel, _ => accesses);

    /// <summary>
    /// Only decides whether <paramref name="kernel"/> vectorises, and if not why: what the analyzers report (DP3001)
    /// on every keystroke. The decision is the generator's, but the work estimate the scheduler needs (loop trip
    /// counts computed at entry) is left out, and so is the plan: <see cref="SimdDecision.Plan"/> is null.
    /// </summary>
    public static SimdDecision Decide(KernelModel kernel, KernelAccesses? accesses) => Plan(kernel, _ => accesses, estimateWork: false);

    private static SimdDecision Plan(KernelModel kernel, System.Func<KernelModel, KernelAccesses?> collect, bool estimateWork = true)
    {
        if (kernel.Unlowered is { } unlowered)
            return Blocked($"it uses {unlowered}, which the SIMD lowering does not handle yet", null);

        var lanes = new LaneClassifier(kernel);
        var ranges = IndexRanges.Of(kernel);
        var accesses = VectorAccessClasses.Of(collect(kernel), lanes, ranges);
        var checker = new Checker(kernel, lanes, ranges, accesses, estimateWork);
        if (checker.CheckBody() is { } blocked)
            return blocked;
        if (AccessProof.UnboundedSlice(kernel, ranges) is { } slice)
            return new SimdDecision(null, $"{slice.Description} cannot be bounded at entry, and vector code has no per-lane form of a slice's checks", slice.NodeId);
        var plan = new SimdPlan(checker.LaneBytes ?? 4, lanes, AccessProof.Collect(kernel, ranges, exactOnly: false), checker.Work, ranges, checker.ClampBounds.ToImmutableArray(), accesses);
        // Contiguous accesses load and store whole vectors unchecked: the entry point must prove them. Gathers,
        // scatters and uniform accesses keep their per-element checks where nothing was proven.
        foreach (KernelStatement statement in KernelWalker.Statements(kernel.Body))
        {
            foreach (LoadExpression load in KernelWalker.OwnExpressions(statement).SelectMany(KernelWalker.Expressions).OfType<LoadExpression>())
            {
                if (plan.Classify(load.Id) == AccessClass.Contiguous && lanes.Classify(load) == LaneClass.Varying && !plan.IsProven(load.Id))
                    return Blocked($"the bounds of {load.Display} cannot be proven at entry", load);
            }
            if (statement is StoreStatement store && plan.Classify(store.Id) == AccessClass.Contiguous && !plan.IsProven(store.Id))
                return Blocked($"the bounds of {store.Display} cannot be proven at entry", store);
        }
        return new SimdDecision(estimateWork ? plan : null, null, KernelNode.NoSource);
    }

    private static SimdDecision Blocked(string reason, KernelNode? node) => new(null, reason, node?.Id ?? KernelNode.NoSource);

    private sealed class Checker(KernelModel kernel, LaneClassifier lanes, IndexRanges ranges, VectorAccessClasses accesses, bool estimateWork)
    {
        /// <summary>The work of the body being checked: the kernel's, then each enclosing loop's.</summary>
        private readonly Stack<WorkFrame> _work = new(new[] { new WorkFrame() });

        /// <summary>The widest lane any varying value needs: 8 bytes as soon as one is 64-bit, else 4.</summary>
        public int? LaneBytes { get; private set; }

        /// <summary>The estimated work per element (valid once <see cref="CheckBody"/> has accepted the kernel).</summary>
        public WorkEstimate Work => _work.Peek().ToEstimate();

        /// <summary>The bounds of the vectorised Math.Clamp calls, written as values the entry point computes.</summary>
        public List<(KernelExpression Min, KernelExpression Max)> ClampBounds { get; } = new();

        public SimdDecision? CheckBody()
        {
            var statements = kernel.Body.Statements;
            for (int s = 0; s < statements.Count; s++)
            {
                if (statements[s] is ReturnStatement { Value: { } value } && s == statements.Count - 1)
                    return Lane(value.Type, "the returned value", value) ?? CheckValue(value, LaneClass.Varying);
                if (CheckStatement(statements[s], last: s == statements.Count - 1) is { } blocked)
                    return blocked;
            }
            return null;
        }

        private SimdDecision? CheckStatement(KernelStatement statement, bool last)
        {
            switch (statement)
            {
                case BlockStatement block:
                    for (int s = 0; s < block.Statements.Count; s++)
                    {
                        if (CheckStatement(block.Statements[s], last && s == block.Statements.Count - 1) is { } blocked)
                            return blocked;
                    }
                    return null;
                case DeclareLocalStatement declare:
                    if (lanes.ClassifyLocal(declare.Name) == LaneClass.Varying && Lane(declare.Type, $"local '{declare.Name}'", declare) is { } badLocal)
                        return badLocal;
                    return declare.Initializer is null ? null : CheckValue(declare.Initializer, lanes.ClassifyLocal(declare.Name));
                case AssignLocalStatement assign:
                    return CheckValue(assign.Value, lanes.ClassifyLocal(assign.Name));
                case StoreStatement store:
                    AddWork(1);
                    if (accesses.Classify(store.Id) != AccessClass.Contiguous)
                    {
                        // A scatter: one checked store per lane, in lane order.
                        AddWork(4);
                        return Lane(store.ElementType, store.Display, store) ?? Lane(ScalarKind.Int32, "an index", store) ?? CheckValue(store.Value, LaneClass.Varying) ?? CheckValue(store.Index, LaneClass.Varying);
                    }
                    return Lane(store.ElementType, store.Display, store) ?? CheckValue(store.Value, LaneClass.Varying) ?? CheckIndexScalar(store.Index);
                case ReturnStatement { Value: null }:
                    return null;
                case ReturnStatement { Value: { } value }:
                    return Lane(value.Type, "the returned value", value) ?? CheckValue(value, LaneClass.Varying);
                case IfStatement branch:
                    return (lanes.Classify(branch.Condition) == LaneClass.Varying ? CheckValue(branch.Condition, LaneClass.Varying) : CheckUniform(branch.Condition))
                        ?? CheckStatement(branch.Then, false)
                        ?? (branch.Else is null ? null : CheckStatement(branch.Else, false));
                case LoopStatement loop:
                    if (lanes.IsVarying(loop) && loop.Condition is { } varyingCondition && CheckValue(varyingCondition, LaneClass.Varying) is { } badCondition)
                        return badCondition;
                    _work.Push(new WorkFrame());
                    try
                    {
                        foreach (KernelStatement part in loop.Initializers.Concat(loop.Increments).Append(loop.Body))
                        {
                            if (CheckStatement(part, false) is { } blocked)
                                return blocked;
                        }
                        return loop.Condition is null || lanes.IsVarying(loop) ? null : CheckUniform(loop.Condition);
                    }
                    finally
                    {
                        WorkEstimate body = _work.Pop().ToEstimate();
                        (KernelExpression? firstTrip, KernelExpression? lastTrip) = !estimateWork || lanes.IsVarying(loop) ? (null, null) : LoopWork.EntryBounds(loop, ranges);
                        _work.Peek().Loops.Add(new LoopWork(firstTrip, lastTrip, body));
                    }
                case BreakStatement or ContinueStatement:
                    return null;
                case SliceCheckStatement:
                    // Computes nothing: the entry point proves it (or the kernel is blocked above).
                    return null;
                case SharedWriteStatement shared:
                    return Blocked($"it writes shared state ({shared.Display})", statement);
                default:
                    return Blocked($"the statement kind {statement.GetType().Name} is not vectorised yet", statement);
            }
        }

        /// <summary>Adds <paramref name="units"/> of work to the innermost body being checked.</summary>
        private void AddWork(int units)
        {
            WorkFrame frame = _work.Peek();
            frame.Units = (int)System.Math.Min((long)frame.Units + units, int.MaxValue);
        }

        private sealed class WorkFrame
        {
            public int Units { get; set; }

            public List<LoopWork> Loops { get; } = new();

            public WorkEstimate ToEstimate() => new(Units, Loops.ToImmutableArray());
        }

        /// <summary>Checks a value computed in a context of lane class <paramref name="context"/>.</summary>
        private SimdDecision? CheckValue(KernelExpression expression, LaneClass context)
        {
            if (lanes.Classify(expression) == LaneClass.Uniform)
            {
                // Computed as a scalar, exactly as C# would; only its broadcast needs a lane type.
                if (context == LaneClass.Varying && Lane(expression.Type, "a uniform value", expression) is { } badBroadcast)
                    return badBroadcast;
                return CheckUniform(expression);
            }
            if (Lane(expression.Type, Describe(expression), expression) is { } badLane)
                return badLane;
            switch (expression)
            {
                case IndexExpression:
                case LocalExpression:
                    return null;
                case LoadExpression load:
                    AddWork(1);
                    if (accesses.Classify(load.Id) == AccessClass.Contiguous)
                        return CheckIndexScalar(load.Index);
                    // A gather: one load per lane.
                    AddWork(4);
                    return Lane(ScalarKind.Int32, "an index", load) ?? CheckValue(load.Index, LaneClass.Varying);
                case UnaryExpression unary:
                    AddWork(1);
                    if (unary.Checked && !(unary.Operator == UnaryOperator.Negate && unary.Type is ScalarKind.Int32 or ScalarKind.Int64))
                        return Blocked($"checked {unary.Operator} on {unary.Type.DisplayName()} is not vectorised", unary);
                    if (unary.Operator == UnaryOperator.BitwiseNot && !unary.Type.IsInteger())
                        return Blocked($"the operator {unary.Operator} on {unary.Type.DisplayName()} is not vectorised yet", unary);
                    return CheckValue(unary.Operand, LaneClass.Varying);
                case BinaryExpression binary:
                    return CheckBinary(binary);
                case ConvertExpression convert:
                    AddWork(1);
                    if (convert.Checked && convert.Operand.Type.ConversionCanOverflow(convert.Type))
                        AddWork(1);
                    if (!ConversionSupported(convert.Operand.Type, convert.Type))
                        return Blocked($"the conversion from {convert.Operand.Type.DisplayName()} to {convert.Type.DisplayName()} is not vectorised yet", convert);
                    return CheckValue(convert.Operand, LaneClass.Varying);
                case MathCallExpression call:
                    AddWork(VectorMath.Cost(call.Method));
                    if (call.Method == "Clamp" && VectorMath.IsSupported(call) && CheckClampBounds(call) is { } badBounds)
                        return badBounds;
                    if (!VectorMath.IsSupported(call))
                    {
                        if (!VectorMath.IsMappable(call))
                            return Blocked($"{call.ContainingType.Replace("System.", "")}.{call.Method} on {call.Type.DisplayName()} has no vector form yet", call);
                        AddWork(24);
                    }
                    foreach (KernelExpression argument in call.Arguments)
                    {
                        if (CheckValue(argument, LaneClass.Varying) is { } blocked)
                            return blocked;
                    }
                    return null;
                case ConditionalExpression conditional:
                    AddWork(1);
                    return CheckValue(conditional.Condition, LaneClass.Varying) ?? CheckValue(conditional.WhenTrue, LaneClass.Varying) ?? CheckValue(conditional.WhenFalse, LaneClass.Varying);
                default:
                    return Blocked($"{Describe(expression)} is not vectorised yet", expression);
            }
        }

        private SimdDecision? CheckBinary(BinaryExpression binary)
        {
            AddWork(1);
            // checked +, -, * vectorise with an overflow test per lane; other checked operations behave as unchecked
            // ones except for division, which has its own exact lowering.
            if (binary.Checked && !(binary.Operator is BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply && binary.Type.IsInteger())
                && binary.Operator is not (BinaryOperator.Divide or BinaryOperator.Remainder or BinaryOperator.And or BinaryOperator.Or or BinaryOperator.ExclusiveOr
                    or BinaryOperator.LeftShift or BinaryOperator.RightShift or BinaryOperator.UnsignedRightShift))
                return Blocked($"checked {binary.Operator} on {binary.Type.DisplayName()} is not vectorised", binary);
            ScalarKind type = binary.Type;
            switch (binary.Operator)
            {
                case BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply:
                    break;
                case BinaryOperator.Divide:
                    AddWork(type.IsInteger() ? 20 : 8);
                    break;
                case BinaryOperator.Remainder when type.IsInteger():
                    AddWork(20);
                    break;
                case BinaryOperator.Remainder when type.IsFloatingPoint():
                    // Lane by lane through the scalar operator (fmod).
                    AddWork(40);
                    break;
                case BinaryOperator.And or BinaryOperator.Or or BinaryOperator.ExclusiveOr when type.IsInteger() || type == ScalarKind.Boolean:
                    break;
                case BinaryOperator.ConditionalAnd or BinaryOperator.ConditionalOr:
                    break;
                case BinaryOperator.Equals or BinaryOperator.NotEquals or BinaryOperator.LessThan or BinaryOperator.LessThanOrEqual or BinaryOperator.GreaterThan or BinaryOperator.GreaterThanOrEqual:
                    if (binary.Left.Type == ScalarKind.Boolean)
                        return binary.Operator is BinaryOperator.Equals or BinaryOperator.NotEquals
                            ? CheckValue(binary.Left, LaneClass.Varying) ?? CheckValue(binary.Right, LaneClass.Varying)
                            : Blocked($"comparing bools with {binary.Operator} is not vectorised", binary);
                    if (Lane(binary.Left.Type, "a compared value", binary) is { } badCompare)
                        return badCompare;
                    break;
                case BinaryOperator.LeftShift or BinaryOperator.RightShift or BinaryOperator.UnsignedRightShift when type.IsInteger():
                    if (lanes.Classify(binary.Right) != LaneClass.Uniform)
                        return CheckValue(binary.Left, LaneClass.Varying) ?? Lane(binary.Right.Type, "a shift count", binary) ?? CheckValue(binary.Right, LaneClass.Varying);
                    return CheckValue(binary.Left, LaneClass.Varying) ?? CheckUniform(binary.Right);
                default:
                    return Blocked($"the operator {binary.Operator} on {type.DisplayName()} with per-lane operands is not vectorised yet", binary);
            }
            return CheckValue(binary.Left, LaneClass.Varying) ?? CheckValue(binary.Right, LaneClass.Varying);
        }

        /// <summary>
        /// Math.Clamp throws an ArgumentException when min &gt; max; its vector form cannot throw part-way through a
        /// call. Bounds the entry point can compute (parameters, constants, span lengths, locals defined once from
        /// those) are checked there, selecting the kernel as written when they are reversed; others block SIMD.
        /// </summary>
        private SimdDecision? CheckClampBounds(MathCallExpression call)
        {
            if (EntryValue(call.Arguments[1], 0) is not { } min || EntryValue(call.Arguments[2], 0) is not { } max)
                return Blocked($"{Describe(call)} has bounds that are not fixed for the whole call (only parameters, constants and locals computed from them are): its vector form could not raise the ArgumentException Math.Clamp throws for min > max before any element is written", call);
            if (min is ConstantExpression { IntegerValue: { } low } && max is ConstantExpression { IntegerValue: { } high } && low > high)
                return Blocked($"{Describe(call)} has min > max, so it always throws", call);
            ClampBounds.Add((min, max));
            return null;
        }

        /// <summary>The expression with stable locals replaced by their definitions, if the entry point can compute it without faulting.</summary>
        private KernelExpression? EntryValue(KernelExpression expression, int depth)
        {
            if (depth > 32)
                return null;
            switch (expression)
            {
                case ConstantExpression or UniformExpression or StaticFieldExpression or SpanLengthExpression:
                    return expression;
                case LocalExpression local when ranges.Definitions.TryGetValue(local.Name, out KernelExpression? definition) && !ranges.Loops.ContainsKey(local.Name):
                    return EntryValue(definition, depth + 1);
                case UnaryExpression { Checked: false } unary:
                    return EntryValue(unary.Operand, depth + 1) is { } operand ? unary with { Operand = operand } : null;
                case ConvertExpression { Checked: false } convert:
                    return EntryValue(convert.Operand, depth + 1) is { } converted ? convert with { Operand = converted } : null;
                case BinaryExpression { Checked: false } binary when !(binary.Type.IsInteger() && binary.Operator is BinaryOperator.Divide or BinaryOperator.Remainder):
                    return EntryValue(binary.Left, depth + 1) is { } left && EntryValue(binary.Right, depth + 1) is { } right ? binary with { Left = left, Right = right } : null;
                case ConditionalExpression conditional:
                    return EntryValue(conditional.Condition, depth + 1) is { } condition && EntryValue(conditional.WhenTrue, depth + 1) is { } whenTrue && EntryValue(conditional.WhenFalse, depth + 1) is { } whenFalse
                        ? conditional with { Condition = condition, WhenTrue = whenTrue, WhenFalse = whenFalse }
                        : null;
                default:
                    return null;
            }
        }

        /// <summary>The index of a contiguous access is computed as a scalar for lane 0 (the lanes follow with stride 1).</summary>
        private SimdDecision? CheckIndexScalar(KernelExpression index)
        {
            foreach (KernelExpression e in KernelWalker.Expressions(index))
            {
                if (e is LoadExpression load)
                    return Blocked($"the index of an access reads {load.Display}", load);
                if (e is LocalExpression local && lanes.ClassifyLocal(local.Name) == LaneClass.Varying && !ranges.Definitions.ContainsKey(local.Name))
                    return Blocked($"an index uses the local '{local.Name}', which changes per lane", e);
            }
            return null;
        }

        /// <summary>Uniform values are scalar C#; they may read spans only at uniform, load-free indices.</summary>
        private SimdDecision? CheckUniform(KernelExpression expression)
        {
            foreach (KernelExpression e in KernelWalker.Expressions(expression))
            {
                if (e is LoadExpression load)
                {
                    AddWork(1);
                    if (KernelWalker.Expressions(load.Index).Skip(1).Any(inner => inner is LoadExpression))
                        return Blocked($"the index of {load.Display} reads another span", load);
                }
                if (e is HelperCallExpression)
                    return Blocked($"{Describe(e)} is not vectorised yet", e);
            }
            return null;
        }

        /// <summary>Records a lane type (the widest decides the lane width), blocking a type that has no lanes.</summary>
        private SimdDecision? Lane(ScalarKind type, string what, KernelNode node)
        {
            // Per-lane bools are masks as wide as the lanes they select: they fix no width of their own.
            if (type == ScalarKind.Boolean)
                return null;
            if (type.LaneType() is not { } lane)
                return Blocked($"{what} has type {type.DisplayName()}, which has no vector lanes yet", node);
            LaneBytes = System.Math.Max(LaneBytes ?? 4, lane.Size());
            return null;
        }

        private static string Describe(KernelExpression expression) => expression switch
        {
            LoadExpression load => load.Display,
            LocalExpression local => $"local '{local.Name}'",
            IndexExpression => "the index",
            HelperCallExpression call => $"the call {call.Display}",
            MathCallExpression call => $"{call.ContainingType.Replace("System.", "")}.{call.Method}",
            _ => "a " + expression.Type.DisplayName() + " value",
        };

        private static bool ConversionSupported(ScalarKind from, ScalarKind to)
        {
            ScalarKind? fromLane = from.LaneType(), toLane = to.LaneType();
            if (fromLane is null || toLane is null)
                return false;
            // Floating point to an 8/16-bit integer converts to int (saturating) and truncates, as the scalar
            // conversion does; every other pair has a lane-exact vector form.
            return true;
        }
    }
}

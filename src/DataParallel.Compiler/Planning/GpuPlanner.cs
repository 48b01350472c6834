using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Planning;

/// <summary>
/// Decides whether a kernel can run on a GPU, for the generator (which then emits an ILGPU kernel) and the analyzer
/// (which reports DP3003 otherwise): one whitelist of the IR constructs the GPU emitter lowers. Anything it does not
/// name — a node type added to the IR later included — keeps the kernel CPU-only, so no unknown construct is ever
/// emitted as broken GPU code.
/// </summary>
/// <remarks>
/// Bounds are proven on the host where they can be (<see cref="AccessProof"/>), because an access out of bounds inside
/// ILGPU's CPU accelerator ends the process. What the host cannot prove, and what the CPU throws where a GPU cannot
/// (integer division by zero, checked overflow), an element-wise kernel guards in the kernel
/// (<see cref="GpuGuardedOperations"/>); a reduction does not yet, and stays off the GPU. What is neither proven nor
/// guarded (<c>Math.Abs(int.MinValue)</c>) keeps the kernel off the GPU rather than change its meaning there.
/// </remarks>
internal static class GpuPlanner
{
    private const string NotYet = "the GPU lowering does not cover ";

    /// <summary>The public marker type of DataParallel.Gpu: a compilation that sees it gets GPU entry points.</summary>
    public const string MarkerMetadataName = "DataParallel.Gpu.GpuSupport";

    /// <summary>
    /// Decides from the kernel and its accesses (<see cref="KernelAccessAnalysis.Collect"/>; without them no race
    /// requirement can be checked on the host, and the kernel stays off the GPU).
    /// </summary>
    public static GpuDecision Plan(KernelModel kernel, KernelAccesses? accesses)
    {
        if (Shape(kernel) is { } shape)
            return shape;
        if (accesses is null)
            return GpuDecision.Blocked(NotYet + "kernels whose accesses the race analysis cannot read yet", GpuBlockReason.NotCoveredYet, null);
        (EquatableArray<RuntimeRequirement> requirements, EquatableArray<SpanOverlapCheck> overlaps) = KernelAccessAnalysis.EntryChecks(accesses);
        var blocker = new Blocker(kernel.ReturnType is not null);
        Statement(kernel.Body, blocker);
        if (blocker.Decision is { } construct)
            return construct;
        IndexRanges ranges = IndexRanges.Of(kernel);
        // A slice's checks (its arguments, and each position within it) are proven on the host before launch; one the
        // host cannot bound (a position read from data) has no in-kernel guard yet.
        if (AccessProof.UnboundedSlice(kernel, ranges) is { } slice)
            return GpuDecision.Blocked($"{slice.Description} cannot be bounded before launch, and the GPU lowering does not guard a slice's checks in the kernel yet", GpuBlockReason.NotCoveredYet, null) with { BlockingNode = slice.NodeId };
        ImmutableArray<ProvenAccess> proven = AccessProof.Collect(kernel, ranges, exactOnly: false);
        bool guarded = KernelWalker.Statements(kernel.Body).Any(s => GpuGuardedOperations.MayFault(s, proven));
        if (guarded && kernel.ReturnType is not null)
        {
            if (Unproven(kernel.Body, proven) is { } unproven)
                return unproven;
            KernelExpression faulting = KernelWalker.AllExpressions(kernel.Body).First(GpuGuardedOperations.Faults);
            return GpuDecision.Blocked(Unguarded(faulting), GpuBlockReason.NotCoveredYet, faulting);
        }
        ReductionPlan? reduction = kernel.ReturnType is { } type ? ReductionPlan.Create(kernel.Reduce, type) : null;
        return new GpuDecision(new GpuKernelPlan(kernel, DomainInference.Infer(kernel), proven, ranges, requirements, overlaps, reduction, guarded), null, GpuBlockReason.NotCoveredYet, KernelNode.NoSource);
    }

    private static GpuDecision? Shape(KernelModel kernel)
    {
        if (kernel.Unlowered is { } unlowered)
            return GpuDecision.Blocked(NotYet + unlowered, GpuBlockReason.NotCoveredYet, null);
        if (kernel.ReturnType is { } result)
        {
            if (kernel.Dimensions > 1)
                return GpuDecision.Blocked(NotYet + $"{kernel.Dimensions}-D reductions yet", GpuBlockReason.NotCoveredYet, null);
            if (!IsDeviceType(result))
                return GpuDecision.Blocked(NotYet + $"{result.Keyword()} reductions yet", GpuBlockReason.NotCoveredYet, null);
        }
        if (kernel.AssignedSpanParameters.Count > 0)
            return GpuDecision.Blocked(NotYet + $"assigning span parameter '{kernel.AssignedSpanParameters[0]}' yet", GpuBlockReason.NotCoveredYet, null);
        // A reduction's kernel takes one more view, its block partials. The limit is that of ILGPU's typed loaders,
        // which a reduction's launcher uses, not of ILGPU's compiler: an element-wise kernel with more views loads
        // through ILGPU's MethodInfo loader instead (WideKernel), so this is "not covered yet", not "ILGPU cannot compile".
        int views = kernel.Parameters.Count(p => p.IsSpan), limit = GpuKernelPlan.MaxViews - 1;
        if (kernel.ReturnType is not null && views > limit)
            return GpuDecision.Blocked(NotYet + $"reductions with more than {limit} spans yet (a reduction's launcher uses ILGPU's typed kernel loaders, which take the index, the uniforms and at most {limit} views besides the block partials); the kernel has {views}", GpuBlockReason.NotCoveredYet, null);
        foreach (KernelParameter parameter in kernel.Parameters.Where(p => p.Kind != ParameterKind.Index))
        {
            if (parameter.RefKind is ParameterRefKind.Ref or ParameterRefKind.Out)
                return GpuDecision.Blocked(NotYet + $"the ref parameter '{parameter.Name}' yet", GpuBlockReason.NotCoveredYet, null);
            // A bool uniform travels in the uniforms' struct; ILGPU refuses to allocate bool buffers (not blittable), so
            // bool spans have no device form.
            if (!IsDeviceType(parameter.Type) && !(parameter.Type == ScalarKind.Boolean && !parameter.IsSpan))
                return GpuDecision.Blocked(NotYet + $"the {parameter.Type.Keyword()} parameter '{parameter.Name}' yet", GpuBlockReason.NotCoveredYet, null);
        }
        return null;
    }

    /// <summary>Numeric element and uniform types the GPU kernels take as they are (and bool uniforms; bool spans and Half are not covered yet).</summary>
    private static bool IsDeviceType(ScalarKind type) => type.IsInteger() || type is ScalarKind.Single or ScalarKind.Double;

    /// <summary>Types of values and locals inside a GPU kernel: the device types, and bool (conditions, flags).</summary>
    private static bool IsKernelValueType(ScalarKind type) => IsDeviceType(type) || type == ScalarKind.Boolean;

    /// <summary>The first statement or expression the whitelist does not name, as the decision to return.</summary>
    private sealed class Blocker(bool reduction)
    {
        /// <summary>Whether <c>return value;</c> is the kernel's (a reduction), rather than unknown.</summary>
        public bool Reduction { get; } = reduction;

        public GpuDecision? Decision { get; private set; }

        public bool Found => Decision is not null;

        public void Set(string construct, GpuBlockReason reason, KernelNode node) => Decision ??= GpuDecision.Blocked(construct, reason, node);
    }

    private static void Statement(KernelStatement statement, Blocker blocker)
    {
        if (blocker.Found)
            return;
        switch (statement)
        {
            case DeclareLocalStatement declare:
                if (!IsKernelValueType(declare.Type))
                    blocker.Set(NotYet + $"{declare.Type.Keyword()} locals yet", GpuBlockReason.NotCoveredYet, statement);
                else if (declare.Initializer is { } initializer)
                    Expression(initializer, blocker);
                break;
            case AssignLocalStatement assign:
                Expression(assign.Value, blocker);
                break;
            // A store or load through a slice is one on the underlying span at offset + position (the IR rewrote it);
            // the slice's own checks are proven on the host (see Plan), as the CPU entry points prove them.
            case StoreStatement store:
                Expression(store.Index, blocker);
                Expression(store.Value, blocker);
                break;
            case SliceCheckStatement:
                break;
            case BlockStatement block:
                foreach (KernelStatement nested in block.Statements)
                    Statement(nested, blocker);
                break;
            case IfStatement branch:
                Expression(branch.Condition, blocker);
                Statement(branch.Then, blocker);
                if (branch.Else is { } otherwise)
                    Statement(otherwise, blocker);
                break;
            // A for loop's increments become the for header's iterators: assignments only. A do loop has none.
            case LoopStatement loop when loop.Increments.All(i => i is AssignLocalStatement) && !(loop.ConditionAfterBody && (loop.Increments.Count > 0 || loop.Condition is null)):
                foreach (KernelStatement initializer in loop.Initializers)
                    Statement(initializer, blocker);
                if (loop.Condition is { } condition)
                    Expression(condition, blocker);
                foreach (KernelStatement increment in loop.Increments)
                    Statement(increment, blocker);
                Statement(loop.Body, blocker);
                break;
            case BreakStatement or ContinueStatement or ReturnStatement { Value: null }:
                break;
            case ReturnStatement { Value: { } value } when blocker.Reduction:
                Expression(value, blocker);
                break;
            case SharedWriteStatement shared:
                blocker.Set($"{shared.Display} writes shared state, which a GPU kernel cannot do race-free", GpuBlockReason.NotCoveredYet, statement);
                break;
            default:
                blocker.Set(NotYet + $"this statement ({statement.GetType().Name}) yet", GpuBlockReason.NotCoveredYet, statement);
                break;
        }
    }

    private static void Expression(KernelExpression expression, Blocker blocker)
    {
        if (blocker.Found)
            return;
        switch (expression)
        {
            case ConstantExpression or IndexExpression or UniformExpression or LocalExpression or SpanLengthExpression:
                if (!IsKernelValueType(expression.Type))
                    blocker.Set(NotYet + $"{expression.Type.Keyword()} values yet", GpuBlockReason.NotCoveredYet, expression);
                return;
            case LoadExpression load:
                Expression(load.Index, blocker);
                return;
            case BinaryExpression { Operator: BinaryOperator.Remainder } remainder when remainder.Type.IsFloatingPoint():
                blocker.Set(NotYet + "floating-point remainder yet", GpuBlockReason.NotCoveredYet, expression);
                return;
            // Guarded in the kernel (GpuGuardedOperations): integer division and remainder, checked integer arithmetic
            // and checked conversions between integers. Checked conversions from floating point are not guarded yet.
            case ConvertExpression { Checked: true } convert when convert.Operand.Type.IsFloatingPoint() && convert.Operand.Type.ConversionCanOverflow(convert.Type):
                blocker.Set("a checked conversion from floating point: a GPU cannot throw OverflowException, and the GPU lowering does not guard it yet", GpuBlockReason.NotCoveredYet, expression);
                return;
            case UnaryExpression or BinaryExpression when GpuGuardedOperations.Faults(expression) && !GpuGuardedOperations.IsGuardedArithmeticType(expression.Type):
                blocker.Set(NotYet + $"guarding this {expression.Type.Keyword()} operation yet", GpuBlockReason.NotCoveredYet, expression);
                return;
            case UnaryExpression { Checked: true } checkedUnary when IsKernelValueType(checkedUnary.Type):
                Expression(checkedUnary.Operand, blocker);
                return;
            case BinaryExpression { Checked: true } checkedBinary when IsKernelValueType(checkedBinary.Type):
                Expression(checkedBinary.Left, blocker);
                Expression(checkedBinary.Right, blocker);
                return;
            case ConvertExpression { Checked: true } checkedConvert when IsDeviceType(checkedConvert.Type) && IsDeviceType(checkedConvert.Operand.Type):
                Expression(checkedConvert.Operand, blocker);
                return;
            case UnaryExpression unary when IsKernelValueType(unary.Type):
                Expression(unary.Operand, blocker);
                return;
            case BinaryExpression binary when IsKernelValueType(binary.Type):
                Expression(binary.Left, blocker);
                Expression(binary.Right, blocker);
                return;
            case ConvertExpression convert when IsDeviceType(convert.Type) && IsDeviceType(convert.Operand.Type):
                Expression(convert.Operand, blocker);
                return;
            case ConditionalExpression conditional when IsKernelValueType(conditional.Type):
                Expression(conditional.Condition, blocker);
                Expression(conditional.WhenTrue, blocker);
                Expression(conditional.WhenFalse, blocker);
                return;
            case MathCallExpression call when IsLowerableMath(call) || GpuGuardedOperations.Faults(call):
                foreach (KernelExpression argument in call.Arguments)
                    Expression(argument, blocker);
                return;
            case MathCallExpression call:
                blocker.Set(NotYet + $"{call.ContainingType.Split('.').Last()}.{call.Method} yet", GpuBlockReason.NotCoveredYet, expression);
                return;
            case HelperCallExpression helper:
                blocker.Set(NotYet + $"the call {helper.Display} yet", GpuBlockReason.NotCoveredYet, expression);
                return;
            default:
                blocker.Set(NotYet + $"this expression ({expression.GetType().Name}, {expression.Type.Keyword()}) yet", GpuBlockReason.NotCoveredYet, expression);
                return;
        }
    }

    /// <summary>Whether the call has a device form of the same meaning (<see cref="GpuMathFunctions"/>).</summary>
    public static bool IsLowerableMath(MathCallExpression call) => GpuMathFunctions.DeviceMethod(call) is not null;

    /// <summary>Why a reduction with an in-kernel guard stays off the GPU (the block fold does not check a fault code yet).</summary>
    private static string Unguarded(KernelExpression operation) => operation switch
    {
        BinaryExpression { Operator: BinaryOperator.Divide or BinaryOperator.Remainder } => "integer division in a reduction: a GPU cannot throw DivideByZeroException, and the GPU lowering guards it in element-wise kernels only, not yet in reductions",
        MathCallExpression call => $"Math.{call.Method} in a reduction: a GPU cannot throw {call.Method switch { "Sign" => "ArithmeticException", "Clamp" => "ArgumentException", _ => "OverflowException" }}, and the GPU lowering guards it in element-wise kernels only, not yet in reductions",
        _ => "checked arithmetic in a reduction: a GPU cannot throw OverflowException, and the GPU lowering guards it in element-wise kernels only, not yet in reductions",
    };

    /// <summary>The first access without an entry proof: its index depends on data or on values the host cannot bound.</summary>
    private static GpuDecision? Unproven(KernelStatement body, ImmutableArray<ProvenAccess> proven)
    {
        bool Proven(int access) => proven.ProofOf(access) is not null;
        foreach (KernelStatement statement in KernelWalker.Statements(body))
        {
            if (statement is StoreStatement store && !Proven(store.Id))
                return UnprovenAccess(store.Display, statement);
            foreach (LoadExpression load in KernelWalker.OwnExpressions(statement).SelectMany(KernelWalker.Expressions).OfType<LoadExpression>())
            {
                if (!Proven(load.Id))
                    return UnprovenAccess(load.Display, load);
            }
        }
        return null;
    }

    private static GpuDecision UnprovenAccess(string display, KernelNode node) => GpuDecision.Blocked(
        $"the bounds of {display} cannot be proven before launch (its index depends on data or on values the entry point cannot bound), a GPU cannot throw IndexOutOfRangeException, and the GPU lowering guards such accesses in element-wise kernels only, not yet in reductions",
        GpuBlockReason.NotCoveredYet, node);
}

using System.Collections.Generic;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Planning;

namespace DataParallel.Generators.Emit;

/// <summary>
/// Writes the chunk body of one vector width. Each lane is one index of the fastest dimension; outer dimensions
/// are looped over as scalars (rows). Whole vectors run first; the last, partial vector of a row runs the very same
/// code with tail loads and stores, so an element's result never depends on where it falls. Reductions keep
/// per-lane partials in vector accumulators (four, unrolled, in 1-D straight-line kernels) and fold them in lane
/// order at the end of the chunk: the result depends on the input and the vector width, never on threads.
/// </summary>
internal sealed class VectorBodyEmitter
{
    private readonly IndentedWriter _writer;
    private readonly CpuKernelPlan _plan;
    private readonly KernelModel _kernel;
    private readonly SimdPlan _simd;
    private readonly VectorWidth _width;
    private readonly Dictionary<string, string> _broadcasts = new();

    private VectorBodyEmitter(IndentedWriter writer, CpuKernelPlan plan, SimdPlan simd, VectorWidth width)
    {
        _writer = writer;
        _plan = plan;
        _kernel = plan.Kernel;
        _simd = simd;
        _width = width;
    }

    public static void Emit(IndentedWriter writer, CpuKernelPlan plan, SimdPlan simd, VectorWidth width)
        => new VectorBodyEmitter(writer, plan, simd, width).Emit();

    private ReductionPlan? Reduction => _plan.Reduction;

    /// <summary>The vector carrying lanes of <paramref name="lane"/> at this width.</summary>
    private VectorWidth WidthOf(ScalarKind lane) => _width.For(lane, _simd.LaneBytes);

    private VectorWidth AccumulatorWidth => WidthOf(AccumulatorLane!.Value);

    private ScalarKind? AccumulatorLane => _kernel.ReturnType?.LaneType();

    private void Emit()
    {
        int lanes = _width.Lanes(_simd.LaneBytes);
        int last = _kernel.Dimensions - 1;
        string index = Identifier.Escape(_kernel.Parameters[last].Name);
        string returnType = _kernel.ReturnType?.Keyword() ?? "void";
        bool unroll = Reduction is not null && _kernel.Dimensions == 1 && !KernelWalker.Statements(_kernel.Body).Any(s => s is LoopStatement or IfStatement);
        // Kept out of line: with dynamic PGO the JIT inlined the body into the width switch, and the larger method
        // compiled Vector256.Exp's inlined code about 1.6 times slower (Fused at 4K: 7.1 µs, out of line 4.6 µs).
        // One call per chunk costs nothing measurable.
        _writer.Line(GeneratedNames.NoInliningAttribute);
        using (_writer.Block($"private static {returnType} Execute{_width.Bits}(ref Args __args, int begin, int end)"))
        {
            WritePrologue();
            string[] accumulators = unroll ? ["__acc0", "__acc1", "__acc2", "__acc3"] : ["__acc0"];
            if (Reduction is { } reduction)
            {
                foreach (string accumulator in accumulators)
                    _writer.Line($"{AccumulatorWidth.Type(AccumulatorLane!.Value)} {accumulator} = {IdentityVector()};");
            }

            System.IDisposable? rows = null;
            if (_kernel.Dimensions == 1)
            {
                _writer.Line($"int {index} = __args.__start0 + begin;");
                _writer.Line("int __stop = __args.__start0 + end;");
            }
            else
            {
                rows = _writer.Block("for (int __row = begin; __row < end; __row++)");
                string outer = Identifier.Escape(_kernel.Parameters[0].Name);
                if (_kernel.Dimensions == 2)
                {
                    _writer.Line($"int {outer} = __args.__start0 + __row;");
                }
                else
                {
                    _writer.Line($"int {outer} = __args.__start0 + __row / __args.__count1;");
                    _writer.Line($"int {Identifier.Escape(_kernel.Parameters[1].Name)} = __args.__start1 + __row % __args.__count1;");
                }
                _writer.Line($"int {index} = __args.__start{last};");
                _writer.Line($"int __stop = {index} + __args.__count{last};");
            }

            if (unroll)
            {
                using (_writer.Block($"for (; {index} <= __stop - {4 * lanes}; {index} += {4 * lanes})"))
                {
                    for (int k = 0; k < 4; k++)
                    {
                        using (_writer.Block(""))
                            WriteStep(CopyIndex(index, k, lanes), tail: false, accumulators[k]);
                    }
                }
            }
            int copies = Reduction is null ? LaneJamming.Copies(_kernel, _simd) : 1;
            if (copies > 1)
            {
                using (_writer.Block($"for (; {index} <= __stop - {copies * lanes}; {index} += {copies * lanes})"))
                    WriteJammedStep(index, copies);
            }
            using (_writer.Block($"for (; {index} <= __stop - {lanes}; {index} += {lanes})"))
                WriteStep(index, tail: false, "__acc0");
            using (_writer.Block($"if ({index} < __stop)"))
            {
                _writer.Line("// The last, partial vector: the same computation; inactive lanes repeat the last element and are never stored.");
                _writer.Line($"int __active = __stop - {index};");
                WriteStep(index, tail: true, "__acc0");
            }
            rows?.Dispose();

            if (Reduction is { } r)
            {
                if (unroll)
                    _writer.Line($"__acc0 = {CombineVectors(CombineVectors("__acc0", "__acc1"), CombineVectors("__acc2", "__acc3"))};");
                _writer.Line($"{returnType} __partial = {r.Identity};");
                _writer.Line($"for (int __lane = 0; __lane < {AccumulatorWidth.Type(AccumulatorLane!.Value)}.Count; __lane++)");
                _writer.Line($"    __partial = {r.Combine("__partial", _kernel.ReturnType == AccumulatorLane ? $"{AccumulatorWidth.Api}.GetElement(__acc0, __lane)" : $"unchecked(({returnType}){AccumulatorWidth.Api}.GetElement(__acc0, __lane))")};");
                _writer.Line("return __partial;");
            }
        }
    }

    private void WritePrologue()
    {
        foreach (KernelParameter p in _kernel.Parameters)
        {
            string name = Identifier.Escape(p.Name);
            if (p.Kind == ParameterKind.Uniform)
                _writer.Line($"{p.Type.Keyword()} {name} = __args.{name};");
            else if (p.IsSpan && p.Type == ScalarKind.Boolean)
            {
                // bool elements are bytes (0 or 1) to the vector code, which widens them into masks and narrows masks back.
                _writer.Line($"ref byte {name} = ref global::System.Runtime.CompilerServices.Unsafe.As<bool, byte>(ref {GeneratedNames.MemoryMarshal}.GetReference(__args.{name}));");
            }
            else if (p.IsSpan)
                _writer.Line($"ref {p.Type.Keyword()} {name} = ref {GeneratedNames.MemoryMarshal}.GetReference(__args.{name});");
        }
        (List<UniformExpression> uniforms, List<LocalExpression> locals) = BroadcastOperands();
        foreach (UniformExpression uniform in uniforms)
        {
            _writer.Line(BroadcastDeclaration(uniform.Name, uniform.Type));
            _broadcasts[uniform.Name] = BroadcastName(uniform.Name);
        }
        // A uniform local set once is broadcast where it is declared (see StatementWriter), not in every loop iteration.
        foreach (LocalExpression local in locals)
            _broadcasts[local.Name] = BroadcastName(local.Name);
    }

    /// <summary>
    /// The name of the broadcast of <paramref name="name"/>: <c>__b_name</c>, apart from the chunk body's own names
    /// (<c>__stop</c>, <c>__tail</c>, <c>__live</c>, …), which a kernel's <c>stop</c> or <c>tail</c> would otherwise meet.
    /// </summary>
    private static string BroadcastName(string name) => "__b_" + name;

    /// <summary>The vector of <paramref name="name"/>'s value in every lane, declared as <see cref="BroadcastName"/>.</summary>
    private string BroadcastDeclaration(string name, ScalarKind type)
    {
        ScalarKind lane = type.LaneType()!.Value;
        string value = type == lane ? Identifier.Escape(name) : $"unchecked(({lane.Keyword()}){Identifier.Escape(name)})";
        return $"{WidthOf(lane).Type(lane)} {BroadcastName(name)} = {WidthOf(lane).Api}.Create({value});";
    }

    /// <summary>One vector of lanes starting at index <paramref name="index"/>.</summary>
    private void WriteStep(string index, bool tail, string accumulator)
    {
        StatementWriter statements = StepWriter(index, tail, accumulator, new TemporaryNames());
        statements.Begin(tail);
        var body = _kernel.Body.Statements;
        for (int s = 0; s < body.Count; s++)
            statements.Write(body[s], trailing: s == body.Count - 1);
        statements.End();
    }

    /// <summary>
    /// The statement writer for one vector of lanes whose lane 0 has index <paramref name="index"/>; copy
    /// <paramref name="copy"/> of a jammed step names its per-lane locals and masks apart from the others'.
    /// </summary>
    private StatementWriter StepWriter(string index, bool tail, string accumulator, TemporaryNames temporaries, int copy = 0)
    {
        var scope = new ChunkScope(_kernel, _simd, index, copy);
        var scalar = new ScalarExpressionWriter(scope);
        scope.Writer = scalar;
        var vector = new VectorExpressionWriter(_width, _simd, scalar, scope, tail, _broadcasts, temporaries, _kernel.FastMath);
        return new StatementWriter(this, scalar, vector, scope, accumulator, copy);
    }

    /// <summary>
    /// The index of lane 0 of the <paramref name="copy"/>-th vector from <paramref name="index"/> on: the index itself
    /// for copy 0, else a local <c>__x{copy}</c> declared here.
    /// </summary>
    private string CopyIndex(string index, int copy, int lanes)
    {
        if (copy == 0)
            return index;
        string name = $"__{_kernel.Parameters[_kernel.Dimensions - 1].Name}{copy}";
        _writer.Line($"int {name} = {index} + {copy * lanes};");
        return name;
    }

    /// <summary>
    /// <paramref name="copies"/> vectors of lanes from <paramref name="index"/> on, side by side (<see cref="LaneJamming"/>):
    /// uniform statements and loop headers once, every per-lane statement once per copy, each copy with its own
    /// per-lane locals.
    /// </summary>
    private void WriteJammedStep(string index, int copies)
    {
        int lanes = _width.Lanes(_simd.LaneBytes);
        var temporaries = new TemporaryNames();
        var writers = new StatementWriter[copies];
        for (int k = 0; k < copies; k++)
        {
            writers[k] = StepWriter(CopyIndex(index, k, lanes), tail: false, "__acc0", temporaries, k);
            writers[k].Begin(tail: false);
        }

        void Write(KernelStatement statement)
        {
            switch (statement)
            {
                case BlockStatement block:
                    foreach (KernelStatement inner in block.Statements)
                        Write(inner);
                    break;
                case LoopStatement loop when _simd.Lanes.IsVarying(loop):
                    WriteJammedVaryingLoop(writers, loop);
                    break;
                case LoopStatement loop:
                    writers[0].WriteUniformLoop(loop, Write);
                    break;
                case IfStatement branch:
                    writers[0].WriteUniformIf(branch, Write);
                    break;
                case BreakStatement:
                    _writer.Line("break;");
                    break;
                case ContinueStatement:
                    _writer.Line("continue;");
                    break;
                case DeclareLocalStatement declare when _simd.Lanes.ClassifyLocal(declare.Name) == LaneClass.Uniform:
                    writers[0].Write(declare);
                    break;
                case AssignLocalStatement assign when _simd.Lanes.ClassifyLocal(assign.Name) == LaneClass.Uniform:
                    writers[0].Write(assign);
                    break;
                default:
                    foreach (StatementWriter writer in writers)
                        writer.Write(statement);
                    break;
            }
        }

        foreach (KernelStatement statement in _kernel.Body.Statements)
            Write(statement);
        writers[0].End();
    }

    /// <summary>
    /// A loop whose lanes leave at different times, for every copy at once: one <c>while</c> that runs until no lane
    /// of any copy is left, each copy's body under its own masks (a copy with no lane left computes values no lane
    /// keeps, and stores nothing).
    /// </summary>
    private void WriteJammedVaryingLoop(StatementWriter[] writers, LoopStatement loop)
    {
        using (_writer.Block(""))
        {
            var runs = writers.Select(w => w.OpenVaryingLoop(loop)).ToArray();
            using (_writer.Block("while (true)"))
            {
                for (int k = 0; k < writers.Length; k++)
                    writers[k].TestAtTop(runs[k]);
                _writer.Line($"if (({string.Join(" | ", runs.Select(r => r.Running))}) == {writers[0].NoLanes})");
                _writer.Line("    break;");
                for (int k = 0; k < writers.Length; k++)
                    writers[k].BeginIteration(runs[k]);
                IEnumerable<KernelStatement> body = loop.Body is BlockStatement block ? block.Statements : new[] { loop.Body };
                foreach (KernelStatement statement in body)
                {
                    foreach (StatementWriter writer in writers)
                        writer.Write(statement);
                }
                for (int k = 0; k < writers.Length; k++)
                    writers[k].EndIteration(runs[k]);
            }
        }
    }

    private string IdentityVector()
        => _kernel.ReturnType == AccumulatorLane
            ? $"{AccumulatorWidth.Api}.Create({Reduction!.Identity})"
            : $"{AccumulatorWidth.Api}.Create(unchecked(({AccumulatorLane!.Value.Keyword()}){Reduction!.Identity}))";

    /// <summary>Combines two vectors of partials lane by lane, with the reduction's operation.</summary>
    private string CombineVectors(string left, string right) => _kernel.Reduce switch
    {
        ReductionKind.Sum => $"({left} + {right})",
        ReductionKind.Product => $"({left} * {right})",
        ReductionKind.Min => $"{AccumulatorWidth.Api}.Min({left}, {right})",
        ReductionKind.Max => $"{AccumulatorWidth.Api}.Max({left}, {right})",
        ReductionKind.And => $"({left} & {right})",
        ReductionKind.Or => $"({left} | {right})",
        ReductionKind.Xor => $"({left} ^ {right})",
        _ => throw new System.ArgumentOutOfRangeException(nameof(_kernel.Reduce), _kernel.Reduce, "only reduction kernels combine vectors"),
    };

    /// <summary>
    /// Uniform parameters that meet per-lane values, broadcast once per chunk instead of once per vector; and uniform
    /// locals that do, declared with a value and never assigned again, broadcast once where they are declared
    /// instead of at every use (the JIT does not hoist a broadcast out of a loop).
    /// </summary>
    private (List<UniformExpression> Uniforms, List<LocalExpression> Locals) BroadcastOperands()
    {
        var found = new Dictionary<string, UniformExpression>();
        var locals = new Dictionary<string, LocalExpression>();
        var reassigned = new HashSet<string>(KernelWalker.Statements(_kernel.Body).OfType<AssignLocalStatement>().Select(a => a.Name));
        foreach (KernelStatement statement in KernelWalker.Statements(_kernel.Body))
        {
            // A declaration in a for loop's header is written inside the header, where no broadcast can follow it.
            if (statement is DeclareLocalStatement { Initializer: null } declaration)
                reassigned.Add(declaration.Name);
            else if (statement is LoopStatement loop)
                reassigned.UnionWith(loop.Initializers.OfType<DeclareLocalStatement>().Select(d => d.Name));
        }
        void Visit(KernelExpression expression)
        {
            if (_simd.Lanes.Classify(expression) == LaneClass.Uniform)
            {
                if (expression is UniformExpression uniform && uniform.Type.LaneType() is not null)
                    found[uniform.Name] = uniform;
                else if (expression is LocalExpression local && local.Type.LaneType() is not null && !reassigned.Contains(local.Name))
                    locals[local.Name] = local;
                return;
            }
            foreach (KernelExpression child in KernelWalker.Children(expression))
            {
                bool scalarOperand = expression is LoadExpression
                    || (expression is BinaryExpression { Operator: BinaryOperator.LeftShift or BinaryOperator.RightShift or BinaryOperator.UnsignedRightShift } shift && ReferenceEquals(child, shift.Right));
                if (!scalarOperand)
                    Visit(child);
            }
        }
        foreach (KernelStatement statement in KernelWalker.Statements(_kernel.Body))
        {
            switch (statement)
            {
                case StoreStatement store:
                    Visit(store.Value);
                    break;
                case ReturnStatement { Value: { } value }:
                    Visit(value);
                    break;
                case DeclareLocalStatement { Initializer: { } init } declare when _simd.Lanes.ClassifyLocal(declare.Name) == LaneClass.Varying:
                    Visit(init);
                    break;
                case AssignLocalStatement assign when _simd.Lanes.ClassifyLocal(assign.Name) == LaneClass.Varying:
                    Visit(assign.Value);
                    break;
                case IfStatement branch when _simd.Lanes.Classify(branch.Condition) == LaneClass.Varying:
                    Visit(branch.Condition);
                    break;
                case LoopStatement { Condition: { } condition } loop when _simd.Lanes.IsVarying(loop):
                    Visit(condition);
                    break;
            }
        }
        return (found.Values.OrderBy(u => u.Name, System.StringComparer.Ordinal).ToList(), locals.Values.ToList());
    }

    /// <summary>
    /// Writes kernel statements for one vector step. Uniform control flow stays scalar C#; varying control flow
    /// becomes masks: the current mask is the AND of the enclosing conditions and of the exit masks (<c>__live</c>:
    /// lanes that have not returned; per varying loop, <c>__loopN</c>: lanes still looping, and <c>__iterN</c>: lanes
    /// still in this iteration). Assignments under a mask blend, stores write only the selected lanes.
    /// </summary>
    private sealed class StatementWriter(VectorBodyEmitter owner, ScalarExpressionWriter scalar, VectorExpressionWriter vector, INameScope names, string accumulator, int copy = 0)
    {
        private readonly List<string> _factors = new();
        private readonly Stack<(string? Loop, string? Iteration)> _loops = new();
        private readonly Stack<VaryingLoopScope> _varyingLoops = new();
        private int _next;
        private bool _live;
        private bool _endLabel;

        private IndentedWriter Out => owner._writer;

        private string? Mask => _factors.Count == 0 ? null : string.Join(" & ", _factors);

        public void Begin(bool tail)
        {
            bool reduction = owner.Reduction is not null;
            _live = owner._simd.Lanes.HasVaryingReturn;
            if (_live)
            {
                Out.Line($"{vector.MaskType} __live = {vector.AllLanes};");
                _factors.Add("__live");
            }
            if (tail && (reduction || UsesMasks()))
            {
                // Inactive lanes of the last vector take part in nothing: no store, no contribution, no fault.
                Out.Line($"{vector.MaskType} __tail = Dp::Lanes.TailMask{owner._width.Bits}<{vector.MaskLane.Keyword()}>(__active);");
                _factors.Add("__tail");
            }
            _endLabel = KernelWalker.Statements(owner._kernel.Body).OfType<ReturnStatement>().Count() > 1
                || owner._kernel.Body.Statements.Count == 0
                || owner._kernel.Body.Statements[owner._kernel.Body.Statements.Count - 1] is not ReturnStatement;
        }

        public void End()
        {
            if (_endLabel)
                Out.Line($"__end: ;");
        }

        private bool UsesMasks()
            => owner._simd.Lanes.HasVaryingReturn
                || KernelWalker.Statements(owner._kernel.Body).Any(s =>
                    (s is IfStatement branch && owner._simd.Lanes.Classify(branch.Condition) == LaneClass.Varying)
                    || (s is LoopStatement loop && owner._simd.Lanes.IsVarying(loop)));

        public void Write(KernelStatement statement, bool trailing = false)
        {
            switch (statement)
            {
                case BlockStatement block:
                    for (int s = 0; s < block.Statements.Count; s++)
                        Write(block.Statements[s], trailing && s == block.Statements.Count - 1);
                    break;
                case DeclareLocalStatement declare:
                    Emit(Declaration(declare, fresh: true) + ";");
                    if (owner._simd.Lanes.ClassifyLocal(declare.Name) == LaneClass.Uniform && owner._broadcasts.ContainsKey(declare.Name))
                        Out.Line(owner.BroadcastDeclaration(declare.Name, declare.Type));
                    break;
                case AssignLocalStatement assign:
                    Emit(Assignment(assign) + ";");
                    break;
                case StoreStatement store:
                    vector.Guard = Mask;
                    string value = vector.Write(store.Value);
                    Emit(vector.Store(store, value, Mask));
                    break;
                case ReturnStatement ret:
                    WriteReturn(ret, trailing);
                    break;
                case IfStatement branch:
                    WriteIf(branch);
                    break;
                case LoopStatement loop:
                    if (owner._simd.Lanes.IsVarying(loop))
                        WriteVaryingLoop(loop);
                    else
                        WriteUniformLoop(loop, body => Write(body));
                    break;
                case BreakStatement:
                    WriteExit(isBreak: true);
                    break;
                case ContinueStatement:
                    WriteExit(isBreak: false);
                    break;
                case SliceCheckStatement:
                    // Proven at entry for the whole domain.
                    break;
                default:
                    throw new System.InvalidOperationException($"{statement.GetType().Name} has no vector form.");
            }
        }

        private void WriteReturn(ReturnStatement ret, bool trailing)
        {
            string? mask = Mask;
            if (ret.Value is { } result)
            {
                vector.Guard = mask;
                string value = vector.Write(result);
                ScalarKind lane = owner.AccumulatorLane!.Value;
                if (mask is not null)
                    value = $"{owner.AccumulatorWidth.Api}.ConditionalSelect({vector.MaskAs(mask, lane)}, {value}, {owner.IdentityVector()})";
                Emit($"{accumulator} = {owner.CombineVectors(accumulator, value)};");
            }
            if (trailing && _loops.Count == 0 && _factors.All(f => f is "__live" or "__tail"))
                return;
            // A return under per-lane control retires those lanes; one every lane reaches ends the vector's work.
            bool divergent = _loops.Any(l => l.Loop is not null) || _factors.Any(f => f is not "__live" and not "__tail");
            if (_live && divergent)
            {
                Out.Line($"__live &= ~({mask});");
                foreach (var loop in _loops)
                {
                    if (loop.Loop is not null)
                        Out.Line($"{loop.Loop} &= __live;");
                    if (loop.Iteration is not null)
                        Out.Line($"{loop.Iteration} &= __live;");
                }
            }
            else
            {
                Out.Line("goto __end;");
            }
        }

        private void WriteIf(IfStatement branch)
        {
            if (owner._simd.Lanes.Classify(branch.Condition) == LaneClass.Uniform)
            {
                WriteUniformIf(branch, body => Write(body));
                return;
            }
            string condition = $"__c{_next++}{Suffix}";
            vector.Guard = Mask;
            string mask = vector.Write(branch.Condition);
            Emit($"{vector.MaskType} {condition} = {mask};");
            WriteMasked(condition, branch.Then);
            if (branch.Else is not null)
                WriteMasked($"~{condition}", branch.Else);
        }

        /// <summary>An <c>if</c> every lane takes the same way: plain C#, its branches written by <paramref name="writeBody"/>.</summary>
        public void WriteUniformIf(IfStatement branch, System.Action<KernelStatement> writeBody)
        {
            using (Out.Block($"if ({scalar.Write(branch.Condition)})"))
                writeBody(branch.Then);
            if (branch.Else is not null)
            {
                using (Out.Block("else"))
                    writeBody(branch.Else);
            }
        }

        private void WriteMasked(string factor, KernelStatement body)
        {
            _factors.Add(factor);
            using (Out.Block($"if (({Mask}) != {vector.NoLanes})"))
                Write(body);
            _factors.RemoveAt(_factors.Count - 1);
        }

        /// <summary>A loop every lane runs the same number of times: plain C#, its body written by <paramref name="writeBody"/>.</summary>
        public void WriteUniformLoop(LoopStatement loop, System.Action<KernelStatement> writeBody)
        {
            _loops.Push((null, null));
            string condition = loop.Condition is null ? "" : scalar.Write(loop.Condition);
            if (loop.ConditionAfterBody)
            {
                using (Out.Block("do", $"}} while ({(condition.Length == 0 ? "true" : condition)});"))
                    writeBody(loop.Body);
                _loops.Pop();
                return;
            }
            string increments = string.Join(", ", loop.Increments.Select(i => i is AssignLocalStatement a ? Assignment(a) : throw new System.InvalidOperationException("Loop increments are assignments.")));
            bool headerDeclaration = loop.Initializers.Count == 1 && loop.Initializers[0] is DeclareLocalStatement;
            System.IDisposable? scope = headerDeclaration || loop.Initializers.Count == 0 ? null : Out.Block("");
            if (!headerDeclaration)
            {
                foreach (KernelStatement initializer in loop.Initializers)
                    Write(initializer);
            }
            string header = headerDeclaration ? Declaration((DeclareLocalStatement)loop.Initializers[0], fresh: true) : "";
            using (Out.Block($"for ({header}; {condition}; {increments})"))
                writeBody(loop.Body);
            scope?.Dispose();
            _loops.Pop();
        }

        /// <summary>The mask with no lane set.</summary>
        public string NoLanes => vector.NoLanes;

        /// <summary>Distinguishes this writer's masks from another copy's in a jammed step.</summary>
        private string Suffix => copy == 0 ? "" : $"__{copy}";

        /// <summary>A loop whose lanes leave at different times: it runs until no lane is left in it.</summary>
        private void WriteVaryingLoop(LoopStatement loop)
        {
            using (Out.Block(""))
            {
                VaryingLoopRun run = OpenVaryingLoop(loop);
                using (Out.Block("while (true)"))
                {
                    TestAtTop(run);
                    Out.Line($"if ({run.Running} == {vector.NoLanes})");
                    Out.Line("    break;");
                    BeginIteration(run);
                    Write(loop.Body);
                    EndIteration(run);
                }
            }
        }

        /// <summary>The loop's initializers and its mask of lanes still looping (the caller opens the enclosing block).</summary>
        public VaryingLoopRun OpenVaryingLoop(LoopStatement loop)
        {
            int n = _next++;
            foreach (KernelStatement initializer in loop.Initializers)
                Write(initializer);
            var run = new VaryingLoopRun(loop, $"__loop{n}{Suffix}", $"__iter{n}{Suffix}", _factors.ToList());
            Out.Line($"{vector.MaskType} {run.Running} = {Mask ?? vector.AllLanes};");
            return run;
        }

        /// <summary>Drops the lanes whose condition fails, where the condition is tested before the body.</summary>
        public void TestAtTop(VaryingLoopRun run)
        {
            if (!run.Loop.ConditionAfterBody && run.Loop.Condition is not null)
                NarrowByCondition(run.Running, run.Loop.Condition);
        }

        /// <summary>Declares this iteration's mask and makes it the one the body runs under.</summary>
        public void BeginIteration(VaryingLoopRun run)
        {
            Out.Line($"{vector.MaskType} {run.Iteration} = {run.Running};");
            _factors.Clear();
            if (_live)
                _factors.Add("__live");
            _factors.Add(run.Iteration);
            _loops.Push((run.Running, run.Iteration));
            _varyingLoops.Push(new VaryingLoopScope(run.Running, run.Iteration, LoopPrivateLocals.Find(owner._kernel.Body, run.Loop, owner._simd.Lanes)));
        }

        /// <summary>The increments under the looping lanes' mask, a bottom test, and the factors from before the loop.</summary>
        public void EndIteration(VaryingLoopRun run)
        {
            _loops.Pop();
            _factors[_factors.Count - 1] = run.Running;
            foreach (KernelStatement increment in run.Loop.Increments)
                Write(increment);
            _varyingLoops.Pop();
            if (run.Loop.ConditionAfterBody && run.Loop.Condition is not null)
                NarrowByCondition(run.Running, run.Loop.Condition);
            _factors.Clear();
            _factors.AddRange(run.Outer);
        }

        private void NarrowByCondition(string running, KernelExpression condition)
        {
            vector.Guard = running;
            string mask = vector.Write(condition);
            Emit($"{running} &= {mask};");
        }

        private void WriteExit(bool isBreak)
        {
            (string? running, string? iteration) = _loops.Peek();
            if (running is null)
            {
                Out.Line(isBreak ? "break;" : "continue;");
                return;
            }
            string mask = Mask!;
            if (isBreak)
                Out.Line($"{running} &= ~({mask});");
            Out.Line($"{iteration} &= ~({mask});");
        }

        /// <summary>Writes a line after the temporaries its expressions asked for.</summary>
        private void Emit(string line)
        {
            foreach (string temporary in vector.Prelude)
                Out.Line(temporary);
            vector.Prelude.Clear();
            Out.Line(line);
        }

        private string Declaration(DeclareLocalStatement declare, bool fresh)
        {
            bool varying = owner._simd.Lanes.ClassifyLocal(declare.Name) == LaneClass.Varying;
            string type = varying ? VaryingType(declare.Type) : declare.Type.Keyword();
            string name = varying ? names.VaryingLocal(declare.Name) : Identifier.Escape(declare.Name);
            vector.Guard = Mask;
            if (declare.Initializer is null)
                return varying ? $"{type} {name} = default" : $"{type} {name}";
            return $"{type} {name} = {Value(declare.Initializer, varying)}";
        }

        private string Assignment(AssignLocalStatement assign)
        {
            if (owner._simd.Lanes.ClassifyLocal(assign.Name) == LaneClass.Uniform)
                return $"{Identifier.Escape(assign.Name)} = {scalar.Write(assign.Value)}";
            string name = names.VaryingLocal(assign.Name);
            string? mask = Mask;
            vector.Guard = mask;
            bool dead = mask is null || LeftLanesAreDead(assign.Name);
            if (!dead && MaskedStep(assign) is { } step)
            {
                // x ± step under a mask: the lanes outside it add zero (integers only: for floats -0 + 0 is +0).
                ScalarKind stepLane = assign.Value.Type.LaneType()!.Value;
                string selected = vector.MaskAs($"({mask})", stepLane);
                bool add = ((BinaryExpression)assign.Value).Operator == BinaryOperator.Add;
                if (step is ConstantExpression { IntegerValue: 1 })
                    return $"{name} = ({name} {(add ? "-" : "+")} {selected})";
                return $"{name} = ({name} {(add ? "+" : "-")} ({vector.Write(step)} & {selected}))";
            }
            string value = vector.Write(assign.Value);
            if (dead)
                return $"{name} = {value}";
            ScalarKind lane = assign.Value.Type == ScalarKind.Boolean ? vector.MaskLane : assign.Value.Type.LaneType()!.Value;
            return $"{name} = Dp::LaneSelect.Blend({vector.MaskAs(mask!, lane)}, {value}, {name})";
        }

        /// <summary>
        /// Whether the lanes outside the current mask are lanes that have left the innermost varying loop for good
        /// and <paramref name="local"/> is one the kernel no longer reads for them (see <see cref="LoopPrivateLocals"/>).
        /// </summary>
        private bool LeftLanesAreDead(string local)
        {
            if (_varyingLoops.Count == 0)
                return false;
            VaryingLoopScope loop = _varyingLoops.Peek();
            if (!loop.PrivateLocals.Contains(local))
                return false;
            var narrowing = _factors.Where(f => f != "__live").ToList();
            return narrowing.Count == 1 && (narrowing[0] == loop.Iteration || narrowing[0] == loop.Running);
        }

        /// <summary>The step of <c>x = x + step</c> or <c>x = x - step</c> (also <c>step + x</c>) on integer lanes, unchecked.</summary>
        private static KernelExpression? MaskedStep(AssignLocalStatement assign)
        {
            if (assign.Value is not BinaryExpression { Operator: BinaryOperator.Add or BinaryOperator.Subtract, Checked: false } sum
                || assign.Value.Type.LaneType() is not { } lane || !lane.IsInteger())
                return null;
            if (sum.Left is LocalExpression left && left.Name == assign.Name && left.Type == sum.Type)
                return sum.Right;
            if (sum.Operator == BinaryOperator.Add && sum.Right is LocalExpression right && right.Name == assign.Name && right.Type == sum.Type)
                return sum.Left;
            return null;
        }

        private sealed record VaryingLoopScope(string Running, string Iteration, IReadOnlyCollection<string> PrivateLocals);

        /// <summary>A varying loop being written: its loop, its two masks, and the factors in force before it.</summary>
        public sealed record VaryingLoopRun(LoopStatement Loop, string Running, string Iteration, List<string> Outer);

        private string VaryingType(ScalarKind type) => type == ScalarKind.Boolean ? vector.MaskType : owner.WidthOf(type.LaneType()!.Value).Type(type.LaneType()!.Value);

        private string Value(KernelExpression value, bool varying) => varying ? vector.Write(value) : scalar.Write(value);
    }
}

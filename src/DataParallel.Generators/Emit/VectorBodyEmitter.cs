using System.Collections.Generic;
using System.Linq;
using DataParallel.Analyzers.Analysis;
using DataParallel.Analyzers.Model;
using DataParallel.Generators.Lowering;

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

    private ScalarKind? AccumulatorLane => _kernel.ReturnType?.LaneType();

    private void Emit()
    {
        int lanes = _width.Lanes(_simd.LaneBytes);
        int last = _kernel.Dimensions - 1;
        string index = Identifier.Escape(_kernel.Parameters[last].Name);
        string returnType = _kernel.ReturnType?.Keyword() ?? "void";
        bool unroll = Reduction is not null && _kernel.Dimensions == 1 && !KernelWalker.Statements(_kernel.Body).Any(s => s is LoopStatement or IfStatement);
        using (_writer.Block($"private static {returnType} Execute{_width.Bits}(ref Args __args, int begin, int end)"))
        {
            WritePrologue();
            string[] accumulators = unroll ? ["__acc0", "__acc1", "__acc2", "__acc3"] : ["__acc0"];
            if (Reduction is { } reduction)
            {
                foreach (string accumulator in accumulators)
                    _writer.Line($"{_width.Type(AccumulatorLane!.Value)} {accumulator} = {IdentityVector()};");
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
                        {
                            string name = k == 0 ? index : $"__{_kernel.Parameters[last].Name}{k}";
                            if (k > 0)
                                _writer.Line($"int {name} = {index} + {k * lanes};");
                            WriteStep(name, tail: false, accumulators[k]);
                        }
                    }
                }
            }
            using (_writer.Block($"for (; {index} <= __stop - {lanes}; {index} += {lanes})"))
                WriteStep(index, tail: false, "__acc0");
            using (_writer.Block($"if ({index} < __stop)"))
            {
                _writer.Line("// The last, partial vector: the same computation; inactive lanes repeat the last element and are never stored.");
                _writer.Line($"int __active = __stop - {index};");
                if (Reduction is not null)
                    _writer.Line($"{_width.Type(AccumulatorLane!.Value)} __tail = Dp::Lanes.TailMask{_width.Bits}<{AccumulatorLane!.Value.Keyword()}>(__active);");
                WriteStep(index, tail: true, "__acc0");
            }
            rows?.Dispose();

            if (Reduction is { } r)
            {
                if (unroll)
                    _writer.Line($"__acc0 = {CombineVectors(CombineVectors("__acc0", "__acc1"), CombineVectors("__acc2", "__acc3"))};");
                _writer.Line($"{returnType} __partial = {r.Identity};");
                _writer.Line($"for (int __lane = 0; __lane < {_width.Type(AccumulatorLane!.Value)}.Count; __lane++)");
                _writer.Line($"    __partial = {r.Combine("__partial", _kernel.ReturnType == AccumulatorLane ? $"{_width.Api}.GetElement(__acc0, __lane)" : $"unchecked(({returnType}){_width.Api}.GetElement(__acc0, __lane))")};");
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
            else if (p.IsSpan)
                _writer.Line($"ref {p.Type.Keyword()} {name} = ref {GeneratedNames.MemoryMarshal}.GetReference(__args.{name});");
        }
        foreach (UniformExpression uniform in BroadcastUniforms())
        {
            string name = "__" + uniform.Name;
            ScalarKind lane = uniform.Type.LaneType()!.Value;
            string value = uniform.Type == lane ? Identifier.Escape(uniform.Name) : $"unchecked(({lane.Keyword()}){Identifier.Escape(uniform.Name)})";
            _writer.Line($"{_width.Type(lane)} {name} = {_width.Api}.Create({value});");
            _broadcasts[uniform.Name] = name;
        }
    }

    /// <summary>One vector of lanes starting at index <paramref name="index"/>.</summary>
    private void WriteStep(string index, bool tail, string accumulator)
    {
        var scope = new ChunkScope(_kernel, _simd, index);
        var scalar = new ScalarExpressionWriter(scope);
        scope.Writer = scalar;
        var vector = new VectorExpressionWriter(_width, _simd, scalar, scope, tail, _broadcasts);
        var statements = new StatementWriter(this, scalar, vector, tail, accumulator);
        foreach (KernelStatement statement in _kernel.Body.Statements)
            statements.Write(statement);
    }

    private string IdentityVector()
        => _kernel.ReturnType == AccumulatorLane
            ? $"{_width.Api}.Create({Reduction!.Identity})"
            : $"{_width.Api}.Create(unchecked(({AccumulatorLane!.Value.Keyword()}){Reduction!.Identity}))";

    /// <summary>Combines two vectors of partials lane by lane, with the reduction's operation.</summary>
    private string CombineVectors(string left, string right) => _kernel.Reduce switch
    {
        "Sum" => $"({left} + {right})",
        "Product" => $"({left} * {right})",
        "Min" => $"{_width.Api}.Min({left}, {right})",
        "Max" => $"{_width.Api}.Max({left}, {right})",
        "And" => $"({left} & {right})",
        "Or" => $"({left} | {right})",
        _ => $"({left} ^ {right})",
    };

    /// <summary>Uniform parameters that meet per-lane values: broadcast once per chunk instead of once per vector.</summary>
    private IEnumerable<UniformExpression> BroadcastUniforms()
    {
        var found = new Dictionary<string, UniformExpression>();
        void Visit(KernelExpression expression)
        {
            if (_simd.Lanes.Classify(expression) == LaneClass.Uniform)
            {
                if (expression is UniformExpression uniform && uniform.Type.LaneType() is not null)
                    found[uniform.Name] = uniform;
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
            }
        }
        return found.Values.OrderBy(u => u.Name, System.StringComparer.Ordinal);
    }

    /// <summary>Writes kernel statements for one vector step: uniform control flow stays scalar C#.</summary>
    private sealed class StatementWriter(VectorBodyEmitter owner, ScalarExpressionWriter scalar, VectorExpressionWriter vector, bool tail, string accumulator)
    {
        private IndentedWriter Out => owner._writer;

        public void Write(KernelStatement statement)
        {
            switch (statement)
            {
                case BlockStatement block:
                    foreach (KernelStatement inner in block.Statements)
                        Write(inner);
                    break;
                case DeclareLocalStatement declare:
                    Out.Line(Declaration(declare) + ";");
                    break;
                case AssignLocalStatement assign:
                    Out.Line(Assignment(assign) + ";");
                    break;
                case StoreStatement store:
                    Out.Line(vector.Store(store, vector.Write(store.Value)));
                    break;
                case ReturnStatement { Value: { } value }:
                    string result = vector.Write(value);
                    if (tail)
                        result = $"{owner._width.Api}.ConditionalSelect(__tail, {result}, {owner.IdentityVector()})";
                    Out.Line($"{accumulator} = {owner.CombineVectors(accumulator, result)};");
                    break;
                case ReturnStatement:
                    break;
                case IfStatement branch:
                    using (Out.Block($"if ({scalar.Write(branch.Condition)})"))
                        Write(branch.Then);
                    if (branch.Else is not null)
                    {
                        using (Out.Block("else"))
                            Write(branch.Else);
                    }
                    break;
                case LoopStatement loop:
                    WriteLoop(loop);
                    break;
                case BreakStatement:
                    Out.Line("break;");
                    break;
                case ContinueStatement:
                    Out.Line("continue;");
                    break;
                default:
                    throw new System.InvalidOperationException($"{statement.GetType().Name} has no vector form.");
            }
        }

        private void WriteLoop(LoopStatement loop)
        {
            string condition = loop.Condition is null ? "true" : scalar.Write(loop.Condition);
            if (loop.ConditionAfterBody)
            {
                using (Out.Block("do", $"}} while ({condition});"))
                    Write(loop.Body);
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
            string header = headerDeclaration ? Declaration((DeclareLocalStatement)loop.Initializers[0]) : "";
            using (Out.Block($"for ({header}; {(loop.Condition is null ? "" : condition)}; {increments})"))
                Write(loop.Body);
            scope?.Dispose();
        }

        private string Declaration(DeclareLocalStatement declare)
        {
            bool varying = owner._simd.Lanes.ClassifyLocal(declare.Name) == LaneClass.Varying;
            string type = varying ? owner._width.Type(declare.Type.LaneType()!.Value) : declare.Type.Keyword();
            string name = Identifier.Escape(declare.Name);
            return declare.Initializer is null ? $"{type} {name}" : $"{type} {name} = {Value(declare.Initializer, varying)}";
        }

        private string Assignment(AssignLocalStatement assign)
            => $"{Identifier.Escape(assign.Name)} = {Value(assign.Value, owner._simd.Lanes.ClassifyLocal(assign.Name) == LaneClass.Varying)}";

        private string Value(KernelExpression value, bool varying) => varying ? vector.Write(value) : scalar.Write(value);
    }
}

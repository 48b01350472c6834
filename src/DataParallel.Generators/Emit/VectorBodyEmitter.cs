using System.Collections.Generic;
using System.Linq;
using DataParallel.Analyzers.Analysis;
using DataParallel.Analyzers.Model;

namespace DataParallel.Generators.Emit;

/// <summary>
/// Writes the chunk body of one vector width: whole vectors over the chunk, then — only in the domain's last chunk —
/// one partial vector computed by the very same code with tail loads and stores, so an element's result never
/// depends on where it falls.
/// </summary>
internal static class VectorBodyEmitter
{
    public static void Emit(IndentedWriter writer, KernelModel kernel, SimdPlan plan, VectorWidth width)
    {
        string index = Identifier.Escape(kernel.Parameters[0].Name);
        int lanes = width.Lanes(plan.LaneBytes);
        using (writer.Block($"private static void Execute{width.Bits}(ref Args __args, int begin, int end)"))
        {
            foreach (KernelParameter p in kernel.Parameters)
            {
                string name = Identifier.Escape(p.Name);
                if (p.Kind == ParameterKind.Uniform)
                    writer.Line($"{p.Type.Keyword()} {name} = __args.{name};");
                else if (p.IsSpan)
                    writer.Line($"ref {p.Type.Keyword()} {name} = ref {GeneratedNames.MemoryMarshal}.GetReference(__args.{name});");
            }
            var broadcasts = new Dictionary<string, string>();
            foreach (UniformExpression uniform in BroadcastUniforms(kernel, plan))
            {
                string name = "__" + uniform.Name;
                ScalarKind lane = uniform.Type.LaneType()!.Value;
                string value = uniform.Type == lane ? Identifier.Escape(uniform.Name) : $"unchecked(({lane.Keyword()}){Identifier.Escape(uniform.Name)})";
                writer.Line($"{width.Type(lane)} {name} = {width.Api}.Create({value});");
                broadcasts[uniform.Name] = name;
            }
            writer.Line($"int {index} = __args.__start0 + begin;");
            writer.Line("int __stop = __args.__start0 + end;");
            using (writer.Block($"for (; {index} <= __stop - {lanes}; {index} += {lanes})"))
                WriteBody(writer, kernel, plan, width, tail: false, broadcasts);
            using (writer.Block($"if ({index} < __stop)"))
            {
                writer.Line("// The domain's last, partial vector: the same computation, with only the active lanes loaded and stored.");
                writer.Line($"int __active = __stop - {index};");
                WriteBody(writer, kernel, plan, width, tail: true, broadcasts);
            }
        }
    }

    private static void WriteBody(IndentedWriter writer, KernelModel kernel, SimdPlan plan, VectorWidth width, bool tail, IReadOnlyDictionary<string, string> broadcasts)
    {
        var scope = new ChunkScope(kernel, plan);
        var scalar = new ScalarExpressionWriter(scope);
        scope.Writer = scalar;
        var vector = new VectorExpressionWriter(width, plan, scalar, scope, tail, broadcasts);
        foreach (KernelStatement statement in Flatten(kernel.Body))
        {
            switch (statement)
            {
                case DeclareLocalStatement declare:
                    string type = plan.Lanes.ClassifyLocal(declare.Name) == LaneClass.Varying
                        ? width.Type(declare.Type.LaneType()!.Value)
                        : declare.Type.Keyword();
                    writer.Line(declare.Initializer is null
                        ? $"{type} {Identifier.Escape(declare.Name)};"
                        : $"{type} {Identifier.Escape(declare.Name)} = {Value(declare.Initializer, plan.Lanes.ClassifyLocal(declare.Name), scalar, vector)};");
                    break;
                case AssignLocalStatement assign:
                    writer.Line($"{Identifier.Escape(assign.Name)} = {Value(assign.Value, plan.Lanes.ClassifyLocal(assign.Name), scalar, vector)};");
                    break;
                case StoreStatement store:
                    writer.Line(vector.Store(store, vector.Write(store.Value)));
                    break;
                case ReturnStatement:
                    break;
                default:
                    throw new System.InvalidOperationException($"{statement.GetType().Name} is not straight-line code.");
            }
        }
    }

    private static string Value(KernelExpression value, LaneClass target, ScalarExpressionWriter scalar, VectorExpressionWriter vector)
        => target == LaneClass.Varying ? vector.Write(value) : scalar.Write(value);

    private static IEnumerable<KernelStatement> Flatten(BlockStatement block)
        => block.Statements.SelectMany(s => s is BlockStatement nested ? Flatten(nested) : [s]);

    /// <summary>Uniform parameters that meet per-lane values: broadcast once per chunk instead of once per vector.</summary>
    private static IEnumerable<UniformExpression> BroadcastUniforms(KernelModel kernel, SimdPlan plan)
    {
        var found = new Dictionary<string, UniformExpression>();
        void Visit(KernelExpression expression)
        {
            if (plan.Lanes.Classify(expression) == LaneClass.Uniform)
            {
                if (expression is UniformExpression uniform && uniform.Type.LaneType() is not null)
                    found[uniform.Name] = uniform;
                return;
            }
            foreach (KernelExpression child in KernelWalker.Children(expression))
            {
                if (expression is LoadExpression || (expression is BinaryExpression { Operator: BinaryOperator.LeftShift or BinaryOperator.RightShift or BinaryOperator.UnsignedRightShift } shift && ReferenceEquals(child, shift.Right)))
                    continue;
                Visit(child);
            }
        }
        foreach (KernelStatement statement in KernelWalker.Statements(kernel.Body))
        {
            switch (statement)
            {
                case StoreStatement store:
                    Visit(store.Value);
                    break;
                case DeclareLocalStatement { Initializer: { } init } declare when plan.Lanes.ClassifyLocal(declare.Name) == LaneClass.Varying:
                    Visit(init);
                    break;
                case AssignLocalStatement assign when plan.Lanes.ClassifyLocal(assign.Name) == LaneClass.Varying:
                    Visit(assign.Value);
                    break;
            }
        }
        return found.Values.OrderBy(u => u.Name, System.StringComparer.Ordinal);
    }
}

using System.Linq;
using DataParallel.Compiler.Model;

namespace DataParallel.Generators.Emit;

/// <summary>
/// Writes a kernel body's IR statements as the body of an ILGPU kernel, one thread per index: the statements keep
/// their C# meaning (an early <c>return</c> ends that index's thread, as it ends that index on the CPU).
/// </summary>
internal static class GpuKernelBodyWriter
{
    public static void Write(IndentedWriter writer, KernelStatement statement, KernelModel kernel)
    {
        switch (statement)
        {
            case DeclareLocalStatement declare:
                // Locals declared without a value are assigned on every path before use (C# checked the kernel); the
                // generated copy starts them at default so that its own definite-assignment check needs no proof.
                writer.Line($"{declare.Type.Keyword()} {Identifier.Escape(declare.Name)} = {(declare.Initializer is { } value ? Expression(value, kernel) : "default")};");
                break;
            case AssignLocalStatement assign:
                writer.Line(Assignment(assign, kernel) + ";");
                break;
            case StoreStatement store:
                writer.Line($"{Identifier.Escape(store.Span)}[{Expression(store.Index, kernel)}] = {Expression(store.Value, kernel)};");
                break;
            case BlockStatement block:
                using (writer.Block(""))
                {
                    foreach (KernelStatement nested in block.Statements)
                        Write(writer, nested, kernel);
                }
                break;
            case IfStatement branch:
                using (writer.Block($"if ({Expression(branch.Condition, kernel)})"))
                    Write(writer, branch.Then, kernel);
                if (branch.Else is { } otherwise)
                {
                    using (writer.Block("else"))
                        Write(writer, otherwise, kernel);
                }
                break;
            case LoopStatement loop:
                WriteLoop(writer, loop, kernel);
                break;
            case BreakStatement:
                writer.Line("break;");
                break;
            case ContinueStatement:
                writer.Line("continue;");
                break;
            case ReturnStatement { Value: null }:
                writer.Line("return;");
                break;
            case ReturnStatement { Value: { } returned }:
                writer.Line($"return {Expression(returned, kernel)};");
                break;
            default:
                throw new System.InvalidOperationException($"{statement.GetType().Name} has no GPU form; GpuPlanner should have kept the kernel off the GPU.");
        }
    }

    /// <summary>
    /// A loop, its initializers in a block of their own before it (they may declare locals of different types), its
    /// increments in the <c>for</c> header so that <c>continue</c> runs them, as in C#.
    /// </summary>
    private static void WriteLoop(IndentedWriter writer, LoopStatement loop, KernelModel kernel)
    {
        string condition = loop.Condition is { } test ? Expression(test, kernel) : "";
        using (writer.Block(""))
        {
            foreach (KernelStatement initializer in loop.Initializers)
                Write(writer, initializer, kernel);
            if (loop.ConditionAfterBody)
            {
                using (writer.Block("do", $"}} while ({condition});"))
                    Write(writer, loop.Body, kernel);
                return;
            }
            string increments = string.Join(", ", loop.Increments.Cast<AssignLocalStatement>().Select(a => Assignment(a, kernel)));
            using (writer.Block($"for (; {condition}; {increments})"))
                Write(writer, loop.Body, kernel);
        }
    }

    private static string Assignment(AssignLocalStatement assign, KernelModel kernel) => $"{Identifier.Escape(assign.Name)} = {Expression(assign.Value, kernel)}";

    private static string Expression(KernelExpression expression, KernelModel kernel) => GpuExpressionWriter.Write(expression, kernel);
}

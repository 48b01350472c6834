using System.Linq;
using DataParallel.Compiler.Model;

namespace DataParallel.Generators.Emit;

/// <summary>
/// Writes a kernel body's IR statements as the body of an ILGPU kernel, one thread per index: the statements keep
/// their C# meaning (an early <c>return</c> ends that index's thread, as it ends that index on the CPU). In a guarded
/// kernel (<see cref="GpuFaultGuards"/>) a statement that may fault is followed by the check that ends a faulted
/// thread, and a store is made only once its index is in bounds and its value evaluated without a fault, in C#'s
/// order: a span's indexer checks the index before the value is evaluated.
/// </summary>
internal static class GpuKernelBodyWriter
{
    public static void Write(IndentedWriter writer, KernelStatement statement, KernelModel kernel, GpuFaultGuards? guards = null)
    {
        if (guards is not null && WriteGuarded(writer, statement, kernel, guards))
            return;
        switch (statement)
        {
            case DeclareLocalStatement declare:
                // Locals declared without a value are assigned on every path before use (C# checked the kernel); the
                // generated copy starts them at default so that its own definite-assignment check needs no proof.
                writer.Line($"{declare.Type.Keyword()} {Identifier.Escape(declare.Name)} = {(declare.Initializer is { } value ? Expression(value, kernel) : "default")};");
                break;
            case AssignLocalStatement assign:
                writer.Line(Assignment(assign, kernel, guards) + ";");
                break;
            case StoreStatement store:
                writer.Line($"{Identifier.Escape(store.Span)}[{Expression(store.Index, kernel)}] = {Expression(store.Value, kernel)};");
                break;
            case BlockStatement block:
                using (writer.Block(""))
                {
                    foreach (KernelStatement nested in block.Statements)
                        Write(writer, nested, kernel, guards);
                }
                break;
            case IfStatement branch:
                using (writer.Block($"if ({Expression(branch.Condition, kernel, guards)})"))
                    Write(writer, branch.Then, kernel, guards);
                if (branch.Else is { } otherwise)
                {
                    using (writer.Block("else"))
                        Write(writer, otherwise, kernel, guards);
                }
                break;
            case LoopStatement loop:
                WriteLoop(writer, loop, kernel, guards);
                break;
            case SliceCheckStatement:
                // Proven on the host before launch, for the whole domain.
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
    private static void WriteLoop(IndentedWriter writer, LoopStatement loop, KernelModel kernel, GpuFaultGuards? guards)
    {
        string condition = loop.Condition is { } test ? Expression(test, kernel, guards) : "";
        // A condition or increment that faulted ends the loop before another iteration; the check after it ends the thread.
        bool checks = guards is not null && guards.MayFault(loop);
        if (checks)
            condition = condition.Length == 0 ? $"{GpuFaultGuards.Fault} == {GpuFaultGuards.Guards}.None" : $"{condition} && {GpuFaultGuards.Fault} == {GpuFaultGuards.Guards}.None";
        using (writer.Block(""))
        {
            foreach (KernelStatement initializer in loop.Initializers)
                Write(writer, initializer, kernel, guards);
            if (loop.ConditionAfterBody)
            {
                using (writer.Block("do", $"}} while ({condition});"))
                    Write(writer, loop.Body, kernel, guards);
            }
            else
            {
                string increments = string.Join(", ", loop.Increments.Cast<AssignLocalStatement>().Select(a => Assignment(a, kernel, guards)));
                using (writer.Block($"for (; {condition}; {increments})"))
                    Write(writer, loop.Body, kernel, guards);
            }
            if (checks)
                writer.Line(guards!.Check);
        }
    }

    /// <summary>
    /// A statement that may fault, in its guarded form, followed by the check; false for any other statement, which
    /// is written as in an unguarded kernel.
    /// </summary>
    private static bool WriteGuarded(IndentedWriter writer, KernelStatement statement, KernelModel kernel, GpuFaultGuards guards)
    {
        if (statement is LoopStatement || !guards.MayFault(statement))
            return false;
        switch (statement)
        {
            case DeclareLocalStatement { Initializer: { } value } declare:
                writer.Line($"{declare.Type.Keyword()} {Identifier.Escape(declare.Name)} = {Expression(value, kernel, guards)};");
                writer.Line(guards.Check);
                return true;
            case AssignLocalStatement assign:
                writer.Line(Assignment(assign, kernel, guards) + ";");
                writer.Line(guards.Check);
                return true;
            case StoreStatement store:
                using (writer.Block(""))
                {
                    writer.Line($"int __at = {Expression(store.Index, kernel, guards)};");
                    if (guards.ChecksBounds(store))
                        writer.Line($"{GpuFaultGuards.Guards}.InBounds({Identifier.Escape(store.Span)}, __at, ref {GpuFaultGuards.Fault});");
                    writer.Line(guards.Check);
                    writer.Line($"{store.ElementType.Keyword()} __value = {Expression(store.Value, kernel, guards)};");
                    writer.Line(guards.Check);
                    writer.Line($"{Identifier.Escape(store.Span)}[__at] = __value;");
                }
                return true;
            case IfStatement branch:
                string condition = guards.Temporary("condition");
                writer.Line($"bool {condition} = {Expression(branch.Condition, kernel, guards)};");
                writer.Line(guards.Check);
                Write(writer, branch with { Condition = new LocalExpression(condition, ScalarKind.Boolean) }, kernel, guards);
                return true;
            default:
                return false;
        }
    }

    private static string Assignment(AssignLocalStatement assign, KernelModel kernel, GpuFaultGuards? guards = null)
        => $"{Identifier.Escape(assign.Name)} = {Expression(assign.Value, kernel, guards)}";

    private static string Expression(KernelExpression expression, KernelModel kernel, GpuFaultGuards? guards = null) => GpuExpressionWriter.Write(expression, kernel, guards);
}

using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Planning;

namespace DataParallel.Generators.Emit;

/// <summary>
/// Writes the runner's <c>RunPartitioned</c>: the same kernel over partitioned arrays, each partition running the
/// runner's own <c>Run</c> over the outermost indices whose rows it owns, with spans whose element <c>i</c> is
/// global element <c>i</c> (docs/guides/partitions.md). First, for every partition, the checks <c>Run</c> would make
/// and the window of each partitioned span its rows reach (the entry proofs' interval expressions over the
/// partition's box); nothing is refreshed, saved or run before all of them pass.
/// </summary>
internal static class PartitionRunnerEmitter
{
    public static void Emit(IndentedWriter writer, CpuKernelPlan plan, EntryProofs proofs)
    {
        PartitionPlan partitions = plan.Partitions;
        if (partitions.Blocker is not null)
            return;
        KernelModel kernel = plan.Kernel;
        var data = kernel.Parameters.Where(p => p.Kind != ParameterKind.Index).ToList();
        string domain = string.Join(", ", Enumerable.Range(0, kernel.Dimensions).Select(d => $"int __start{d}, int __count{d}"));
        string parameters = string.Concat(data.Select(p => $", {(partitions.IsPartitioned(p) ? EntryShape.PartitionedType(p) : p.TypeSyntax)} {Identifier.Escape(p.Name)}"));
        string arguments = string.Concat(data.Select(p => ", " + (partitions.IsPartitioned(p) ? $"__call.Span(__p, {Identifier.Escape(p.Name)})" : Identifier.Escape(p.Name))));
        string devices = EntryShape.DevicesParameter(kernel);

        writer.Line();
        writer.Line("/// <summary>Runs the kernel over partitioned arrays: every partition its own rows, all checks first.</summary>");
        using (writer.Block($"public static void RunPartitioned({EntryShape.DeviceSet} {devices}, {domain}{parameters})"))
        {
            writer.Line($"Dp::PartitionedCall __call = Dp::PartitionedCall.Begin({devices}, \"{EntryProofWriter.Escape(kernel.FullName)}\", __start0, __count0);");
            // One call at a time per set: Begin claims it, End (whatever happens) releases it.
            using (writer.Block("try"))
            {
                foreach (string span in partitions.Partitioned)
                    writer.Line($"__call.Add({Identifier.Escape(span)}, \"{span}\", {(partitions.Written.Contains(span) ? "true" : "false")});");
                writer.Line("// Every partition's checks before any partition runs: a call that would fail anywhere writes nothing.");
                using (writer.Block("for (int __p = 0; __p < __call.Count; __p++)"))
                {
                    writer.Line("if (!__call.TryGetRows(__p, out __start0, out __count0))");
                    writer.Line("    continue;");
                    if (plan.Requirements.Count > 0)
                    {
                        bool mayThrow = EntryProofWriter.RequirementsMayThrow(plan.Requirements);
                        WriteGuarded(writer, mayThrow, () =>
                        {
                            foreach (string check in EntryProofWriter.RaceFreeChecks(plan.Requirements, mayThrow))
                                writer.Line(check);
                        }, "// Undecided here as in Run, which then runs the kernel in order.");
                    }
                    if (proofs.Statements.Count > 0)
                    {
                        writer.Line("bool __inBounds = true;");
                        WriteGuarded(writer, proofs.MayFail, () =>
                        {
                            WriteBoxes(writer, kernel);
                            foreach (string statement in proofs.Statements)
                                writer.Line(statement);
                        }, "__inBounds = false; // undecided here as in Run, which then runs the kernel as written");
                        writer.Line("// Where Run will run the kernel as written, its own checks may throw while partitions run.");
                        writer.Line("if (!__inBounds)");
                        writer.Line("    __call.MayRunChecked();");
                    }
                    writer.Line("// The elements of each partitioned span these rows reach: the partition's own rows, and the halo it reads.");
                    using (writer.Block("try"))
                    {
                        WriteBoxes(writer, kernel);
                        var intervals = new IntervalWriter(plan.Ranges, new ScalarExpressionWriter(EntryScope.Instance));
                        foreach (ProvenAccess access in partitions.Windows)
                        {
                            int operand = partitions.Partitioned.IndexOf(access.Span);
                            writer.Line($"__call.Window(__p, {operand}, {intervals.Write(access)}, \"{EntryProofWriter.Escape(access.Display)}\");");
                        }
                    }
                    using (writer.Block("catch (global::System.ArithmeticException __unbounded)"))
                        writer.Line("__call.ThrowUnbounded(__p, __unbounded);");
                }
                bool kernelMayThrow = FaultFreedom.MayThrowAfterEntryChecks(kernel, plan.Proven);
                if (!kernelMayThrow)
                    writer.Line("// Once these checks pass and every bound is decided, the kernel cannot throw: only a device's failure can stop a partition.");
                writer.Line($"__call.Prepare(kernelMayThrow: {(kernelMayThrow ? "true" : "false")});");
                using (writer.Block("try"))
                {
                    using (writer.Block("for (int __p = 0; __p < __call.Count; __p++)"))
                    {
                        writer.Line("if (!__call.TryGetRows(__p, out __start0, out __count0))");
                        writer.Line("    continue;");
                        writer.Line("__call.Enter(__p);");
                        writer.Line($"Run({string.Join(", ", Enumerable.Range(0, kernel.Dimensions).Select(d => $"__start{d}, __count{d}"))}{arguments});");
                        writer.Line("__call.Exit(__p);");
                    }
                }
                using (writer.Block("catch"))
                {
                    writer.Line("__call.Abandon();");
                    writer.Line("throw;");
                }
                writer.Line("__call.Complete();");
            }
            using (writer.Block("finally"))
                writer.Line("__call.End();");
        }
    }

    private static void WriteBoxes(IndentedWriter writer, KernelModel kernel)
    {
        for (int d = 0; d < kernel.Dimensions; d++)
            writer.Line($"Dp::LongInterval __box{d} = Dp::LongInterval.Domain(__start{d}, __count{d});");
    }

    private static void WriteGuarded(IndentedWriter writer, bool mayThrow, System.Action write, string undecided)
    {
        if (!mayThrow)
        {
            using (writer.Block(""))
                write();
            return;
        }
        using (writer.Block("try"))
            write();
        using (writer.Block("catch (global::System.ArithmeticException)"))
            writer.Line(undecided);
    }
}

using System.Collections.Generic;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Planning;

namespace DataParallel.Generators.Emit;

/// <summary>
/// Writes the runner: a nested struct with the call's argument bundle (<c>Args</c>, a ref struct that stays on the
/// caller's stack), <c>Run</c> (bounds proofs, then the scheduler), and the chunk bodies the scheduler calls —
/// one per vector width plus the scalar one, chosen once per call from <c>DataParallelSettings.EffectiveWidth</c>.
/// </summary>
internal static class RunnerEmitter
{
    public static void Emit(IndentedWriter writer, CpuKernelPlan plan)
    {
        KernelModel kernel = plan.Kernel;
        string runner = plan.RunnerName;
        string? result = kernel.ReturnType?.Keyword();
        string contract = result is null
            ? $"Dp::IChunkKernel<{runner}.Args>"
            : $"Dp::IReductionKernel<{runner}.Args, {result}>";

        writer.Line($"/// <summary>Runs kernel <c>{kernel.Name}</c> over a domain: {(plan.Simd.Plan is null ? $"multi-core scalar ({plan.Simd.Blocker})" : "SIMD on every core")}.</summary>");
        writer.Line(GeneratedNames.GeneratedCodeAttribute);
        writer.Line(GeneratedNames.HiddenAttribute);
        using (writer.Block($"private readonly struct {runner} : {contract}"))
        {
            EntryProofs proofs = EntryProofWriter.Render(plan.Ranges, plan.Proven);
            bool mayRunChecked = plan.Simd.Plan is { } vectorised && (vectorised.MayRunChecked || proofs.MayFail);
            WriteArgs(writer, kernel, mayRunChecked);
            writer.Line();
            WriteRun(writer, plan, proofs);
            PartitionRunnerEmitter.Emit(writer, plan, proofs);
            writer.Line();
            WriteExecute(writer, plan, mayRunChecked);
            if (plan.Reduction is { } reduction)
            {
                writer.Line();
                writer.Line($"public static {result} Combine({result} left, {result} right) => {reduction.Combine("left", "right")};");
            }
            writer.Line();
            WriteScalarChunk(writer, plan);
            if (plan.Simd.Plan is { } simd)
            {
                foreach (VectorWidth width in VectorWidth.All)
                {
                    writer.Line();
                    VectorBodyEmitter.Emit(writer, plan, simd, width);
                }
            }
        }
    }

    private static void WriteArgs(IndentedWriter writer, KernelModel kernel, bool mayNeedChecks)
    {
        writer.Line("/// <summary>The call's arguments; it stays on the calling thread's stack while the chunks run.</summary>");
        using (writer.Block("public ref struct Args"))
        {
            for (int d = 0; d < kernel.Dimensions; d++)
                writer.Line($"public int __start{d}, __count{d};");
            writer.Line("public global::DataParallel.SimdWidth __width;");
            if (mayNeedChecks)
                writer.Line("public bool __checked;");
            foreach (KernelParameter p in kernel.Parameters.Where(p => p.Kind != ParameterKind.Index))
                writer.Line($"public {p.TypeSyntax} {Identifier.Escape(p.Name)};");
        }
    }

    private static void WriteRun(IndentedWriter writer, CpuKernelPlan plan, EntryProofs proofs)
    {
        KernelModel kernel = plan.Kernel;
        var data = kernel.Parameters.Where(p => p.Kind != ParameterKind.Index).ToList();
        string returnType = kernel.ReturnType?.Keyword() ?? "void";
        string domain = string.Join(", ", Enumerable.Range(0, kernel.Dimensions).Select(d => $"int __start{d}, int __count{d}"));
        string parameters = domain + string.Concat(data.Select(p => $", {p.TypeSyntax} {Identifier.Escape(p.Name)}"));
        string empty = plan.Reduction is { } r ? $"return {r.Identity};" : "return;";
        using (writer.Block($"public static {returnType} Run({parameters})"))
        {
            writer.Line($"if ({string.Join(" || ", Enumerable.Range(0, kernel.Dimensions).Select(d => $"__count{d} == 0"))})");
            writer.Line($"    {empty}");
            bool mayRunInOrder;
            if (kernel.AssignedSpanParameters.Count > 0)
            {
                // No race analysis describes a kernel that points a span parameter elsewhere (x = y; x[i + 1] = …).
                writer.Line($"// The kernel assigns {string.Join(", ", kernel.AssignedSpanParameters.Select(u => $"'{u}'"))}, which the race analysis reads as the span passed in: it runs in order, as written.");
                writer.Line("bool __inOrder = true;");
                mayRunInOrder = true;
            }
            else if (kernel.HidesSpanAccesses)
            {
                // No race analysis saw the span accesses of a construct the IR leaves out (KernelModel.HidesSpanAccesses).
                writer.Line($"// The race analysis cannot see the span accesses of {kernel.Unlowered}: the kernel runs in order, as written.");
                writer.Line("bool __inOrder = true;");
                mayRunInOrder = true;
            }
            else
            {
                mayRunInOrder = WriteRequirements(writer, plan);
            }
            bool inBounds = WriteProofs(writer, plan, proofs);
            bool clamped = WriteClampBoundsCheck(writer, plan);
            string inOrder = mayRunInOrder ? "__inOrder || " : "";
            using (writer.Block($"if ({inOrder}{GeneratedNames.Settings}.Mode == global::DataParallel.ExecutionMode.Scalar)"))
                WriteSequential(writer, plan);

            writer.Line("Args __args = new Args");
            writer.Line("{");
            for (int d = 0; d < kernel.Dimensions; d++)
                writer.Line($"    __start{d} = __start{d}, __count{d} = __count{d},");
            writer.Line($"    __width = {GeneratedNames.Settings}.EffectiveWidth,");
            if (inBounds || clamped)
                writer.Line($"    __checked = {string.Join(" || ", new[] { inBounds ? "!__inBounds" : null, clamped ? "!__clampBoundsValid" : null }.Where(c => c is not null))},");
            foreach (KernelParameter p in data)
                writer.Line($"    {Identifier.Escape(p.Name)} = {Identifier.Escape(p.Name)},");
            writer.Line("};");

            // 1-D domains are cut into chunks of elements; 2-D and 3-D ones into chunks of rows of the fastest index.
            string count = kernel.Dimensions <= 2
                ? "__count0"
                : $"{GeneratedNames.Domain}.CheckedCount((long)__count0 * __count1, \"rows\")";
            string cost, granularity;
            string work = plan.CostPerElement.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (plan.Work is { DependsOnCall: true } estimate)
            {
                // Loops with uniform bounds: their trip counts are known now, and the threading decision needs them.
                writer.Line($"int __work = {GeneratedNames.ChunkPlan}.Work({WorkExpression(estimate, new ScalarExpressionWriter(EntryScope.Instance))});");
                work = "__work";
            }
            if (kernel.Dimensions == 1)
            {
                cost = work;
                granularity = plan.Granularity.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                if (kernel.Dimensions > 2)
                {
                    writer.Line($"int __rows = {count};");
                    count = "__rows";
                }
                writer.Line($"int __rowCost = (int)global::System.Math.Min((long){work} * __count{kernel.Dimensions - 1}, int.MaxValue);");
                cost = "__rowCost";
                // Blocks of rows only where the estimate says what a row costs; rows of unpredictable cost (an
                // escape-time loop) are handed out one at a time, so no thread is left with a block of dear rows.
                granularity = plan.Work is { IsPredictable: true }
                    ? $"{GeneratedNames.ChunkPlan}.RowGranularity({count}, __rowCost)"
                    : "1";
            }
            string generic = plan.Reduction is null ? $"{plan.RunnerName}, Args" : $"{plan.RunnerName}, Args, {returnType}";
            writer.Line(plan.Reduction is { } red
                ? $"return {GeneratedNames.Scheduler}.Reduce<{generic}>(ref __args, {count}, {cost}, {granularity}, {red.Identity});"
                : $"{GeneratedNames.Scheduler}.For<{generic}>(ref __args, {count}, {cost}, {granularity});");
        }
    }

    /// <summary>The work per element as a double expression: fixed units plus each loop's trips times its body.</summary>
    private static string WorkExpression(WorkEstimate estimate, ScalarExpressionWriter scalar)
    {
        string total = estimate.Units.ToString(System.Globalization.CultureInfo.InvariantCulture) + "d";
        foreach (LoopWork loop in estimate.Loops)
        {
            string trips = loop.ConstantTrips is { } constant ? $"{constant}d"
                : loop.HasKnownTrips ? $"{GeneratedNames.ChunkPlan}.LoopTrips(unchecked((long)({scalar.Write(loop.First!)})), unchecked((long)({scalar.Write(loop.Last!)})))"
                : $"{WorkEstimate.GuessedTrips}d";
            string body = loop.Body.DependsOnCall ? $"({WorkExpression(loop.Body, scalar)})" : $"{loop.Body.AtCompileTime}d";
            total += $" + {trips} * {body}";
        }
        return total;
    }

    /// <summary>The reference semantics: the kernel method itself, for every index in order.</summary>
    private static void WriteSequential(IndentedWriter writer, CpuKernelPlan plan)
    {
        KernelModel kernel = plan.Kernel;
        if (plan.Reduction is { } reduction)
        {
            writer.Line($"{kernel.ReturnType!.Value.Keyword()} __sequential = {reduction.Identity};");
            WriteIndexLoops(writer, kernel, d => $"__start{d}", d => $"__count{d}",
                call => $"__sequential = {reduction.Combine("__sequential", call)};", p => RefPrefix(p) + Identifier.Escape(p.Name));
            writer.Line("return __sequential;");
        }
        else
        {
            WriteIndexLoops(writer, kernel, d => $"__start{d}", d => $"__count{d}", call => call + ";", p => RefPrefix(p) + Identifier.Escape(p.Name));
            writer.Line("return;");
        }
    }

    private static void WriteExecute(IndentedWriter writer, CpuKernelPlan plan, bool mayRunChecked)
    {
        string returnType = plan.Kernel.ReturnType?.Keyword() ?? "void";
        using (writer.Block($"public static {returnType} Execute(ref Args __args, int begin, int end)"))
        {
            if (plan.Simd.Plan is null)
            {
                writer.Line($"{(plan.Reduction is null ? "" : "return ")}ExecuteScalar(ref __args, begin, end);");
                return;
            }
            string result = plan.Reduction is null ? "" : "return ";
            string done = plan.Reduction is null ? "    break;" : null!;
            if (mayRunChecked)
            {
                // An access the entry point could not prove in bounds, or a Math.Clamp that will throw: the kernel as
                // written, with its checks.
                if (plan.Reduction is null)
                {
                    using (writer.Block("if (__args.__checked)"))
                    {
                        writer.Line("ExecuteScalar(ref __args, begin, end);");
                        writer.Line("return;");
                    }
                }
                else
                {
                    writer.Line("if (__args.__checked)");
                    writer.Line("    return ExecuteScalar(ref __args, begin, end);");
                }
            }
            using (writer.Block("switch (__args.__width)"))
            {
                foreach (VectorWidth width in VectorWidth.All)
                {
                    writer.Line($"case global::DataParallel.SimdWidth.{width.SettingName}:");
                    writer.Line($"    {result}Execute{width.Bits}(ref __args, begin, end);");
                    if (done is not null)
                        writer.Line(done);
                }
                writer.Line("default:");
                writer.Line($"    {result}ExecuteScalar(ref __args, begin, end);");
                if (done is not null)
                    writer.Line(done);
            }
        }
    }

    /// <summary>The scalar chunk: the kernel method for every index of the chunk (bounds-checked as written).</summary>
    private static void WriteScalarChunk(IndentedWriter writer, CpuKernelPlan plan)
    {
        KernelModel kernel = plan.Kernel;
        string returnType = kernel.ReturnType?.Keyword() ?? "void";
        using (writer.Block($"private static {returnType} ExecuteScalar(ref Args __args, int begin, int end)"))
        {
            if (plan.Reduction is { } reduction)
                writer.Line($"{returnType} __partial = {reduction.Identity};");
            string Statement(string call) => plan.Reduction is { } r ? $"__partial = {r.Combine("__partial", call)};" : call + ";";
            string Argument(KernelParameter p) => RefPrefix(p) + "__args." + Identifier.Escape(p.Name);
            if (kernel.Dimensions == 1)
            {
                WriteIndexLoops(writer, kernel, _ => "__args.__start0 + begin", _ => "end - begin", Statement, Argument);
            }
            else
            {
                using (writer.Block("for (int __row = begin; __row < end; __row++)"))
                {
                    string outer = Identifier.Escape(kernel.Parameters[0].Name);
                    if (kernel.Dimensions == 2)
                    {
                        writer.Line($"int {outer} = __args.__start0 + __row;");
                    }
                    else
                    {
                        string middle = Identifier.Escape(kernel.Parameters[1].Name);
                        writer.Line($"int {outer} = __args.__start0 + __row / __args.__count1;");
                        writer.Line($"int {middle} = __args.__start1 + __row % __args.__count1;");
                    }
                    int last = kernel.Dimensions - 1;
                    string inner = Identifier.Escape(kernel.Parameters[last].Name);
                    writer.Line($"for (int {inner} = __args.__start{last}, __stop = __args.__start{last} + __args.__count{last}; {inner} < __stop; {inner}++)");
                    writer.Line("    " + Statement(KernelCall(kernel, Argument)));
                }
            }
            if (plan.Reduction is not null)
                writer.Line("return __partial;");
        }
    }

    /// <summary>Nested loops over every index of a box, innermost the fastest, calling the kernel in order.</summary>
    private static void WriteIndexLoops(IndentedWriter writer, KernelModel kernel, System.Func<int, string> start, System.Func<int, string> count,
        System.Func<string, string> statement, System.Func<KernelParameter, string> argument)
    {
        var scopes = new List<System.IDisposable>();
        for (int d = 0; d < kernel.Dimensions; d++)
        {
            string index = Identifier.Escape(kernel.Parameters[d].Name);
            string loop = $"for (int {index} = {start(d)}, __stop{d} = {index} + {count(d)}; {index} < __stop{d}; {index}++)";
            if (d == kernel.Dimensions - 1)
                writer.Line(loop);
            else
                scopes.Add(writer.Block(loop));
        }
        writer.Line("    " + statement(KernelCall(kernel, argument)));
        for (int i = scopes.Count - 1; i >= 0; i--)
            scopes[i].Dispose();
    }

    /// <summary>How a uniform is passed to the kernel method: <c>ref</c> and <c>in</c> parameters need a variable.</summary>
    private static string RefPrefix(KernelParameter p) => p.RefKind switch
    {
        ParameterRefKind.Value => "",
        ParameterRefKind.Ref => "ref ",
        ParameterRefKind.In or ParameterRefKind.RefReadOnly => "in ",
        _ => throw new System.ArgumentOutOfRangeException(nameof(p), p.RefKind, "a kernel with an out parameter has no model"),
    };

    private static string KernelCall(KernelModel kernel, System.Func<KernelParameter, string> argument)
    {
        string type = "global::" + (kernel.Namespace is null ? "" : kernel.Namespace + ".") + string.Join(".", kernel.ContainingTypes.Select(t => t.Name));
        var arguments = kernel.Parameters.Select(p => p.Kind == ParameterKind.Index ? Identifier.Escape(p.Name) : argument(p));
        return $"{type}.{kernel.Name}({string.Join(", ", arguments)})";
    }

    /// <summary>
    /// The facts the kernel's race freedom hinges on (the analyzers' <see cref="RuntimeRequirement"/>s), checked
    /// before any index runs, in every mode: a call that breaks one is refused rather than run with a race.
    /// </summary>
    /// <returns>Whether <c>__inOrder</c> was declared: a fact could not be decided, and the call runs in order.</returns>
    /// <remarks>
    /// The facts are statements about integers, and the analysis that derived them assumed the kernel's int
    /// arithmetic does not wrap. So those with arithmetic are evaluated checked: an overflow (the kernel's own values wrap, or the
    /// long arithmetic of the fact would) or a division by zero in a uniform the kernel divides by leaves the fact
    /// undecided, and the call runs the kernel method for each index in order — the reference semantics, which
    /// cannot race and throws exactly where the scalar kernel does.
    /// </remarks>
    private static bool WriteRequirements(IndentedWriter writer, CpuKernelPlan plan)
    {
        if (plan.Overlaps.Count > 0)
            writer.Line("// The race analysis took these spans to be different memory (or, where allowed, the very same elements).");
        foreach (SpanOverlapCheck overlap in plan.Overlaps)
        {
            writer.Line($"{GeneratedNames.Domain}.RequireNoOverlap<{overlap.WrittenElement.Keyword()}, {overlap.OtherElement.Keyword()}>(" +
                $"{Identifier.Escape(overlap.Written)}, {Identifier.Escape(overlap.Other)}, {(overlap.SameIsSafe ? "true" : "false")}, \"{overlap.Written}\", \"{overlap.Other}\");");
        }
        if (plan.Requirements.Count == 0)
            return false;
        writer.Line("// The accesses are race-free only while these facts about the call hold (DESIGN §5).");
        bool mayThrow = EntryProofWriter.RequirementsMayThrow(plan.Requirements);
        void WriteChecks()
        {
            foreach (string check in EntryProofWriter.RaceFreeChecks(plan.Requirements, mayThrow))
                writer.Line(check);
        }
        if (!mayThrow)
        {
            WriteChecks();
            return false;
        }
        writer.Line("// A fact that overflows or divides by zero is undecided: the kernel method then runs for each index in order.");
        writer.Line("bool __inOrder = false;");
        using (writer.Block("try"))
            WriteChecks();
        using (writer.Block("catch (global::System.ArithmeticException)"))
            writer.Line("__inOrder = true;");
        return true;
    }

    /// <summary>Writes the entry proofs (<see cref="EntryProofWriter.Render"/>).</summary>
    /// <returns>Whether <c>__inBounds</c> was declared: the chunks run checked when it ends false.</returns>
    /// <remarks>
    /// A proof whose arithmetic may wrap in int (<see cref="System.OverflowException"/> from <c>LongInterval</c>) or
    /// whose bound divides by zero decides nothing. Throwing there could refuse a call the scalar kernel runs (its
    /// wrapped indices may well be in bounds, and it divides only where it gets to), so the call takes the checked
    /// scalar path instead: the kernel as written, faulting exactly where the scalar kernel does.
    /// </remarks>
    private static bool WriteProofs(IndentedWriter writer, CpuKernelPlan plan, EntryProofs proofs)
    {
        if (proofs.Statements.Count == 0)
            return false;
        bool simd = plan.Simd.Plan is not null;
        bool inBounds = simd && (proofs.Inexact || proofs.MayFail);
        writer.Line("// Bounds proven once for the whole domain, so the chunks access memory unchecked.");
        if (inBounds)
            writer.Line("bool __inBounds = true;");
        if (!proofs.MayFail)
        {
            WriteBoxesAndProofs(writer, plan, proofs);
            return inBounds;
        }
        writer.Line("// A proof that may wrap in int or divides by zero decides nothing: the kernel then runs as written, with its checks.");
        using (writer.Block("try"))
            WriteBoxesAndProofs(writer, plan, proofs);
        using (writer.Block("catch (global::System.ArithmeticException)"))
            writer.Line(simd ? "__inBounds = false;" : "// The scalar chunks check every access as written.");
        return inBounds;
    }

    private static void WriteBoxesAndProofs(IndentedWriter writer, CpuKernelPlan plan, EntryProofs proofs)
    {
        for (int d = 0; d < plan.Kernel.Dimensions; d++)
            writer.Line($"Dp::LongInterval __box{d} = Dp::LongInterval.Domain(__start{d}, __count{d});");
        foreach (string statement in proofs.Statements)
            writer.Line(statement);
    }

    /// <summary>
    /// Math.Clamp throws when min &gt; max, which its vector form cannot do before writing: reversed bounds select the
    /// kernel as written, which throws where (and whether) the scalar kernel does.
    /// </summary>
    private static bool WriteClampBoundsCheck(IndentedWriter writer, CpuKernelPlan plan)
    {
        if (plan.Simd.Plan is not { ClampBounds.IsEmpty: false } simd)
            return false;
        var scalar = new ScalarExpressionWriter(EntryScope.Instance);
        writer.Line($"bool __clampBoundsValid = {string.Join(" && ", simd.ClampBounds.Select(b => $"!({scalar.Write(b.Min)} > {scalar.Write(b.Max)})"))};");
        return true;
    }

}

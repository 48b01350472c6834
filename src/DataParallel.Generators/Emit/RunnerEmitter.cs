using System.Collections.Generic;
using System.Linq;
using DataParallel.Analyzers.Analysis;
using DataParallel.Analyzers.Model;
using DataParallel.Generators.Lowering;

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
            ? $"global::DataParallel.CompilerServices.IChunkKernel<{runner}.Args>"
            : $"global::DataParallel.CompilerServices.IReductionKernel<{runner}.Args, {result}>";

        writer.Line($"/// <summary>Runs kernel <c>{kernel.Name}</c> over a domain: {(plan.Simd.Plan is null ? $"multi-core scalar ({plan.Simd.Blocker})" : "SIMD on every core")}.</summary>");
        writer.Line(GeneratedNames.GeneratedCodeAttribute);
        writer.Line(GeneratedNames.HiddenAttribute);
        using (writer.Block($"private readonly struct {runner} : {contract}"))
        {
            WriteArgs(writer, kernel);
            writer.Line();
            WriteRun(writer, plan);
            writer.Line();
            WriteExecute(writer, plan);
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
                    VectorBodyEmitter.Emit(writer, kernel, simd, width);
                }
            }
        }
    }

    private static void WriteArgs(IndentedWriter writer, KernelModel kernel)
    {
        writer.Line("/// <summary>The call's arguments; it stays on the calling thread's stack while the chunks run.</summary>");
        using (writer.Block("public ref struct Args"))
        {
            for (int d = 0; d < kernel.Dimensions; d++)
                writer.Line($"public int __start{d}, __count{d};");
            writer.Line("public global::DataParallel.SimdWidth __width;");
            foreach (KernelParameter p in kernel.Parameters.Where(p => p.Kind != ParameterKind.Index))
                writer.Line($"public {p.TypeSyntax} {Identifier.Escape(p.Name)};");
        }
    }

    private static void WriteRun(IndentedWriter writer, CpuKernelPlan plan)
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
            if (!plan.Proven.IsEmpty)
                writer.Line("// Every index runs these accesses: one check each proves them in bounds for the whole domain.");
            var scalar = new ScalarExpressionWriter(EntryScope.Instance);
            foreach (ProvenAccess access in plan.Proven)
            {
                (string lowest, string highest) = Extremes(access.Form, scalar);
                writer.Line($"{GeneratedNames.Domain}.RequireInBounds({lowest}, {highest}, {Identifier.Escape(access.Span)}.Length, \"{access.Span}\", \"{Escape(access.Display)}\");");
            }

            using (writer.Block($"if ({GeneratedNames.Settings}.Mode == global::DataParallel.ExecutionMode.Scalar)"))
            {
                // The reference semantics: the kernel method itself, for every index in order.
                if (plan.Reduction is { } reduction)
                {
                    writer.Line($"{returnType} __sequential = {reduction.Identity};");
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

            writer.Line("Args __args = new Args");
            writer.Line("{");
            for (int d = 0; d < kernel.Dimensions; d++)
                writer.Line($"    __start{d} = __start{d}, __count{d} = __count{d},");
            writer.Line($"    __width = {GeneratedNames.Settings}.EffectiveWidth,");
            foreach (KernelParameter p in data)
                writer.Line($"    {Identifier.Escape(p.Name)} = {Identifier.Escape(p.Name)},");
            writer.Line("};");

            // 1-D domains are cut into chunks of elements; 2-D and 3-D ones into chunks of rows of the fastest index.
            string count = kernel.Dimensions switch
            {
                1 => "__count0",
                2 => "__count0",
                _ => $"{GeneratedNames.Domain}.CheckedCount((long)__count0 * __count1, \"rows\")",
            };
            string cost = kernel.Dimensions == 1
                ? plan.CostPerElement.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : $"(int)global::System.Math.Min((long){plan.CostPerElement} * __count{kernel.Dimensions - 1}, int.MaxValue)";
            int granularity = kernel.Dimensions == 1 ? plan.Granularity : 1;
            string generic = plan.Reduction is null ? $"{plan.RunnerName}, Args" : $"{plan.RunnerName}, Args, {returnType}";
            writer.Line(plan.Reduction is { } red
                ? $"return {GeneratedNames.Scheduler}.Reduce<{generic}>(ref __args, {count}, {cost}, {granularity}, {red.Identity});"
                : $"{GeneratedNames.Scheduler}.For<{generic}>(ref __args, {count}, {cost}, {granularity});");
        }
    }

    private static void WriteExecute(IndentedWriter writer, CpuKernelPlan plan)
    {
        string returnType = plan.Kernel.ReturnType?.Keyword() ?? "void";
        using (writer.Block($"public static {returnType} Execute(ref Args __args, int begin, int end)"))
        {
            if (plan.Simd.Plan is null)
            {
                writer.Line($"{(plan.Reduction is null ? "" : "return ")}ExecuteScalar(ref __args, begin, end);");
                return;
            }
            using (writer.Block("switch (__args.__width)"))
            {
                foreach (VectorWidth width in VectorWidth.All)
                {
                    writer.Line($"case global::DataParallel.SimdWidth.{width.SettingName}:");
                    writer.Line($"    Execute{width.Bits}(ref __args, begin, end);");
                    writer.Line("    break;");
                }
                writer.Line("default:");
                writer.Line("    ExecuteScalar(ref __args, begin, end);");
                writer.Line("    break;");
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
        "ref " => "ref ",
        "in " or "ref readonly " => "in ",
        _ => "",
    };

    private static string KernelCall(KernelModel kernel, System.Func<KernelParameter, string> argument)
    {
        string type = "global::" + (kernel.Namespace is null ? "" : kernel.Namespace + ".") + string.Join(".", kernel.ContainingTypes.Select(t => t.Name));
        var arguments = kernel.Parameters.Select(p => p.Kind == ParameterKind.Index ? Identifier.Escape(p.Name) : argument(p));
        return $"{type}.{kernel.Name}({string.Join(", ", arguments)})";
    }

    /// <summary>The lowest and highest element an affine access touches over the domain box, in 64-bit arithmetic.</summary>
    private static (string Lowest, string Highest) Extremes(AffineForm form, ScalarExpressionWriter scalar)
    {
        var lowest = new List<string>();
        var highest = new List<string>();
        for (int d = 0; d < form.IndexCoefficients.Length; d++)
        {
            long k = form.IndexCoefficients[d];
            if (k == 0)
                continue;
            string first = Scale($"(long)__start{d}", k);
            string last = Scale($"((long)__start{d} + __count{d} - 1)", k);
            lowest.Add(k > 0 ? first : last);
            highest.Add(k > 0 ? last : first);
        }
        foreach ((KernelExpression term, long factor) in form.UniformTerms)
        {
            string value = Scale($"(long){scalar.Write(term)}", factor);
            lowest.Add(value);
            highest.Add(value);
        }
        if (form.Constant != 0 || lowest.Count == 0)
        {
            string constant = form.Constant.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L";
            lowest.Add(constant);
            highest.Add(constant);
        }
        return (string.Join(" + ", lowest).Replace("+ -", "- "), string.Join(" + ", highest).Replace("+ -", "- "));
    }

    private static string Scale(string value, long factor) => factor == 1 ? value : $"{value} * {factor.ToString(System.Globalization.CultureInfo.InvariantCulture)}L";

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", " ").Replace("\n", " ");
}

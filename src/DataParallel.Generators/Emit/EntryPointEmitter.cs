using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Planning;

namespace DataParallel.Generators.Emit;

/// <summary>
/// Writes the public entry points (DESIGN §1): the overload whose domain is inferred from the spans each index
/// reads or writes directly, and the overload with one <see cref="System.Range"/> per index. Both validate
/// everything before the runner writes any element. Each comes twice: over spans, and over partitioned arrays on a
/// <c>DeviceSet</c> (<see cref="EntryShape.Partitioned"/>; docs/guides/partitions.md).
/// </summary>
internal static class EntryPointEmitter
{
    public static void Emit(IndentedWriter writer, CpuKernelPlan plan)
    {
        EmitOverloads(writer, plan, EntryShape.Plain(plan));
        EmitOverloads(writer, plan, EntryShape.Partitioned(plan));
    }

    private static void EmitOverloads(IndentedWriter writer, CpuKernelPlan plan, EntryShape shape)
    {
        KernelModel kernel = plan.Kernel;
        var indices = kernel.Parameters.Where(p => p.Kind == ParameterKind.Index).ToList();
        var data = kernel.Parameters.Where(p => p.Kind != ParameterKind.Index).ToList();
        string returnType = kernel.ReturnType?.Keyword() ?? "void";
        string dataParameters = string.Join(", ", shape.Leading.Concat(data.Select(shape.Parameter)));
        string leading = string.Concat(shape.LeadingArguments.Select(a => a + ", "));
        string dataArguments = string.Join(", ", data.Select(p => Identifier.Escape(p.Name)));
        string call = $"{(kernel.ReturnType is null ? "" : "return ")}{plan.RunnerName}.{shape.Runner}({leading}{{0}}{(data.Count > 0 ? ", " + dataArguments : "")});";
        string what = kernel.ReturnType is null ? "Runs" : $"Combines with {kernel.Reduce} the values of";

        if (plan.Domain.HasInferredOverload)
        {
            writer.Line("/// <summary>");
            writer.Line($"/// {what} kernel <c>{kernel.Name}</c>{shape.Where} for every index of the domain inferred from the {shape.Spans} it indexes directly:");
            for (int d = 0; d < indices.Count; d++)
                writer.Line($"/// <c>{indices[d].Name}</c> runs over [0, n) where n is the common length of {string.Join(", ", plan.Domain.DirectSpans[d].Select(s => $"<c>{s}</c>"))}.");
            writer.Line("/// </summary>");
            WriteHeader(writer, shape, "Those spans differ in length, or an access would fall outside its span.");
            using (writer.Block($"{kernel.Accessibility} static {returnType} {kernel.Name}({dataParameters})"))
            {
                if (shape.Blocked is { } blocked)
                {
                    writer.Line(blocked);
                }
                else
                {
                    for (int d = 0; d < indices.Count; d++)
                        WriteLengthAgreement(writer, indices[d].Name, d, plan.Domain.DirectSpans[d]);
                    writer.Line(string.Format(call, string.Join(", ", Enumerable.Range(0, indices.Count).Select(d => $"0, __length{d}"))));
                }
            }
            writer.Line();
        }

        writer.Line("/// <summary>");
        writer.Line($"/// {what} kernel <c>{kernel.Name}</c>{shape.Where} for every index in the given ranges; <c>^n</c> counts from the length of the {shape.Spans} the index reads or writes directly.");
        writer.Line("/// </summary>");
        WriteHeader(writer, shape, "A range is reversed or reaches outside the data, or an access would fall outside its span.");
        string rangeParameters = string.Join(", ", shape.Leading.Concat(indices.Select(p => $"{GeneratedNames.Range} {Identifier.Escape(p.Name)}")).Concat(data.Select(shape.Parameter)));
        using (writer.Block($"{kernel.Accessibility} static {returnType} {kernel.Name}({rangeParameters})"))
        {
            if (shape.Blocked is { } blocked)
            {
                writer.Line(blocked);
                writer.Line();
                return;
            }
            for (int d = 0; d < indices.Count; d++)
            {
                string index = Identifier.Escape(indices[d].Name);
                ImmutableArray<string> direct = plan.Domain.DirectSpans[d];
                if (direct.IsEmpty)
                {
                    // Without a span indexed by this index alone, ^n counts from the row-major extent, if there is one.
                    string extent = plan.Domain.RowMajor is { } rowMajor ? rowMajor.Extent(d, Identifier.Escape) : "-1";
                    writer.Line($"(int __start{d}, int __count{d}) = {GeneratedNames.Domain}.Resolve({index}, {extent}, \"{indices[d].Name}\");");
                    continue;
                }
                writer.Line($"int __length{d} = {Identifier.Escape(direct[0])}.Length;");
                if (direct.Length > 1)
                {
                    using (writer.Block($"if ({index}.Start.IsFromEnd || {index}.End.IsFromEnd)"))
                        WriteMismatchChecks(writer, indices[d].Name, d, direct);
                }
                writer.Line($"(int __start{d}, int __count{d}) = {GeneratedNames.Domain}.Resolve({index}, __length{d}, \"{indices[d].Name}\");");
            }
            writer.Line(string.Format(call, string.Join(", ", Enumerable.Range(0, indices.Count).Select(d => $"__start{d}, __count{d}"))));
        }
        writer.Line();
    }

    private static void WriteHeader(IndentedWriter writer, EntryShape shape, string argumentFailure)
    {
        foreach (string line in shape.Remarks)
            writer.Line(line);
        writer.Line($"/// <exception cref=\"global::System.ArgumentException\">{argumentFailure}{shape.MoreFailures} Nothing has been written.</exception>");
        writer.Line(GeneratedNames.GeneratedCodeAttribute);
        foreach (string attribute in shape.Attributes)
            writer.Line(attribute);
    }

    private static void WriteLengthAgreement(IndentedWriter writer, string index, int dimension, IReadOnlyList<string> spans)
    {
        writer.Line($"int __length{dimension} = {Identifier.Escape(spans[0])}.Length;");
        WriteMismatchChecks(writer, index, dimension, spans);
    }

    private static void WriteMismatchChecks(IndentedWriter writer, string index, int dimension, IReadOnlyList<string> spans)
    {
        for (int s = 1; s < spans.Count; s++)
        {
            writer.Line($"if ({Identifier.Escape(spans[s])}.Length != __length{dimension})");
            writer.Line($"    {GeneratedNames.Domain}.ThrowLengthMismatch(\"{index}\", \"{spans[0]}\", __length{dimension}, \"{spans[s]}\", {Identifier.Escape(spans[s])}.Length);");
        }
    }
}

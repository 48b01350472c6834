using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Planning;

namespace DataParallel.Generators.Emit;

/// <summary>
/// Writes a kernel's public GPU entry points (DESIGN §4): with views, on an accelerator's default stream or a given
/// stream, queued as ILGPU queues a launch; with host spans, copied in and back, returning when done. Each has the
/// domain-inferred form (where the CPU entry points have it) and the one with a <see cref="System.Range"/> per index.
/// </summary>
internal static class GpuEntryPointEmitter
{
    private const string Gpu = "global::DataParallel.Gpu";
    private const string Accelerator = "global::ILGPU.Runtime.Accelerator";
    private const string Stream = "global::ILGPU.Runtime.AcceleratorStream";

    /// <summary>Where the data lives: device views, or host spans copied in and back.</summary>
    private enum DataForm
    {
        Views,
        Spans,
    }

    public static void Emit(IndentedWriter writer, GpuKernelPlan plan, GpuEntryNames names)
    {
        DomainInference domain = plan.Domain;
        foreach (bool ranges in domain.HasInferredOverload ? new[] { false, true } : new[] { true })
        {
            WriteAcceleratorForwarder(writer, plan, names, ranges);
            WriteEntry(writer, plan, names, ranges, DataForm.Views);
            if (names.HasSpans)
                WriteEntry(writer, plan, names, ranges, DataForm.Spans);
        }
    }

    /// <summary>The accelerator form with views: the same call on the accelerator's default stream.</summary>
    private static void WriteAcceleratorForwarder(IndentedWriter writer, GpuKernelPlan plan, GpuEntryNames names, bool ranges)
    {
        KernelModel kernel = plan.Kernel;
        writer.Line("/// <summary>");
        writer.Line(plan.Reduction is not null
            ? $"/// Combines with {kernel.Reduce} the values of kernel <c>{kernel.Name}</c> on the default stream of <paramref name=\"{names.Accelerator}\"/>, {DomainText(ranges)}; it waits and returns the value."
            : plan.Guarded
            ? $"/// Runs kernel <c>{kernel.Name}</c> on the default stream of <paramref name=\"{names.Accelerator}\"/>, {DomainText(ranges)}; it waits, since the kernel guards operations the CPU would throw on and reports the first failing index when done."
            : $"/// Queues kernel <c>{kernel.Name}</c> on the default stream of <paramref name=\"{names.Accelerator}\"/>, {DomainText(ranges)}; it returns without waiting (synchronise the accelerator to wait){CheckedFallbackText(plan)}.");
        writer.Line("/// </summary>");
        WriteExceptions(writer, plan);
        writer.Line(GeneratedNames.GeneratedCodeAttribute);
        string arguments = string.Join(", ", new[] { $"{Gpu}.GpuArguments.DefaultStream({names.Accelerator}, \"{names.Accelerator}\")" }
            .Concat(ranges ? Indices(kernel).Select(p => Identifier.Escape(p.Name)) : [])
            .Concat(names.Data.Select(p => Identifier.Escape(p.Name))));
        writer.Line($"{kernel.Accessibility} static {ResultType(plan)} {kernel.Name}({Parameters(kernel, names, ranges, DataForm.Views, $"{Accelerator} {names.Accelerator}")})");
        writer.Line($"    => {kernel.Name}({arguments});");
        writer.Line();
    }

    private static void WriteEntry(IndentedWriter writer, GpuKernelPlan plan, GpuEntryNames names, bool ranges, DataForm form)
    {
        KernelModel kernel = plan.Kernel;
        var indices = Indices(kernel);
        string first = form == DataForm.Views ? $"{Stream} {names.Stream}" : $"{Accelerator} {names.Accelerator}";
        writer.Line("/// <summary>");
        writer.Line(plan.Reduction is not null
            ? $"/// Combines with {kernel.Reduce} the values of kernel <c>{kernel.Name}</c> on {(form == DataForm.Views ? $"<paramref name=\"{names.Stream}\"/>" : $"<paramref name=\"{names.Accelerator}\"/>")}, {DomainText(ranges)}: fixed blocks of indices each folded in order, their partials combined in block order; it waits and returns the value."
            : form == DataForm.Views
            ? plan.Guarded
                ? $"/// Runs kernel <c>{kernel.Name}</c> on <paramref name=\"{names.Stream}\"/>, {DomainText(ranges)}; it waits, since the kernel guards operations the CPU would throw on and reports the first failing index when done."
                : $"/// Queues kernel <c>{kernel.Name}</c> on <paramref name=\"{names.Stream}\"/>, {DomainText(ranges)}; it returns without waiting{CheckedFallbackText(plan)}."
            : $"/// Runs kernel <c>{kernel.Name}</c> on <paramref name=\"{names.Accelerator}\"/>, {DomainText(ranges)}: the spans are copied to the device, the spans it writes copied back, and it returns when done.");
        writer.Line("/// </summary>");
        WriteExceptions(writer, plan);
        writer.Line(GeneratedNames.GeneratedCodeAttribute);
        using (writer.Block($"{kernel.Accessibility} static {ResultType(plan)} {kernel.Name}({Parameters(kernel, names, ranges, form, first)})"))
        {
            string stream;
            if (form == DataForm.Views)
            {
                writer.Line($"{Accelerator} __accelerator = {Gpu}.GpuArguments.RequireUsable({names.Stream}, \"{names.Stream}\");");
                stream = names.Stream;
            }
            else
            {
                writer.Line($"{Stream} __stream = {Gpu}.GpuArguments.DefaultStream({names.Accelerator}, \"{names.Accelerator}\");");
                stream = "__stream";
            }
            string Length(string span) => form == DataForm.Views
                ? $"{Gpu}.GpuArguments.Length({Identifier.Escape(span)}, __accelerator, \"{span}\").Length"
                : $"{Identifier.Escape(span)}.Length";
            for (int d = 0; d < indices.Count; d++)
            {
                string index = Identifier.Escape(indices[d].Name);
                ImmutableArray<string> direct = plan.Domain.DirectSpans[d];
                if (direct.IsEmpty)
                {
                    // Without a view indexed by this index alone, ^n counts from the row-major extent, if there is one.
                    string extent = plan.Domain.RowMajor is { } shape
                        ? shape.Extent(d, name => names.Data.Any(p => p.IsSpan && p.Name == name) ? LengthHolder(name, form) : Identifier.Escape(name))
                        : "-1";
                    writer.Line($"(int __start{d}, int __count{d}) = {GeneratedNames.Domain}.Resolve({index}, {extent}, \"{indices[d].Name}\");");
                    continue;
                }
                writer.Line($"int __length{d} = {Length(direct[0])};");
                for (int s = 1; s < direct.Length; s++)
                {
                    writer.Line($"if ({Length(direct[s])} != __length{d})");
                    writer.Line($"    {GeneratedNames.Domain}.ThrowLengthMismatch(\"{indices[d].Name}\", \"{direct[0]}\", __length{d}, \"{direct[s]}\", {Length(direct[s])});");
                }
                if (ranges)
                    writer.Line($"(int __start{d}, int __count{d}) = {GeneratedNames.Domain}.Resolve({index}, __length{d}, \"{indices[d].Name}\");");
            }
            string domain = string.Join(", ", Enumerable.Range(0, indices.Count).Select(d => ranges ? $"__start{d}, __count{d}" : $"0, __length{d}"));
            string data = string.Concat(names.Data.Select(p => ", " + Identifier.Escape(p.Name)));
            writer.Line($"{(plan.Reduction is null ? "" : "return ")}{names.Launcher}.{(form == DataForm.Views ? "Launch" : "RunSpans")}({stream}, {domain}{data});");
        }
        writer.Line();
    }

    /// <summary>An expression whose <c>.Length</c> is the int length of a span or view (for the row-major extent).</summary>
    private static string LengthHolder(string span, DataForm form) => form == DataForm.Views
        ? $"{Gpu}.GpuArguments.Length({Identifier.Escape(span)}, __accelerator, \"{span}\")"
        : Identifier.Escape(span);

    private static string DomainText(bool ranges) => ranges
        ? "for every index in the given ranges (<c>^n</c> counts from the length of the data the index reads or writes directly)"
        : "for every index of the domain inferred from the data it indexes directly";

    private static string CheckedFallbackText(GpuKernelPlan plan) => plan.HasCheckedFallback
        ? ", except for a call whose bounds the host proves only approximately and not for it: that call runs the kernel with those accesses checked, and waits"
        : "";

    private static void WriteExceptions(IndentedWriter writer, GpuKernelPlan plan)
    {
        if (plan.HasCheckedFallback && !plan.Guarded)
            writer.Line("/// <exception cref=\"global::System.IndexOutOfRangeException\">A call that runs the checked kernel made an access out of bounds; the message names the first such index.</exception>");
        if (plan.Guarded)
        {
            writer.Line("/// <exception cref=\"global::System.DivideByZeroException\">An index divided an integer by zero, as the CPU would throw; the message names the first such index.</exception>");
            writer.Line("/// <exception cref=\"global::System.OverflowException\">Checked arithmetic overflowed at an index, or it divided the minimum value by -1.</exception>");
            writer.Line("/// <exception cref=\"global::System.IndexOutOfRangeException\">An access whose index the kernel reads from data left its data.</exception>");
        }
        writer.Line("/// <exception cref=\"global::System.ArgumentException\">Lengths disagree, a range or an access would leave the data, views overlap, or a view lives on another accelerator. Nothing has been queued.</exception>");
        writer.Line("/// <exception cref=\"global::System.ObjectDisposedException\">The accelerator or stream is disposed.</exception>");
        writer.Line($"/// <exception cref=\"{Gpu}.GpuKernelLoadException\">ILGPU could not load the kernel on this accelerator.</exception>");
    }

    private static string ResultType(GpuKernelPlan plan) => plan.Reduction?.Type.Keyword() ?? "void";

    private static List<KernelParameter> Indices(KernelModel kernel) => kernel.Parameters.Where(p => p.Kind == ParameterKind.Index).ToList();

    private static string Parameters(KernelModel kernel, GpuEntryNames names, bool ranges, DataForm form, string first)
    {
        IEnumerable<string> domain = ranges ? Indices(kernel).Select(p => $"{GeneratedNames.Range} {Identifier.Escape(p.Name)}") : [];
        IEnumerable<string> data = names.Data.Select(p => p.IsSpan
            ? $"{(form == DataForm.Views ? GpuSourceEmitter.View(p) : p.TypeSyntax)} {Identifier.Escape(p.Name)}"
            : $"{p.RefKind.Modifier()}{p.TypeSyntax} {Identifier.Escape(p.Name)}");
        return string.Join(", ", new[] { first }.Concat(domain).Concat(data));
    }
}

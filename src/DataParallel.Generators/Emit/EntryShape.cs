using System;
using System.Collections.Generic;
using System.Linq;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Planning;

namespace DataParallel.Generators.Emit;

/// <summary>
/// What distinguishes the two families of entry points <see cref="EntryPointEmitter"/> writes: over spans (the
/// runner's <c>Run</c>), or over partitioned arrays on a <c>DeviceSet</c> (its <c>RunPartitioned</c>), which for a
/// kernel that cannot be partitioned only throw and carry the attribute behind DP4001.
/// </summary>
internal sealed record EntryShape(
    IReadOnlyList<string> Leading,
    IReadOnlyList<string> LeadingArguments,
    Func<KernelParameter, string> Parameter,
    string Runner,
    string Where,
    string Spans,
    IReadOnlyList<string> Remarks,
    string MoreFailures,
    IReadOnlyList<string> Attributes,
    string? Blocked)
{
    public const string DeviceSet = "global::DataParallel.DeviceSet";

    public static EntryShape Plain(CpuKernelPlan plan)
        => new([], [], p => $"{p.RefKind.Modifier()}{p.TypeSyntax} {Identifier.Escape(p.Name)}", "Run", "", "spans", [], "", [], null);

    public static EntryShape Partitioned(CpuKernelPlan plan)
    {
        PartitionPlan partitions = plan.Partitions;
        string devices = DevicesParameter(plan.Kernel);
        string Parameter(KernelParameter p) => partitions.IsPartitioned(p)
            ? $"{PartitionedType(p)} {Identifier.Escape(p.Name)}"
            : $"{p.RefKind.Modifier()}{p.TypeSyntax} {Identifier.Escape(p.Name)}";
        string replicated = string.Join(", ", plan.Kernel.Parameters.Where(p => p.IsSpan && !partitions.IsPartitioned(p)).Select(p => $"<c>{p.Name}</c>"));
        var remarks = new List<string>
        {
            "/// <remarks>",
            "/// Indices are global and each span's length is the logical array's: the result is the plain entry point's over the whole arrays.",
            "/// Each partition runs the indices of the outermost dimension whose rows it owns, after the halo rows it reads are refreshed from its neighbours.",
        };
        if (replicated.Length > 0)
            remarks.Add($"/// {replicated} {(replicated.Contains(",") ? "are" : "is")} read at elements no partition's rows bound, so every partition reads the whole span.");
        if (partitions.Blocker is { } reason)
            remarks.Add($"/// This kernel cannot run partitioned ({EntryProofWriter.Escape(reason)}): the call always throws, and DP4001 is reported where it is made.");
        remarks.Add("/// </remarks>");
        string escaped = EntryProofWriter.Escape(partitions.Blocker ?? "");
        return new EntryShape(
            [$"{DeviceSet} {devices}"],
            [devices],
            Parameter,
            "RunPartitioned",
            $" on the partitions of <paramref name=\"{devices}\"/>",
            "partitioned arrays",
            remarks,
            " A partitioned array belongs to another set, or a partition would write outside its own rows.",
            partitions.Blocker is null ? [] : [$"[Dp::NotPartitionable(\"{escaped}\")]"],
            partitions.Blocker is null ? null : $"throw Dp::PartitionedCall.NotPartitionable(\"{EntryProofWriter.Escape(plan.Kernel.FullName)}\", \"{escaped}\");");
    }

    /// <summary>The set's parameter name: <c>devices</c>, unless the kernel has a parameter of that name.</summary>
    public static string DevicesParameter(KernelModel kernel)
        => kernel.Parameters.Any(p => p.Name == "devices") ? "__devices" : "devices";

    public static string PartitionedType(KernelParameter parameter) => $"global::DataParallel.PartitionedArray<{parameter.Type.Keyword()}>";
}

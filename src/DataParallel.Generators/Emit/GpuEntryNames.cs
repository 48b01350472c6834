using System.Collections.Generic;
using System.Linq;
using DataParallel.Compiler.Model;

namespace DataParallel.Generators.Emit;

/// <summary>
/// Names a kernel's GPU entry points use: <c>accelerator</c> and <c>stream</c> for their first parameter (with <c>__</c>
/// before them where the kernel has a parameter of that name), the launcher type, and the kernel's data parameters.
/// </summary>
internal sealed class GpuEntryNames
{
    public GpuEntryNames(KernelModel kernel, string launcher)
    {
        Launcher = launcher;
        Data = kernel.Parameters.Where(p => p.Kind != ParameterKind.Index).ToList();
        var taken = new HashSet<string>(kernel.Parameters.Select(p => p.Name));
        Accelerator = taken.Contains("accelerator") ? "__accelerator" : "accelerator";
        Stream = taken.Contains("stream") ? "__stream" : "stream";
    }

    public string Launcher { get; }

    public string Accelerator { get; }

    public string Stream { get; }

    /// <summary>The uniforms and spans, in the kernel's order.</summary>
    public IReadOnlyList<KernelParameter> Data { get; }

    /// <summary>
    /// Whether the kernel takes spans: without any (a reduction over uniforms alone), the host-span form would have
    /// the accelerator form's very signature, so only the accelerator form is written; a reduction's waits and returns
    /// the value as the span form would, and a kernel with neither spans nor a result has nothing to copy back.
    /// </summary>
    public bool HasSpans => Data.Any(p => p.IsSpan);
}

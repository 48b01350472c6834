using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace DataParallel.Generators.Tests.RandomKernels;

/// <summary>
/// Random kernels compiled together: one compilation costs about a second whatever it holds, so a batch puts many
/// kernels (and their drivers) into one source file.
/// </summary>
internal sealed record KernelBatch(int Seed, int Complexity, ImmutableArray<RandomKernel> Kernels)
{
    public static KernelBatch Create(int seed, int complexity, int count)
    {
        var random = new Random(seed);
        var kernels = Enumerable.Range(0, count)
            // Mostly small kernels (they compile fast and pinpoint failures), some up to the batch's complexity.
            .Select(k => KernelBuilder.Build($"K{k}", random.Next(), Math.Min(complexity, random.Next(4) switch { 0 => 0, 1 or 2 => 1, _ => 3 })))
            .ToImmutableArray();
        return new KernelBatch(seed, complexity, kernels);
    }

    /// <summary>Short, for FsCheck's report; the failure message carries the kernel's source.</summary>
    public override string ToString() => $"batch(seed {Seed}, complexity {Complexity}, {Kernels.Length} kernels)";
}

/// <summary>The source of a set of kernels, with the lines each kernel occupies (to attribute diagnostics).</summary>
internal sealed class BatchSource
{
    private readonly List<(int First, int Last, string Kernel)> _lines = new();

    public BatchSource(IReadOnlyList<RandomKernel> kernels)
    {
        var text = new StringBuilder();
        // The kernels are the "user's" code: a random mix of sign-extended operands and '|' is valid C# that the
        // compiler merely questions (CS0675). Warnings in the generated files still fail the check.
        text.AppendLine("#pragma warning disable CS0675");
        text.AppendLine("using System;");
        text.AppendLine("using DataParallel;");
        text.AppendLine();
        text.AppendLine("namespace Probe;");
        text.AppendLine();
        text.AppendLine("public static partial class Kernels");
        text.AppendLine("{");
        foreach (RandomKernel kernel in kernels)
        {
            int first = Lines(text);
            text.Append(kernel.Render());
            _lines.Add((first, Lines(text) - 1, kernel.Name));
            text.AppendLine();
        }
        text.AppendLine(KernelHelpers.Source);
        text.AppendLine("}");
        KernelsOnly = text.ToString();
        text.AppendLine();
        text.AppendLine("public static class Drivers");
        text.AppendLine("{");
        foreach (RandomKernel kernel in kernels)
            text.Append(kernel.RenderDrivers());
        text.AppendLine("}");
        Text = text.ToString();
    }

    /// <summary>The kernels and helpers alone, compilable without the generator.</summary>
    public string KernelsOnly { get; }

    public string Text { get; }

    /// <summary>The kernel whose text holds a diagnostic in the (first) source file, if any.</summary>
    public string? KernelAt(Diagnostic diagnostic)
    {
        if (!diagnostic.Location.IsInSource || diagnostic.Location.SourceTree?.FilePath != "Source0.cs")
            return null;
        int line = diagnostic.Location.GetLineSpan().StartLinePosition.Line;
        foreach ((int first, int last, string kernel) in _lines)
        {
            if (line >= first && line <= last)
                return kernel;
        }
        return null;
    }

    private static int Lines(StringBuilder text)
    {
        int count = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
                count++;
        }
        return count;
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using DataParallel.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Sdk;

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

/// <summary>A compiled set of kernels: the loaded drivers, and what the generator made of each kernel.</summary>
internal sealed class CompiledBatch
{
    private readonly Type _drivers;
    private readonly Dictionary<string, MethodInfo> _methods = new(StringComparer.Ordinal);

    private CompiledBatch(Type drivers, IReadOnlyDictionary<string, string> generated)
    {
        _drivers = drivers;
        Generated = generated;
    }

    /// <summary>Generated source per kernel name.</summary>
    public IReadOnlyDictionary<string, string> Generated { get; }

    /// <summary>Whether the generator lowered the kernel to SIMD (it emits vector bodies only then).</summary>
    public bool IsVectorised(string kernel) => Generated.TryGetValue(kernel, out string? source) && source.Contains("Execute256(", StringComparison.Ordinal);

    /// <summary>
    /// Whether the kernel's chunk body computes several vectors side by side (LaneJamming): its second copy's index
    /// (<c>int __i1 = i + …</c>). Reductions unroll the same way over their accumulators, so they do not count.
    /// </summary>
    public bool IsJammed(RandomKernel kernel)
        => kernel.Reduce == ReduceKind.None && Generated.TryGetValue(kernel.Name, out string? source)
           && System.Text.RegularExpressions.Regex.IsMatch(source, @"int __\w+1 = \w+ \+ \d+;");

    /// <summary>
    /// Compiles <paramref name="kernels"/> through the generator. Kernels whose own code draws a warning or error
    /// (before or after generation), or whose generated code does not compile, are returned in
    /// <paramref name="rejected"/> with the diagnostics, and left out when <paramref name="dropRejected"/> is set;
    /// otherwise any rejection throws.
    /// </summary>
    public static CompiledBatch Compile(IReadOnlyList<RandomKernel> kernels, bool dropRejected, out Dictionary<string, string> rejected)
    {
        var rejections = new Dictionary<string, string>(StringComparer.Ordinal);
        rejected = rejections;
        var remaining = kernels.ToList();
        for (int attempt = 0; ; attempt++)
        {
            var source = new BatchSource(remaining);

            // The kernels alone, without the generator: cheap, and any warning here is the random builder's fault.
            Diagnostic[] userProblems = GeneratorHarness.CreateCompilation(source.KernelsOnly).GetDiagnostics()
                .Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
            if (userProblems.Length == 0)
            {
                GeneratorRun run = GeneratorHarness.Run(source.Text);
                run.AssertGeneratorDidNotThrow();
                var generated = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (GeneratedSourceResult result in run.GeneratedSources)
                {
                    if (KernelOfHint(result.HintName) is { } kernel)
                        generated[kernel] = result.SourceText.ToString();
                }

                // Emitting binds and checks everything once (its diagnostics include warnings); asking the compilation
                // for its diagnostics first would bind the large generated bodies twice.
                using var image = new MemoryStream();
                var emitted = run.OutputCompilation.Emit(image);
                var problems = run.GeneratorDiagnostics.Concat(emitted.Diagnostics)
                    .Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
                if (problems.Length == 0 && emitted.Success)
                {
                    image.Position = 0;
                    Assembly assembly = new KernelLoadContext().LoadFromStream(image);
                    return new CompiledBatch(assembly.GetType("Probe.Drivers", throwOnError: true)!, generated);
                }
                userProblems = problems;
                foreach (IGrouping<string?, Diagnostic> group in problems.GroupBy(d => source.KernelAt(d) ?? KernelOfHint(d.Location.SourceTree?.FilePath)))
                {
                    string detail = string.Join("\n", group.Select(d => "  " + d));
                    if (group.Key is { } kernel && generated.TryGetValue(kernel, out string? code))
                        detail += $"\n---- generated for {kernel} ----\n{code}";
                    Reject(group.Key, detail);
                }
            }
            else
            {
                foreach (IGrouping<string?, Diagnostic> group in userProblems.GroupBy(source.KernelAt))
                    Reject(group.Key, string.Join("\n", group.Select(d => "  " + d)) + "\n(the random kernel builder produced C# that does not compile cleanly: a test bug)");
            }

            if (!dropRejected || attempt >= 3)
            {
                throw new XunitException(
                    "The random kernels did not compile:\n" +
                    string.Join("\n\n", rejections.Select(r => $"{r.Key}:\n{r.Value}\n{remaining.FirstOrDefault(k => k.Name == r.Key)?.Render()}")));
            }
            remaining.RemoveAll(k => rejections.ContainsKey(k.Name));
        }

        void Reject(string? kernel, string detail)
        {
            if (kernel is null)
                throw new XunitException("A diagnostic outside any kernel:\n" + detail);
            rejections[kernel] = detail;
        }
    }

    private static string? KernelOfHint(string? hint)
    {
        if (hint is null)
            return null;
        string file = Path.GetFileName(hint);
        const string prefix = "Probe.Kernels.";
        if (!file.StartsWith(prefix, StringComparison.Ordinal))
            return null;
        int end = file.IndexOf("Kernel_", prefix.Length, StringComparison.Ordinal);
        return end < 0 ? null : file[prefix.Length..end];
    }

    /// <summary>Calls a driver; the driver's own exception comes out unwrapped.</summary>
    public object? Invoke(string method, object[] arguments)
    {
        if (!_methods.TryGetValue(method, out MethodInfo? target))
        {
            target = _drivers.GetMethod(method, BindingFlags.Public | BindingFlags.Static)
                ?? throw new XunitException($"No driver {method}.");
            _methods[method] = target;
        }
        return target.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
    }
}

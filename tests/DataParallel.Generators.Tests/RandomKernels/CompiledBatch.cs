using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using DataParallel.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Xunit.Sdk;

namespace DataParallel.Generators.Tests.RandomKernels;

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

using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using DataParallel.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Sdk;

namespace DataParallel.Gpu.Tests.Harness;

/// <summary>
/// Compiles kernel sources as a project referencing DataParallel.Gpu compiles them (<see cref="TestCompilation"/> plus
/// the GPU package, ILGPU and ILGPU.Algorithms), runs the generator, and loads the result into the default load
/// context, so that the kernels bind to the test host's ILGPU (its accelerators are the ones the tests create).
/// </summary>
internal static class GpuCompilation
{
    private static readonly ConcurrentDictionary<string, Lazy<Assembly>> s_loaded = new(StringComparer.Ordinal);

    /// <summary>DataParallel.Gpu, ILGPU and ILGPU.Algorithms, the references the GPU package brings.</summary>
    public static ImmutableArray<MetadataReference> GpuReferences { get; } =
    [
        MetadataReference.CreateFromFile(typeof(GpuSupport).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(ILGPU.Context).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(ILGPU.Algorithms.XMath).Assembly.Location),
    ];

    /// <summary>A compilation of <paramref name="sources"/>, with the GPU package referenced or not.</summary>
    public static CSharpCompilation Create(bool referenceGpu, params string[] sources)
    {
        CSharpCompilation compilation = TestCompilation.Create(
            "DataParallelGpuProbe" + Guid.NewGuid().ToString("N"),
            sources.Select((source, index) => TestCompilation.Parse(source, $"Source{index}.cs")));
        return referenceGpu ? compilation.AddReferences(GpuReferences) : compilation;
    }

    /// <summary>A driver of <see cref="ParallelGenerator"/> that records every step, for incrementality checks.</summary>
    public static GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(
            [new ParallelGenerator().AsSourceGenerator()],
            parseOptions: TestCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator over <paramref name="compilation"/>.</summary>
    public static (Compilation Output, ImmutableArray<Diagnostic> Diagnostics, GeneratorDriverRunResult Result) Generate(CSharpCompilation compilation)
    {
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return (output, diagnostics, driver.GetRunResult());
    }

    /// <summary>Generates, compiles with no warning allowed, and loads <paramref name="sources"/> (cached by text).</summary>
    public static Assembly CompileAndLoad(params string[] sources)
        => s_loaded.GetOrAdd(string.Join("\n//----\n", sources), _ => new Lazy<Assembly>(() => CompileAndLoadUncached(sources))).Value;

    private static Assembly CompileAndLoadUncached(string[] sources)
    {
        var (output, diagnostics, _) = Generate(Create(referenceGpu: true, sources));
        Diagnostic[] problems = diagnostics.Concat(output.GetDiagnostics()).Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
        if (problems.Length > 0)
            throw new XunitException("Generation or compilation reported:\n" + string.Join("\n", problems.Select(p => p.ToString())) + "\n" + Describe(output));
        using var image = new MemoryStream();
        var emitted = output.Emit(image);
        if (!emitted.Success)
            throw new XunitException("Emit failed:\n" + string.Join("\n", emitted.Diagnostics));
        return Assembly.Load(image.ToArray());
    }

    private static string Describe(Compilation output)
        => string.Join("\n", output.SyntaxTrees.Where(t => t.FilePath.Contains("Gpu", StringComparison.Ordinal)).Select(t => $"// {t.FilePath}\n{t}"));
}

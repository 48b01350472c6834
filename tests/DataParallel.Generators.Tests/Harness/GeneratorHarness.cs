using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using DataParallel.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Sdk;

namespace DataParallel.Generators.Tests.Harness;

/// <summary>
/// Drives <see cref="ParallelGenerator"/> the way the compiler does inside a user's build: real source in, a
/// <see cref="CSharpGeneratorDriver"/> with step tracking, and the updated compilation out.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>C# as a net10.0 project compiles it (<see cref="TestCompilation.ParseOptions"/>).</summary>
    public static CSharpParseOptions ParseOptions => TestCompilation.ParseOptions;

    // Compiling costs about a second; every test that compiles the same kernel source shares one assembly.
    private static readonly ConcurrentDictionary<string, Lazy<Assembly>> s_loaded = new(StringComparer.Ordinal);

    /// <summary>
    /// <paramref name="sources"/> as files <c>Source0.cs</c>, <c>Source1.cs</c>, … of a project set up like
    /// <see cref="TestCompilation"/>; each compilation has its own assembly name, so loaded kernels never clash.
    /// </summary>
    public static CSharpCompilation CreateCompilation(params string[] sources)
        => TestCompilation.Create(
            "DataParallelProbe" + Guid.NewGuid().ToString("N"),
            sources.Select((source, index) => TestCompilation.Parse(source, $"Source{index}.cs")));

    /// <summary>A driver that records every step, so tests can inspect what an incremental run reused.</summary>
    public static GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(
            new[] { new ParallelGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator once over <paramref name="sources"/>.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(CreateCompilation(sources));

    /// <summary>
    /// Runs the generator on one kernel, <c>Probe.Kernels.Blocked(int i, <paramref name="parameters"/>)</c> with
    /// <paramref name="body"/> as its block: for theories over bodies that must fall back to scalar.
    /// </summary>
    public static GeneratorRun RunKernelBody(string parameters, string body) => Run($$"""
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Blocked(int i, {{parameters}}) { {{body}} }
        }
        """);

    /// <summary>Runs the generator once over <paramref name="compilation"/>.</summary>
    public static GeneratorRun Run(CSharpCompilation compilation)
    {
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(
            compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        var run = new GeneratorRun(compilation, driver, output, generatorDiagnostics);
        DumpGenerated(run);
        return run;
    }

    /// <summary>
    /// With <c>DATAPARALLEL_DUMP_ALL</c> set to a folder, every generated file of every run is written there, named by
    /// its hint name and a hash of the input: two test runs' folders compare the generator's output byte for byte
    /// (the check that a refactoring left generated code unchanged).
    /// </summary>
    private static void DumpGenerated(GeneratorRun run)
    {
        if (Environment.GetEnvironmentVariable("DATAPARALLEL_DUMP_ALL") is not { Length: > 0 } folder || run.GeneratorException is not null)
            return;
        Directory.CreateDirectory(folder);
        string input = string.Join("\n//----\n", run.InputCompilation.SyntaxTrees.Select(t => t.ToString()));
        string key = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(input)))[..16];
        foreach (var source in run.GeneratedSources)
            File.WriteAllText(Path.Combine(folder, $"{key}.{source.HintName}"), source.SourceText.ToString());
    }

    /// <summary>
    /// Generates, compiles with no warnings or errors allowed, emits and loads <paramref name="sources"/>. Loaded
    /// assemblies are cached by source text.
    /// </summary>
    public static Assembly CompileAndLoad(params string[] sources)
        => s_loaded.GetOrAdd(string.Join("\n//----\n", sources), _ => new Lazy<Assembly>(() => CompileAndLoadUncached(sources))).Value;

    private static Assembly CompileAndLoadUncached(string[] sources)
    {
        GeneratorRun run = Run(sources);
        run.AssertGeneratorDidNotThrow();

        Diagnostic[] problems = run.GeneratorDiagnostics
            .Concat(run.OutputCompilation.GetDiagnostics())
            .Where(diagnostic => diagnostic.Severity >= DiagnosticSeverity.Warning)
            .ToArray();
        if (problems.Length > 0)
            throw new XunitException($"Generation or compilation reported {problems.Length} warning(s)/error(s):\n{run.Describe(problems)}");

        using var image = new MemoryStream();
        var emitted = run.OutputCompilation.Emit(image);
        if (!emitted.Success)
            throw new XunitException($"Emit failed:\n{run.Describe(emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning))}");

        image.Position = 0;
        return new KernelLoadContext().LoadFromStream(image);
    }
}

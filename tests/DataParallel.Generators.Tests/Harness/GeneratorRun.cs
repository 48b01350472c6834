using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit.Sdk;

namespace DataParallel.Generators.Tests.Harness;

/// <summary>One run of the generator: its input, the driver (to run again incrementally), and what it produced.</summary>
internal sealed class GeneratorRun(CSharpCompilation input, GeneratorDriver driver, Compilation outputCompilation, ImmutableArray<Diagnostic> generatorDiagnostics)
{
    public CSharpCompilation InputCompilation { get; } = input;

    /// <summary>The driver after this run; run it again on an edited compilation to test incrementality.</summary>
    public GeneratorDriver Driver { get; } = driver;

    /// <summary>The input compilation plus the generated syntax trees.</summary>
    public Compilation OutputCompilation { get; } = outputCompilation;

    /// <summary>Diagnostics the generator itself reported (not the compiler's).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; } = generatorDiagnostics;

    public GeneratorRunResult Result => Driver.GetRunResult().Results.Single();

    /// <summary>An exception thrown out of the generator, which the compiler would turn into warning CS8785.</summary>
    public System.Exception? GeneratorException => Result.Exception;

    public ImmutableArray<GeneratedSourceResult> GeneratedSources => Result.GeneratedSources;

    /// <summary>The generated trees as they sit in <see cref="OutputCompilation"/>.</summary>
    public IEnumerable<SyntaxTree> GeneratedTrees => OutputCompilation.SyntaxTrees.Except(InputCompilation.SyntaxTrees);

    /// <summary>Compiler diagnostics located in generated files: never acceptable, whatever the user wrote (DESIGN §1).</summary>
    public IEnumerable<Diagnostic> DiagnosticsInGeneratedCode(DiagnosticSeverity atLeast)
    {
        var generated = new HashSet<SyntaxTree>(GeneratedTrees);
        return OutputCompilation.GetDiagnostics()
            .Where(diagnostic => diagnostic.Severity >= atLeast && diagnostic.Location.SourceTree is { } tree && generated.Contains(tree));
    }

    /// <summary>The generated source of kernel <c>Probe.Kernels.{kernel}</c>, the type the differential sources declare.</summary>
    public string GeneratedSourceOf(string kernel)
        => GeneratedSources.Single(source => source.HintName.StartsWith($"Probe.Kernels.{kernel}Kernel_", System.StringComparison.Ordinal)).SourceText.ToString();

    public void AssertGeneratorDidNotThrow()
    {
        if (GeneratorException is { } exception)
            throw new XunitException($"The generator threw:\n{exception}");
    }

    /// <summary>Fails with the summary line of the first generated runner that falls back to multi-core scalar.</summary>
    public void AssertEveryKernelVectorises()
    {
        AssertGeneratorDidNotThrow();
        foreach (GeneratedSourceResult source in GeneratedSources)
        {
            if (ScalarSummary(source.SourceText.ToString()) is { } summary)
                throw new XunitException($"{source.HintName}: {summary}");
        }
    }

    /// <summary>Asserts that a kernel runs multi-core scalar and that the generated summary gives <paramref name="reason"/>.</summary>
    public void AssertRunsScalarBecause(string reason)
    {
        AssertGeneratorDidNotThrow();
        string text = string.Concat(GeneratedSources.Select(source => source.SourceText.ToString()));
        string? summary = ScalarSummary(text);
        if (summary is null || !summary.Contains(reason, System.StringComparison.Ordinal))
            throw new XunitException($"Expected a multi-core scalar fallback because of \"{reason}\", got: {summary ?? text}");
    }

    private static string? ScalarSummary(string text)
        => text.Split('\n').FirstOrDefault(line => line.Contains("multi-core scalar", System.StringComparison.Ordinal));

    /// <summary>Lists <paramref name="diagnostics"/> and then every generated file with line numbers, for failure messages.</summary>
    public string Describe(IEnumerable<Diagnostic> diagnostics)
    {
        var text = new StringBuilder();
        foreach (Diagnostic diagnostic in diagnostics)
            text.AppendLine("  " + diagnostic);
        foreach (GeneratedSourceResult source in GeneratedSources)
        {
            text.AppendLine().AppendLine($"---- generated {source.HintName} ----");
            int number = 1;
            foreach (var line in source.SourceText.Lines)
                text.AppendLine($"{number++,5}: {line}");
        }
        return text.ToString();
    }
}

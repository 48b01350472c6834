using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using DataParallel.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Sdk;

namespace DataParallel.Generators.Tests.Harness;

/// <summary>Runs <see cref="KernelAnalyzer"/> over a compilation, failing on any exception the analyzer throws.</summary>
internal static class AnalyzerHarness
{
    public static async Task<ImmutableArray<Diagnostic>> RunKernelAnalyzerAsync(Compilation compilation)
    {
        var thrown = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => thrown.Enqueue(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new KernelAnalyzer()), options);

        ImmutableArray<Diagnostic> diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);

        // AD0001 is how the host reports an analyzer crash; DESIGN §5 says the analyzers never crash.
        Diagnostic[] crashes = diagnostics.Where(diagnostic => diagnostic.Id == "AD0001").ToArray();
        if (!thrown.IsEmpty || crashes.Length > 0)
            throw new XunitException("KernelAnalyzer threw:\n" + string.Join("\n", thrown.Select(e => e.ToString()).Concat(crashes.Select(c => c.ToString()))));
        return diagnostics;
    }
}

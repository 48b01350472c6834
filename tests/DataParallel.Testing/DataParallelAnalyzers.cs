using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using DataParallel.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Sdk;

namespace DataParallel.Testing;

/// <summary>
/// Every analyzer the DataParallel.Analyzers assembly ships, found by reflection so that tests do not name analyzer
/// types: they hold whether the assembly has one analyzer or several.
/// </summary>
public static class DataParallelAnalyzers
{
    private static readonly ImmutableArray<Type> s_types = typeof(KernelAnalyzer).Assembly.GetTypes()
        .Where(type => typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && !type.IsAbstract && type.GetConstructor(Type.EmptyTypes) is not null)
        .OrderBy(type => type.FullName, StringComparer.Ordinal)
        .ToImmutableArray();

    /// <summary>New instances of every analyzer (an analyzer may keep per-run state, so tests do not share them).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Create()
        => s_types.Select(type => (DiagnosticAnalyzer)Activator.CreateInstance(type)!).ToImmutableArray();

    /// <summary>Every descriptor the analyzers support, by id.</summary>
    public static ImmutableDictionary<string, DiagnosticDescriptor> SupportedDiagnostics { get; } = Create()
        .SelectMany(analyzer => analyzer.SupportedDiagnostics)
        .GroupBy(descriptor => descriptor.Id, StringComparer.Ordinal)
        .ToImmutableDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);

    /// <summary>
    /// Runs every analyzer over <paramref name="compilation"/> and returns the diagnostics of <paramref name="area"/>
    /// (all of them when null). Any exception an analyzer throws fails the test: the analyzers never crash (DESIGN §5).
    /// </summary>
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(Compilation compilation, DiagnosticArea? area = null)
    {
        var thrown = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => thrown.Enqueue(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(Create(), options)
            .GetAnalyzerDiagnosticsAsync()
            .ConfigureAwait(false);
        // AD0001 is how the host reports an analyzer crash.
        Diagnostic[] crashes = diagnostics.Where(d => d.Id == "AD0001").ToArray();
        if (!thrown.IsEmpty || crashes.Length > 0)
            throw new XunitException("An analyzer threw:\n" + string.Join("\n", thrown.Select(e => e.ToString()).Concat(crashes.Select(d => d.ToString()))));
        return area is { } only ? diagnostics.Where(d => only.Contains(d.Id)).ToImmutableArray() : diagnostics;
    }
}

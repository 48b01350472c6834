using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Sdk;

namespace DataParallel.Analyzers.Tests.Harness;

/// <summary>
/// Markup-driven analyzer tests in the style of Microsoft.CodeAnalysis.Testing's <c>AnalyzerVerifier</c>: the
/// DP diagnostics of area <typeparamref name="TArea"/> that <see cref="KernelAnalyzer"/> reports must be exactly those
/// marked, id and span.
/// </summary>
internal static class AnalyzerVerifier<TArea> where TArea : DiagnosticArea, new()
{
    /// <summary>
    /// Verifies the diagnostics for <paramref name="markup"/> (see <see cref="TestMarkup"/>). Compiler errors fail
    /// the test unless <paramref name="allowCompilerErrors"/>: a typo in a test source must not pass as a silent
    /// analyzer. Ids in <paramref name="disabledDiagnostics"/> are left out of the comparison, like
    /// Microsoft.CodeAnalysis.Testing's <c>DisabledDiagnostics</c>.
    /// </summary>
    public static async Task VerifyAnalyzerAsync(string markup, bool allowCompilerErrors = false, params string[] disabledDiagnostics)
    {
        var (source, expectedMarkers) = TestMarkup.Parse(markup);
        var analyzer = new KernelAnalyzer();
        var expected = expectedMarkers.Select(marker => (Id: marker.Id ?? DefaultId(analyzer), marker.Span)).ToList();

        Compilation compilation = TestCompilation.Create(source);
        if (!allowCompilerErrors)
        {
            Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
            if (errors.Length > 0)
                throw new XunitException("The test source does not compile:\n" + string.Join("\n", errors.Select(d => "  " + d)) + "\n" + Numbered(source));
        }

        ImmutableArray<Diagnostic> diagnostics = await GetDiagnosticsAsync(compilation, analyzer);
        diagnostics = diagnostics.Where(d => InArea(d) && !disabledDiagnostics.Contains(d.Id)).ToImmutableArray();
        var actual = diagnostics.Select(d => (Id: d.Id, Span: d.Location.SourceSpan)).ToList();

        var missing = Subtract(expected, actual);
        var unexpected = Subtract(actual, expected);
        if (missing.Count == 0 && unexpected.Count == 0)
            return;

        SourceText text = SourceText.From(source);
        var message = new StringBuilder("Diagnostics differ from the markup.\n");
        message.AppendLine("Expected:");
        foreach (var (id, span) in expected.OrderBy(e => e.Span.Start))
            message.AppendLine($"  {Describe(text, id, span)}");
        message.AppendLine("Actual:");
        foreach (Diagnostic diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            message.AppendLine($"  {Describe(text, diagnostic.Id, diagnostic.Location.SourceSpan)}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}");
        foreach (var (id, span) in missing)
            message.AppendLine($"Missing:    {Describe(text, id, span)}");
        foreach (var (id, span) in unexpected)
            message.AppendLine($"Unexpected: {Describe(text, id, span)}");
        message.Append(Numbered(source));
        throw new XunitException(message.ToString());
    }

    /// <summary>
    /// Verifies kernel <paramref name="members"/> (markup included) inside the standard test file of
    /// <see cref="KernelSource.Wrap"/>, like <see cref="VerifyAnalyzerAsync"/>.
    /// </summary>
    public static Task VerifyKernelsAsync(string members, params string[] disabledDiagnostics)
        => VerifyAnalyzerAsync(KernelSource.Wrap(members), allowCompilerErrors: false, disabledDiagnostics);

    /// <summary>All diagnostics of area <typeparamref name="TArea"/> reported on <paramref name="source"/>, for assertions on messages or severities.</summary>
    public static Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(string source)
        => GetAreaDiagnosticsAsync(TestCompilation.Create(source));

    /// <summary>All diagnostics of area <typeparamref name="TArea"/> reported on <paramref name="compilation"/>.</summary>
    public static async Task<ImmutableArray<Diagnostic>> GetAreaDiagnosticsAsync(Compilation compilation)
        => (await GetDiagnosticsAsync(compilation, new KernelAnalyzer()).ConfigureAwait(false)).Where(InArea).ToImmutableArray();

    /// <summary>Runs <paramref name="analyzer"/>; any exception it throws fails the test (analyzers never crash, DESIGN §5).</summary>
    public static async Task<ImmutableArray<Diagnostic>> GetDiagnosticsAsync(Compilation compilation, DiagnosticAnalyzer analyzer)
    {
        var thrown = new ConcurrentQueue<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => thrown.Enqueue(exception),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(ImmutableArray.Create(analyzer), options)
            .GetAnalyzerDiagnosticsAsync()
            .ConfigureAwait(false);
        var crashes = diagnostics.Where(d => d.Id == "AD0001").ToArray();
        if (!thrown.IsEmpty || crashes.Length > 0)
            throw new XunitException($"{analyzer.GetType().Name} threw:\n" + string.Join("\n", thrown.Select(e => e.ToString()).Concat(crashes.Select(d => d.ToString()))));
        return diagnostics;
    }

    private static bool InArea(Diagnostic diagnostic) => Area.Contains(diagnostic.Id);

    private static readonly TArea Area = new();

    private static string DefaultId(DiagnosticAnalyzer analyzer)
    {
        var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).Where(Area.Contains).Distinct().ToArray();
        return ids.Length == 1
            ? ids[0]
            : throw new InvalidOperationException(
                $"[|…|] needs an area with one diagnostic, but {typeof(TArea).Name} has {string.Join(", ", ids)}; write {{|ID:…|}} instead.");
    }

    /// <summary>Multiset difference: each occurrence in <paramref name="right"/> cancels one in <paramref name="left"/>.</summary>
    private static List<(string Id, TextSpan Span)> Subtract(List<(string Id, TextSpan Span)> left, List<(string Id, TextSpan Span)> right)
    {
        var remaining = new List<(string Id, TextSpan Span)>(right);
        var result = new List<(string Id, TextSpan Span)>();
        foreach (var item in left)
        {
            if (!remaining.Remove(item))
                result.Add(item);
        }
        return result;
    }

    private static string Describe(SourceText text, string id, TextSpan span)
    {
        LinePositionSpan lines = text.Lines.GetLinePositionSpan(span);
        return $"{id} at {lines.Start.Line + 1}:{lines.Start.Character + 1}-{lines.End.Line + 1}:{lines.End.Character + 1} \"{text.ToString(span)}\"";
    }

    private static string Numbered(string source)
    {
        var text = new StringBuilder("Source:\n");
        string[] lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (int i = 0; i < lines.Length; i++)
            text.AppendLine($"{i + 1,4}: {lines[i]}");
        return text.ToString();
    }
}

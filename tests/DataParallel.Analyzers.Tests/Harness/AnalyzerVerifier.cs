using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using DataParallel.Testing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace DataParallel.Analyzers.Tests.Harness;

/// <summary>
/// Markup-driven analyzer tests on Microsoft.CodeAnalysis.Testing: the DP diagnostics of area
/// <typeparamref name="TArea"/> must be exactly those marked (<c>{|DP1001:text|}</c>), id and span; diagnostics
/// of other areas are disabled. Expectations given as <see cref="DiagnosticResult"/>s also compare message
/// arguments and additional locations.
/// </summary>
internal static class AnalyzerVerifier<TArea> where TArea : IDiagnosticAreaMarker
{
    /// <summary>
    /// Verifies the diagnostics for <paramref name="markup"/>. Compiler errors fail the test unless
    /// <paramref name="allowCompilerErrors"/>: a typo in a test source must not pass as a silent analyzer. Ids in
    /// <paramref name="disabledDiagnostics"/> are switched off as well.
    /// </summary>
    public static Task VerifyAnalyzerAsync(string markup, bool allowCompilerErrors = false, params string[] disabledDiagnostics)
    {
        DataParallelVerifierTest test = CreateTest(markup);
        if (allowCompilerErrors)
            test.CompilerDiagnostics = CompilerDiagnostics.None;
        test.DisabledDiagnostics.AddRange(disabledDiagnostics);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// Verifies kernel <paramref name="members"/> (markup included) inside the standard test file of
    /// <see cref="KernelSource.Wrap"/>, like <see cref="VerifyAnalyzerAsync"/>.
    /// </summary>
    public static Task VerifyKernelsAsync(string members, params string[] disabledDiagnostics)
        => VerifyAnalyzerAsync(KernelSource.Wrap(members), allowCompilerErrors: false, disabledDiagnostics);

    /// <summary>
    /// Verifies <paramref name="markup"/> against <paramref name="expected"/> as well as its markup: use
    /// <see cref="Diagnostic(string)"/> with <c>WithLocation(n)</c> for <c>{|#n:…|}</c> markers (the first is the
    /// diagnostic's location, the rest its additional locations, in order) and <c>WithArguments</c> for the message.
    /// </summary>
    public static Task VerifyDiagnosticsAsync(string markup, params DiagnosticResult[] expected)
    {
        DataParallelVerifierTest test = CreateTest(markup);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>An expected diagnostic <paramref name="id"/>, with the severity and message format of its descriptor.</summary>
    public static DiagnosticResult Diagnostic(string id) => new(DataParallelAnalyzers.SupportedDiagnostics[id]);

    /// <summary>The diagnostics of the area on <paramref name="source"/>, for assertions the markup cannot state.</summary>
    public static Task<ImmutableArray<Microsoft.CodeAnalysis.Diagnostic>> GetDiagnosticsAsync(string source)
        => GetDiagnosticsAsync(TestCompilation.Create(source));

    /// <summary>The diagnostics of the area on <paramref name="compilation"/>; any analyzer exception fails the test.</summary>
    public static Task<ImmutableArray<Microsoft.CodeAnalysis.Diagnostic>> GetDiagnosticsAsync(Compilation compilation)
        => DataParallelAnalyzers.RunAsync(compilation, TArea.Area);

    /// <summary>A library test of <paramref name="markup"/> for the area, for callers that configure more.</summary>
    internal static DataParallelVerifierTest CreateTest(string markup) => new(TArea.Area) { TestCode = markup };
}

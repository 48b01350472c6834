using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataParallel.Testing;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Testing;

namespace DataParallel.Analyzers.Tests.Harness;

/// <summary>
/// Code-fix tests on Microsoft.CodeAnalysis.Testing: the markup's diagnostics (area <typeparamref name="TArea"/>)
/// are verified, then <typeparamref name="TCodeFix"/>'s first action is applied diagnostic by diagnostic, and, where
/// the fix has a FixAll provider, by FixAll in document, project and solution scope; every way must end at
/// <c>after</c>, whose own diagnostics (none, unless marked) are verified too.
/// </summary>
internal static class CodeFixVerifier<TArea, TCodeFix>
    where TArea : IDiagnosticAreaMarker
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>Verifies that fixing every diagnostic marked in <paramref name="markupBefore"/> gives <paramref name="after"/>.</summary>
    public static Task VerifyCodeFixAsync(string markupBefore, string after)
        => CreateTest(markupBefore, after).RunAsync(CancellationToken.None);

    /// <summary>The markup's diagnostics are reported, and the fix offers no action for any of them.</summary>
    public static Task VerifyNoCodeFixAsync(string markup)
        // The library reads fixed code equal to the test code as "no action is offered".
        => CreateTest(markup, markup).RunAsync(CancellationToken.None);

    /// <summary>A library test from <paramref name="markupBefore"/> to <paramref name="after"/>, for callers that configure more (iterations, scopes).</summary>
    public static DataParallelVerifierTest CreateTest(string markupBefore, string after)
    {
        DataParallelVerifierTest test = AnalyzerVerifier<TArea>.CreateTest(markupBefore);
        test.FixedCode = after;
        var fix = new TCodeFix();
        test.CodeFixes.Add(fix);
        return test;
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Sdk;

namespace DataParallel.Analyzers.Tests.Harness;

/// <summary>
/// Code-fix tests in the style of Microsoft.CodeAnalysis.Testing's <c>CodeFixVerifier</c>: the markup's
/// diagnostics are verified first, then the first code action offered for each fixable diagnostic is applied, one
/// at a time, until none remains; the document must then read exactly <c>after</c>.
/// </summary>
internal static class CodeFixVerifier<TArea, TCodeFix>
    where TArea : DiagnosticArea, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static async Task VerifyCodeFixAsync(string markupBefore, string after)
    {
        await AnalyzerVerifier<TArea>.VerifyAnalyzerAsync(markupBefore);
        var (source, expected) = TestMarkup.Parse(markupBefore);

        var fix = new TCodeFix();
        using var workspace = new AdhocWorkspace();
        Document document = CreateDocument(workspace, source);

        // Each applied fix should remove a diagnostic; more rounds than marked diagnostics means one did not.
        int maxRounds = expected.Length + 1;
        int applied = 0;
        for (int round = 0; round < maxRounds; round++)
        {
            Diagnostic? fixable = await FirstFixableDiagnosticAsync(document, fix);
            if (fixable is null)
                break;

            CodeAction? action = await FirstActionAsync(document, fix, fixable);
            if (action is null)
            {
                if (applied == 0)
                    throw new XunitException($"{typeof(TCodeFix).Name} offered no fix for {fixable}.");
                break;
            }

            ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(CancellationToken.None);
            ApplyChangesOperation change = operations.OfType<ApplyChangesOperation>().SingleOrDefault()
                ?? throw new XunitException($"Code action '{action.Title}' produced no ApplyChangesOperation.");
            document = change.ChangedSolution.GetDocument(document.Id)!;
            applied++;

            if (round == maxRounds - 1 && await FirstFixableDiagnosticAsync(document, fix) is { } stuck)
                throw new XunitException($"After {applied} fix(es) a fixable diagnostic remains: {stuck}\n{(await document.GetTextAsync()).ToString()}");
        }

        if (applied == 0)
            throw new XunitException($"No diagnostic that {typeof(TCodeFix).Name} fixes ({string.Join(", ", fix.FixableDiagnosticIds)}) was reported.");

        string actual = Normalize((await document.GetTextAsync()).ToString());
        string expectedText = Normalize(after);
        if (actual != expectedText)
            throw new XunitException($"The fixed source differs.\n--- expected\n{expectedText}\n--- actual\n{actual}");
    }

    /// <summary>The markup's diagnostics are reported, and the fix offers no action for any of them.</summary>
    public static async Task VerifyNoCodeFixAsync(string markup)
    {
        await AnalyzerVerifier<TArea>.VerifyAnalyzerAsync(markup);
        var (source, _) = TestMarkup.Parse(markup);
        var fix = new TCodeFix();
        using var workspace = new AdhocWorkspace();
        Document document = CreateDocument(workspace, source);
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        ImmutableArray<Diagnostic> diagnostics = await AnalyzerVerifier<TArea>.GetAreaDiagnosticsAsync(compilation);
        var fixable = diagnostics.Where(d => fix.FixableDiagnosticIds.Contains(d.Id)).ToList();
        if (fixable.Count == 0)
            throw new XunitException($"No diagnostic that {typeof(TCodeFix).Name} fixes was reported.");
        foreach (Diagnostic diagnostic in fixable)
        {
            if (await FirstActionAsync(document, fix, diagnostic) is { } action)
                throw new XunitException($"{typeof(TCodeFix).Name} offered '{action.Title}' for {diagnostic}.");
        }
    }

    private static Document CreateDocument(AdhocWorkspace workspace, string source)
    {
        var projectId = ProjectId.CreateNewId();
        var documentId = DocumentId.CreateNewId(projectId);
        Solution solution = workspace.CurrentSolution
            .AddProject(ProjectInfo.Create(projectId, VersionStamp.Create(), "TestProject", "TestProject", LanguageNames.CSharp,
                compilationOptions: TestCompilation.Options,
                parseOptions: TestCompilation.ParseOptions,
                metadataReferences: TestCompilation.References))
            .AddDocument(documentId, "Test0.cs", SourceText.From(source), filePath: TestCompilation.FilePath);
        return solution.GetDocument(documentId)!;
    }

    private static async Task<Diagnostic?> FirstFixableDiagnosticAsync(Document document, CodeFixProvider fix)
    {
        Compilation compilation = (await document.Project.GetCompilationAsync())!;
        ImmutableArray<Diagnostic> diagnostics = await AnalyzerVerifier<TArea>.GetAreaDiagnosticsAsync(compilation);
        return diagnostics
            .Where(d => fix.FixableDiagnosticIds.Contains(d.Id))
            .OrderBy(d => d.Location.SourceSpan.Start)
            .FirstOrDefault();
    }

    private static async Task<CodeAction?> FirstActionAsync(Document document, CodeFixProvider fix, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await fix.RegisterCodeFixesAsync(context);
        return actions.FirstOrDefault();
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}

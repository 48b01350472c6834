using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataParallel.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DataParallel.CodeFixes;

/// <summary>
/// Fixes DP0002 by adding <c>partial</c> to the type the diagnostic names. The diagnostic sits on that type's
/// identifier, so only the declaration at that location changes: other declarations of the same type (in other
/// files) are either already partial or get their own diagnostic.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix))]
[Shared]
public sealed class MakePartialCodeFix : KernelCodeFix
{
    // Constant across diagnostics so that Fix All groups every DP0002 fix together.
    internal const string EquivalenceKey = "DP0002.MakePartial";

    public MakePartialCodeFix() : base(DiagnosticDescriptors.TypeNotPartial) { }

    private protected override CodeAction? CreateAction(Document document, SyntaxNode root, SemanticModel? model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        TypeDeclarationSyntax? type = FindType(root, diagnostic);
        if (type is null || type.Modifiers.Any(SyntaxKind.PartialKeyword))
            return null;
        return CodeAction.Create($"Make '{type.Identifier.ValueText}' partial", ct => AddPartialAsync(document, type, ct), EquivalenceKey);
    }

    private static TypeDeclarationSyntax? FindType(SyntaxNode root, Diagnostic diagnostic)
    {
        // The diagnostic is reported on the identifier token, whose parent is the declaration itself; walking up
        // also tolerates a location that covers a modifier or the keyword.
        SyntaxToken token = root.FindToken(diagnostic.Location.SourceSpan.Start);
        return token.Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
    }

    private static async Task<Document> AddPartialAsync(Document document, TypeDeclarationSyntax type, CancellationToken cancellationToken)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
            return document;
        return document.WithSyntaxRoot(root.ReplaceNode(type, WithPartial(type)));
    }

    /// <summary>
    /// Appends <c>partial</c> as the last modifier: the compiler requires it immediately before <c>class</c>,
    /// <c>struct</c>, <c>interface</c> or <c>record</c>, and after <c>ref</c> in <c>ref partial struct</c>.
    /// </summary>
    internal static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax type)
    {
        if (type.Modifiers.Count == 0)
        {
            // The keyword carries the indentation (and any comment) that preceded it; the new first modifier takes
            // that trivia so the declaration keeps its layout.
            SyntaxToken keyword = type.Keyword;
            SyntaxToken first = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return type
                .WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                .WithModifiers(SyntaxFactory.TokenList(first));
        }

        SyntaxToken partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        return type.WithModifiers(type.Modifiers.Add(partial));
    }
}

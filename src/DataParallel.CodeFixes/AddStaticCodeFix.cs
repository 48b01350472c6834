using System.Collections.Generic;
using System.Collections.Immutable;
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
/// Fixes DP0001 by adding <c>static</c> to the kernel method named by the diagnostic (reported on the method's
/// identifier). For a partial method both the defining and the implementing declaration change, because the
/// compiler requires them to agree (CS0763).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddStaticCodeFix))]
[Shared]
public sealed class AddStaticCodeFix : KernelCodeFix
{
    // Constant across diagnostics so that Fix All groups every DP0001 fix together.
    internal const string EquivalenceKey = "DP0001.AddStatic";

    public AddStaticCodeFix() : base(DiagnosticDescriptors.KernelNotStatic) { }

    private protected override CodeAction? CreateAction(Document document, SyntaxNode root, SemanticModel? model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        SyntaxToken token = root.FindToken(diagnostic.Location.SourceSpan.Start);
        SyntaxNode? method = token.Parent?.AncestorsAndSelf()
            .FirstOrDefault(node => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax);
        if (method is null || Modifiers(method).Any(SyntaxKind.StaticKeyword))
            return null;

        string name = method is MethodDeclarationSyntax m ? m.Identifier.ValueText : ((LocalFunctionStatementSyntax)method).Identifier.ValueText;
        return CodeAction.Create($"Make '{name}' static", ct => AddStaticAsync(document, method, ct), EquivalenceKey);
    }

    private static async Task<Solution> AddStaticAsync(Document document, SyntaxNode method, CancellationToken cancellationToken)
    {
        Solution solution = document.Project.Solution;
        var targets = new List<(DocumentId Document, SyntaxNode Node)> { (document.Id, method) };

        if (method is MethodDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            SemanticModel? model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model?.GetDeclaredSymbol(declaration, cancellationToken) is IMethodSymbol symbol)
            {
                IMethodSymbol? otherPart = symbol.PartialImplementationPart ?? symbol.PartialDefinitionPart;
                foreach (SyntaxReference reference in otherPart?.DeclaringSyntaxReferences ?? ImmutableArray<SyntaxReference>.Empty)
                {
                    DocumentId? otherDocument = solution.GetDocumentId(reference.SyntaxTree);
                    if (otherDocument is not null)
                        targets.Add((otherDocument, await reference.GetSyntaxAsync(cancellationToken).ConfigureAwait(false)));
                }
            }
        }

        foreach (IGrouping<DocumentId, (DocumentId Document, SyntaxNode Node)> group in targets.GroupBy(t => t.Document))
        {
            Document target = solution.GetDocument(group.Key)!;
            SyntaxNode? root = await target.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
                continue;
            SyntaxNode[] nodes = group.Select(t => t.Node).Where(n => !Modifiers(n).Any(SyntaxKind.StaticKeyword)).ToArray();
            root = root.ReplaceNodes(nodes, (original, _) => WithStatic(original));
            solution = solution.WithDocumentSyntaxRoot(group.Key, root);
        }

        return solution;
    }

    private static SyntaxTokenList Modifiers(SyntaxNode method) => method switch
    {
        MethodDeclarationSyntax m => m.Modifiers,
        LocalFunctionStatementSyntax f => f.Modifiers,
        _ => default,
    };

    /// <summary>
    /// Inserts <c>static</c> right after the accessibility modifiers, the order the .NET style rules (IDE0036)
    /// expect: <c>public static unsafe void</c>, <c>private static partial void</c>.
    /// </summary>
    internal static SyntaxNode WithStatic(SyntaxNode method)
    {
        SyntaxTokenList modifiers = Modifiers(method);
        SyntaxTokenList updated;
        SyntaxNode node = method;

        if (modifiers.Count == 0)
        {
            // With no modifiers the return type (or the method's first token after its attributes) carries the
            // indentation; move that trivia onto the new modifier so the layout stays as it was.
            TypeSyntax returnType = method is MethodDeclarationSyntax m ? m.ReturnType : ((LocalFunctionStatementSyntax)method).ReturnType;
            SyntaxToken firstOfType = returnType.GetFirstToken();
            SyntaxToken added = SyntaxFactory.Token(firstOfType.LeadingTrivia, SyntaxKind.StaticKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            node = method.ReplaceToken(firstOfType, firstOfType.WithLeadingTrivia(SyntaxFactory.TriviaList()));
            updated = SyntaxFactory.TokenList(added);
        }
        else
        {
            int position = 0;
            while (position < modifiers.Count && IsAccessibility(modifiers[position].Kind()))
                position++;

            if (position == 0)
            {
                // Becoming the first modifier: take over the old first modifier's leading trivia.
                SyntaxToken first = modifiers[0];
                SyntaxToken added = SyntaxFactory.Token(first.LeadingTrivia, SyntaxKind.StaticKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
                updated = modifiers.Replace(first, first.WithLeadingTrivia(SyntaxFactory.TriviaList())).Insert(0, added);
            }
            else
            {
                SyntaxToken added = SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithTrailingTrivia(SyntaxFactory.Space);
                updated = modifiers.Insert(position, added);
            }
        }

        return node switch
        {
            MethodDeclarationSyntax m => m.WithModifiers(updated),
            LocalFunctionStatementSyntax f => f.WithModifiers(updated),
            _ => node,
        };
    }

    private static bool IsAccessibility(SyntaxKind kind) => kind is
        SyntaxKind.PublicKeyword or SyntaxKind.PrivateKeyword or SyntaxKind.ProtectedKeyword or
        SyntaxKind.InternalKeyword or SyntaxKind.FileKeyword;
}

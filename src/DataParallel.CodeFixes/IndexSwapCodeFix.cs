using System.Collections.Generic;
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
/// Fixes DP2002 (every access of a multi-dimensional kernel walks columns) by swapping the kernel's last two index
/// parameters, so that the index that moves through a row becomes the fastest one. The body does not change; calls
/// of the kernel and of its <c>Range</c> entry point swap their two positional arguments to keep their meaning
/// (named arguments already do; the domain-inferred entry point passes no indices).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(IndexSwapCodeFix))]
[Shared]
public sealed class IndexSwapCodeFix : KernelCodeFix
{
    // Every DP2002 offers its kernel's swap under one equivalence key, so Fix All swaps every kernel of its scope;
    // the diagnostics of one kernel give identical edits, which the batch fixer merges into one swap. (A key per
    // kernel limited Fix All to the kernel it was invoked on.)
    public IndexSwapCodeFix() : base(DiagnosticDescriptors.IndexOrderWalksColumns) { }

    private protected override bool NeedsSemanticModel => true;

    private protected override CodeAction? CreateAction(Document document, SyntaxNode root, SemanticModel? model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
            || model!.GetDeclaredSymbol(method, cancellationToken) is not { } kernel)
            return null;
        int dimensions = KernelCallSite.Dimensions(kernel);
        if (dimensions < 2 || method.ParameterList.Parameters.Count < dimensions)
            return null;
        string slower = kernel.Parameters[dimensions - 2].Name, faster = kernel.Parameters[dimensions - 1].Name;
        return CodeAction.Create(
            $"Swap indices '{slower}' and '{faster}' so that '{slower}' varies fastest",
            ct => SwapAsync(document, method, kernel, dimensions, ct),
            "DP2002.Swap");
    }

    private static async Task<Solution> SwapAsync(Document document, MethodDeclarationSyntax method, IMethodSymbol kernel, int dimensions, CancellationToken cancellationToken)
    {
        int first = dimensions - 2, second = dimensions - 1;
        var edits = new Dictionary<DocumentId, Dictionary<SyntaxNode, SyntaxNode>>
        {
            [document.Id] = new() { [method.ParameterList] = method.ParameterList.WithParameters(Swapped(method.ParameterList.Parameters, first, second)) },
        };

        foreach (KernelCallSite site in await KernelCallSite.FindAsync(document.Project.Solution, kernel, cancellationToken).ConfigureAwait(false))
        {
            var arguments = site.Invocation.ArgumentList.Arguments;
            if (site.IndicesDropped || arguments.Count <= second || arguments[first].NameColon is not null || arguments[second].NameColon is not null)
                continue;
            if (!edits.TryGetValue(site.Document.Id, out var map))
                edits[site.Document.Id] = map = new Dictionary<SyntaxNode, SyntaxNode>();
            map[site.Invocation.ArgumentList] = site.Invocation.ArgumentList.WithArguments(Swapped(arguments, first, second));
        }

        Solution solution = document.Project.Solution;
        foreach (var edit in edits)
        {
            Document target = solution.GetDocument(edit.Key)!;
            SyntaxNode root = (await target.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            var replacements = edit.Value;
            solution = target.WithSyntaxRoot(root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original])).Project.Solution;
        }
        return solution;
    }

    /// <summary>The list with items <paramref name="a"/> and <paramref name="b"/> exchanged, each taking the other's place and trivia.</summary>
    private static SeparatedSyntaxList<T> Swapped<T>(SeparatedSyntaxList<T> list, int a, int b) where T : SyntaxNode
    {
        var items = list.ToList();
        T atA = items[a], atB = items[b];
        items[a] = atB.WithTriviaFrom(atA);
        items[b] = atA.WithTriviaFrom(atB);
        return SyntaxFactory.SeparatedList(items, list.GetSeparators());
    }
}

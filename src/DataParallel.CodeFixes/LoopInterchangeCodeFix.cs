using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DataParallel.Analyzers;
using DataParallel.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DataParallel.CodeFixes;

/// <summary>
/// Fixes DP2006 (an inner loop strides through memory) by interchanging two perfectly nested <c>for</c> loops, when
/// the analyzer found that the outer loop's variable walks the access with unit stride. The headers trade places;
/// the body stays. Offered only where running the iterations in the other order gives the same results
/// (<see cref="LoopNestReordering"/>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LoopInterchangeCodeFix))]
[Shared]
public sealed class LoopInterchangeCodeFix : KernelCodeFix
{
    public LoopInterchangeCodeFix() : base(DiagnosticDescriptors.InnerLoopStride) { }

    /// <summary>
    /// Fix All interchanges each nest once. The batch fixer cannot: every access the analyzer reports in one nest
    /// asks for the same edit, and in a deeper nest two diagnostics can name overlapping pairs of loops, where one
    /// interchange changes what the other names. Overlapping nests after the first are left for the next round.
    /// </summary>
    public override FixAllProvider? GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    private protected override bool NeedsSemanticModel => true;

    private protected override CodeAction? CreateAction(Document document, SyntaxNode root, SemanticModel? model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (FindNest(root, model!, diagnostic, cancellationToken) is not var (outer, inner, outerName, innerName))
            return null;
        return CodeAction.Create(
            $"Interchange loops '{outerName}' and '{innerName}'",
            _ => Task.FromResult(document.WithSyntaxRoot(root.ReplaceNode(outer, Interchanged(outer, inner)))),
            $"DP2006.Interchange.{outerName}.{innerName}");
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        SyntaxNode? root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return document;

        var nests = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (Diagnostic diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (FindNest(root, model, diagnostic, context.CancellationToken) is var (outer, inner, _, _)
                && !nests.Keys.Any(chosen => chosen.Span.IntersectsWith(outer.Span)))
                nests.Add(outer, Interchanged(outer, inner));
        }
        return nests.Count == 0 ? document : document.WithSyntaxRoot(root.ReplaceNodes(nests.Keys, (original, _) => nests[original]));
    }

    /// <summary>
    /// The two loops <paramref name="diagnostic"/> asks to interchange, or null where the code no longer has that
    /// shape or the interchange could change a result.
    /// </summary>
    private static (ForStatementSyntax Outer, ForStatementSyntax Inner, string OuterName, string InnerName)? FindNest(
        SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.InnerLoopProperty, out string? innerName) || innerName is null
            || !diagnostic.Properties.TryGetValue(DiagnosticProperties.InterchangePartnerProperty, out string? outerName) || outerName is null)
            return null;
        SyntaxNode? access = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        ForStatementSyntax? inner = access?.AncestorsAndSelf().OfType<ForStatementSyntax>().FirstOrDefault(f => LoopNestReordering.VariableOf(f) == innerName);
        if (inner is null || LoopNestReordering.EnclosingLoop(inner) is not { } outer || LoopNestReordering.VariableOf(outer) != outerName)
            return null;
        if (!LoopNestReordering.CanInterchange(outer, inner, model, cancellationToken))
            return null;
        return (outer, inner, outerName, innerName);
    }

    /// <summary>The nest with the two loops' headers exchanged: the inner header goes out, the outer one in.</summary>
    private static ForStatementSyntax Interchanged(ForStatementSyntax outer, ForStatementSyntax inner)
    {
        ForStatementSyntax newInner = WithHeaderOf(inner, outer);
        ForStatementSyntax body = outer.ReplaceNode(inner, newInner);
        return WithHeaderOf(body, inner);
    }

    private static ForStatementSyntax WithHeaderOf(ForStatementSyntax loop, ForStatementSyntax header)
        => loop.WithDeclaration(header.Declaration).WithInitializers(header.Initializers).WithCondition(header.Condition).WithIncrementors(header.Incrementors);
}

using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DataParallel.CodeFixes;

/// <summary>
/// The registration every DataParallel code fix shares: one diagnostic ID, the batch Fix All, and one code action
/// per diagnostic that the fix can handle. A derived fix only finds its target and builds its action.
/// </summary>
public abstract class KernelCodeFix : CodeFixProvider
{
    private protected KernelCodeFix(DiagnosticDescriptor fixes) =>
        FixableDiagnosticIds = ImmutableArray.Create(fixes.Id);

    /// <inheritdoc/>
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <summary>
    /// Whether <see cref="CreateAction"/> needs the document's semantic model. Binding a document is the costly
    /// part of offering a fix in the IDE, so fixes that work on syntax alone skip it.
    /// </summary>
    private protected virtual bool NeedsSemanticModel => false;

    /// <inheritdoc/>
    // Every diagnostic of one kind offers an edit with a stable equivalence key; the batch fixer merges them.
    public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = NeedsSemanticModel
            ? await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false)
            : null;
        if (root is null || (NeedsSemanticModel && model is null))
            return;

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (CreateAction(context.Document, root, model, diagnostic, context.CancellationToken) is { } action)
                context.RegisterCodeFix(action, diagnostic);
        }
    }

    /// <summary>
    /// The fix for one diagnostic, or null where the code at its location is not a shape this fix can rewrite.
    /// <paramref name="model"/> is non-null exactly when <see cref="NeedsSemanticModel"/> is true.
    /// </summary>
    private protected abstract CodeAction? CreateAction(Document document, SyntaxNode root, SemanticModel? model, Diagnostic diagnostic, CancellationToken cancellationToken);
}

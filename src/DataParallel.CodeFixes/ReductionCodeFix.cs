using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using DataParallel.Analyzers;
using DataParallel.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DataParallel.CodeFixes;

/// <summary>
/// Fixes DP1005 (every index accumulates into one shared location) by turning the kernel into a <c>Reduce</c>
/// kernel that returns each index's contribution, and its callers into updates of the location with the combined
/// value (<see cref="ReductionRewrite"/>). Offered when the analyzer named a matching <c>Reduction</c> and the
/// kernel has the simple shape the rewrite handles.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReductionCodeFix))]
[Shared]
public sealed class ReductionCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.SharedAccumulation.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
            return;

        foreach (Diagnostic diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(RaceAnalyzer.ReductionProperty, out string? reduction) || reduction is null)
                continue;
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax target)
                continue;
            if (ReductionRewrite.TryCreate(target, reduction, model, context.CancellationToken) is not { } rewrite)
                continue;
            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Make '{rewrite.KernelName}' a Reduce = Reduction.{reduction} kernel",
                    cancellationToken => rewrite.ApplyAsync(context.Document, cancellationToken),
                    $"DP1005.Reduce.{rewrite.KernelName}"),
                diagnostic);
        }
    }
}

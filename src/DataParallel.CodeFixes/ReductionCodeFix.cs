using System.Composition;
using System.Threading;
using DataParallel.Analyzers;
using DataParallel.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace DataParallel.CodeFixes;

/// <summary>
/// Fixes DP1005 (every index accumulates into one shared location) by turning the kernel into a <c>Reduce</c>
/// kernel that returns each index's contribution, and its callers into updates of the location with the combined
/// value (<see cref="ReductionRewrite"/>). Offered when the analyzer named a matching <c>Reduction</c> and the
/// kernel has the simple shape the rewrite handles.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ReductionCodeFix))]
[Shared]
public sealed class ReductionCodeFix : KernelCodeFix
{
    public ReductionCodeFix() : base(DiagnosticDescriptors.SharedAccumulation) { }

    private protected override bool NeedsSemanticModel => true;

    private protected override CodeAction? CreateAction(Document document, SyntaxNode root, SemanticModel? model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.ReductionProperty, out string? reduction) || reduction is null)
            return null;
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax target)
            return null;
        if (ReductionRewrite.TryCreate(target, reduction, model!, cancellationToken) is not { } rewrite)
            return null;
        return CodeAction.Create(
            $"Make '{rewrite.KernelName}' a Reduce = Reduction.{reduction} kernel",
            ct => rewrite.ApplyAsync(document, ct),
            // One key for every kernel: Fix All applies only the actions that share the invoked one's key.
            "DP1005.Reduce");
    }
}

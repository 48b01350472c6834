using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DataParallel.CodeFixes;

/// <summary>
/// Decides whether two perfectly nested <c>for</c> loops may run their iterations in the other order without
/// changing any result. Conservative by design: the body may declare and assign its own locals, read anything it
/// does not write, and update integer accumulators (a local or element of an integral type, by <c>+=</c>, <c>-=</c>, <c>*=</c>, <c>&amp;=</c>,
/// <c>|=</c>, <c>^=</c>, <c>++</c> or <c>--</c>, not otherwise read in the nest): integer wrap-around arithmetic does
/// not care about order. Anything else — a floating-point accumulation (reordering a float sum changes its bits),
/// a plain store to an element or a shared local (the last write would change), a read of what the body
/// accumulates, an early exit — refuses.
/// </summary>
internal static class LoopNestReordering
{
    /// <summary>The variable a <c>for</c> loop declares, when it declares exactly one.</summary>
    public static string? VariableOf(ForStatementSyntax loop)
        => loop.Declaration is { Variables.Count: 1 } declaration ? declaration.Variables[0].Identifier.ValueText : null;

    /// <summary>The <c>for</c> loop whose body is exactly <paramref name="inner"/> (directly or as a block's only statement).</summary>
    public static ForStatementSyntax? EnclosingLoop(ForStatementSyntax inner) => inner.Parent switch
    {
        ForStatementSyntax outer when outer.Statement == inner => outer,
        BlockSyntax { Statements.Count: 1, Parent: ForStatementSyntax outer } => outer,
        _ => null,
    };

    public static bool CanInterchange(ForStatementSyntax outer, ForStatementSyntax inner, SemanticModel model, CancellationToken cancellationToken)
    {
        if (VariableOf(outer) is not { } outerVariable || VariableOf(inner) is null
            || !IsCountedHeader(outer) || !IsCountedHeader(inner))
            return false;
        // The inner loop's range may not depend on the outer variable (a triangle would change shape).
        if (Header(inner).Any(n => Mentions(n, outerVariable)))
            return false;

        StatementSyntax body = inner.Statement;
        if (body.DescendantNodesAndSelf().Any(n => n is BreakStatementSyntax or ContinueStatementSyntax or ReturnStatementSyntax or GotoStatementSyntax or YieldStatementSyntax))
            return false;

        var declaredInside = new HashSet<ISymbol>(body.DescendantNodesAndSelf().OfType<VariableDeclaratorSyntax>()
            .Select(d => model.GetDeclaredSymbol(d, cancellationToken)).Where(s => s is not null)!, SymbolEqualityComparer.Default);
        var headerNames = new HashSet<string>(Header(outer).Concat(Header(inner)).SelectMany(n => n.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()).Select(i => i.Identifier.ValueText));

        var accumulators = new List<(ISymbol Symbol, SyntaxNode Update)>();
        foreach (SyntaxNode node in body.DescendantNodesAndSelf())
        {
            if (Target(node) is not { } target)
                continue;
            SyntaxKind kind = node.Kind();
            switch (target)
            {
                case IdentifierNameSyntax name:
                    ISymbol? symbol = model.GetSymbolInfo(name, cancellationToken).Symbol;
                    if (symbol is null || headerNames.Contains(name.Identifier.ValueText))
                        return false;
                    if (declaredInside.Contains(symbol))
                        continue;
                    if (symbol is not ILocalSymbol local || !IsIntegral(local.Type) || !IsOrderFreeUpdate(kind))
                        return false;
                    accumulators.Add((symbol, node));
                    break;
                case ElementAccessExpressionSyntax element:
                    if (element.Expression is not IdentifierNameSyntax span || model.GetSymbolInfo(span, cancellationToken).Symbol is not { } spanSymbol
                        || model.GetTypeInfo(element, cancellationToken).Type is not { } elementType
                        || headerNames.Contains(span.Identifier.ValueText))
                        return false;
                    // A plain store leaves whichever write came last; proving that no two iterations write one
                    // element is the race analysis' job, not a syntax check's, so stores refuse.
                    if (!IsIntegral(elementType) || !IsOrderFreeUpdate(kind))
                        return false;
                    accumulators.Add((spanSymbol, node));
                    break;
                default:
                    return false;
            }
        }

        // What the body writes, it may not read anywhere else in the nest: a read would observe the order.
        foreach (var group in accumulators.GroupBy(a => a.Symbol, SymbolEqualityComparer.Default))
        {
            var updates = group.Select(a => a.Update).ToList();
            bool readElsewhere = body.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                .Where(i => i.Identifier.ValueText == group.Key!.Name && !updates.Any(u => IsUpdatedPart(u, i)))
                .Any(i => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(i, cancellationToken).Symbol, group.Key));
            if (readElsewhere)
                return false;
        }
        return true;
    }

    /// <summary><c>for (int v = …; condition; v++)</c> (or <c>v--</c>, <c>v += c</c>…): one declared variable, no extra initializers, one incrementor.</summary>
    private static bool IsCountedHeader(ForStatementSyntax loop)
        => loop.Initializers.Count == 0 && loop.Condition is not null && loop.Incrementors.Count == 1 && loop.Declaration!.Variables[0].Initializer is not null;

    private static IEnumerable<SyntaxNode> Header(ForStatementSyntax loop)
        => new SyntaxNode?[] { loop.Declaration, loop.Condition }.Concat(loop.Incrementors).Where(n => n is not null)!;

    private static bool Mentions(SyntaxNode node, string variable)
        => node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == variable);

    /// <summary>What an assignment, <c>++</c> or <c>--</c> writes; null for other nodes.</summary>
    private static ExpressionSyntax? Target(SyntaxNode node) => node switch
    {
        AssignmentExpressionSyntax assignment => Unparenthesized(assignment.Left),
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix => Unparenthesized(prefix.Operand),
        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } postfix => Unparenthesized(postfix.Operand),
        ArgumentSyntax { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword or (int)SyntaxKind.OutKeyword } argument => argument.Expression,
        _ => null,
    };

    private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression)
        => expression is ParenthesizedExpressionSyntax parenthesized ? Unparenthesized(parenthesized.Expression) : expression;

    /// <summary>Whether <paramref name="identifier"/> is the written name (the span or local) of <paramref name="update"/>'s target, not part of a subscript or the value.</summary>
    private static bool IsUpdatedPart(SyntaxNode update, IdentifierNameSyntax identifier)
    {
        ExpressionSyntax? target = Target(update);
        return target == identifier || (target is ElementAccessExpressionSyntax element && element.Expression == identifier);
    }

    private static bool IsOrderFreeUpdate(SyntaxKind kind) => kind is SyntaxKind.AddAssignmentExpression or SyntaxKind.SubtractAssignmentExpression
        or SyntaxKind.MultiplyAssignmentExpression or SyntaxKind.AndAssignmentExpression or SyntaxKind.OrAssignmentExpression
        or SyntaxKind.ExclusiveOrAssignmentExpression or SyntaxKind.PreIncrementExpression or SyntaxKind.PreDecrementExpression
        or SyntaxKind.PostIncrementExpression or SyntaxKind.PostDecrementExpression;

    private static bool IsIntegral(ITypeSymbol type) => type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64
        or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Int16 or SpecialType.System_UInt16
        or SpecialType.System_Byte or SpecialType.System_SByte;
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace DataParallel.CodeFixes;

/// <summary>
/// Turns a kernel whose body accumulates into one shared location (<c>Total += x[i]</c>, <c>count++</c>,
/// <c>acc += …</c> through a <c>ref</c> parameter, <c>y[0] += …</c>, <c>best = Math.Max(best, …)</c>) into a
/// <c>[Parallel(Reduce = …)]</c> kernel that returns each index's contribution, and every call of it (or of its
/// entry points) into an update of the location with the combined value: the same result, without the race.
/// Only the shape "local declarations, then one accumulation, possibly under one <c>if</c>" is rewritten; the
/// location must not be used anywhere else in the kernel.
/// </summary>
internal sealed class ReductionRewrite
{
    private enum TargetKind
    {
        StaticField,
        RefParameter,
        Element,
    }

    private readonly MethodDeclarationSyntax _method;
    private readonly IMethodSymbol _kernel;
    private readonly string _reduction;
    private readonly TargetKind _kind;
    private readonly ISymbol _symbol;
    private readonly ITypeSymbol _type;
    private readonly ExpressionSyntax _target;
    private readonly ExpressionSyntax _contribution;
    private readonly ExpressionSyntax? _guard;
    private readonly SemanticModel _model;

    private ReductionRewrite(MethodDeclarationSyntax method, IMethodSymbol kernel, string reduction, TargetKind kind, ISymbol symbol, ITypeSymbol type,
        ExpressionSyntax target, ExpressionSyntax contribution, ExpressionSyntax? guard, SemanticModel model)
    {
        _method = method;
        _kernel = kernel;
        _reduction = reduction;
        _kind = kind;
        _symbol = symbol;
        _type = type;
        _target = target;
        _contribution = contribution;
        _guard = guard;
        _model = model;
    }

    public string KernelName => _kernel.Name;

    public string Reduction => _reduction;

    /// <summary>The rewrite for the accumulation into <paramref name="target"/>, or null when the kernel does not have a shape it handles.</summary>
    public static ReductionRewrite? TryCreate(ExpressionSyntax target, string reduction, SemanticModel model, CancellationToken cancellationToken)
    {
        if (target.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
            || model.GetDeclaredSymbol(method, cancellationToken) is not { ReturnsVoid: true } kernel
            || method.ReturnType is not PredefinedTypeSyntax)
            return null;

        // Local declarations, then the update, possibly under one `if` (no else); or an expression body that is the update.
        IReadOnlyList<StatementSyntax> prefix = [];
        ExpressionSyntax? guard = null;
        ExpressionSyntax update;
        if (method.ExpressionBody is { Expression: { } expression })
        {
            update = expression;
        }
        else
        {
            var statements = method.Body?.Statements ?? default;
            if (statements.Count == 0 || statements.Take(statements.Count - 1).Any(s => s is not LocalDeclarationStatementSyntax))
                return null;
            prefix = statements.Take(statements.Count - 1).ToList();
            StatementSyntax last = statements[statements.Count - 1];
            if (last is IfStatementSyntax { Else: null } branch)
            {
                guard = branch.Condition;
                last = branch.Statement is BlockSyntax { Statements.Count: 1 } block ? block.Statements[0] : branch.Statement;
            }
            if (last is not ExpressionStatementSyntax { Expression: var statementUpdate })
                return null;
            update = statementUpdate;
        }
        if (!update.Span.Contains(target.Span))
            return null;

        (TargetKind Kind, ISymbol Symbol)? resolved = Resolve(target, model, cancellationToken);
        if (resolved is not { } found || model.GetTypeInfo(target, cancellationToken).Type is not { } type)
            return null;
        if (Contribution(update, target) is not { } parts)
            return null;

        // The location must be touched by the update only: anywhere else, its old per-index meaning would be lost.
        var elsewhere = prefix.Cast<SyntaxNode>();
        if (parts.Expression is { } added)
            elsewhere = elsewhere.Append(added);
        if (guard is not null)
            elsewhere = elsewhere.Append(guard);
        if (elsewhere.SelectMany(n => n.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            .Any(id => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(id, cancellationToken).Symbol, found.Symbol)))
            return null;

        ExpressionSyntax contribution = Build(parts, type, model, update.SpanStart, cancellationToken);
        return new ReductionRewrite(method, kernel, reduction, found.Kind, found.Symbol, type, target, contribution, guard, model);
    }

    private static (TargetKind, ISymbol)? Resolve(ExpressionSyntax target, SemanticModel model, CancellationToken cancellationToken)
    {
        switch (target)
        {
            case ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax span } element
                when model.GetSymbolInfo(span, cancellationToken).Symbol is IParameterSymbol spanParameter && element.ArgumentList.Arguments.Count == 1:
                return (TargetKind.Element, spanParameter);
            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
                return model.GetSymbolInfo(target, cancellationToken).Symbol switch
                {
                    IFieldSymbol { IsStatic: true } field => (TargetKind.StaticField, field),
                    IParameterSymbol { RefKind: RefKind.Ref } parameter => (TargetKind.RefParameter, parameter),
                    _ => null,
                };
            default:
                return null;
        }
    }

    /// <summary>
    /// What one index adds to the location, as a sub-expression of the update (still in the semantic model's tree)
    /// and whether it is subtracted: <c>e</c> for <c>T += e</c>, <c>-e</c> for <c>T -= e</c>; for <c>T++</c> and
    /// <c>T--</c> the expression is null and the step ±1.
    /// </summary>
    private static (ExpressionSyntax? Expression, bool Negate, int Step)? Contribution(ExpressionSyntax update, ExpressionSyntax target)
    {
        bool IsTarget(ExpressionSyntax e) => SyntaxFactory.AreEquivalent(Unparenthesized(e), target);
        switch (update)
        {
            case AssignmentExpressionSyntax assignment when IsTarget(assignment.Left):
                switch (assignment.Kind())
                {
                    case SyntaxKind.AddAssignmentExpression or SyntaxKind.MultiplyAssignmentExpression or SyntaxKind.AndAssignmentExpression
                        or SyntaxKind.OrAssignmentExpression or SyntaxKind.ExclusiveOrAssignmentExpression:
                        return (assignment.Right, false, 0);
                    case SyntaxKind.SubtractAssignmentExpression:
                        return (assignment.Right, true, 0);
                    case SyntaxKind.SimpleAssignmentExpression:
                        ExpressionSyntax value = Unparenthesized(assignment.Right);
                        if (value is BinaryExpressionSyntax binary)
                        {
                            if (IsTarget(binary.Left))
                                return (binary.Right, binary.IsKind(SyntaxKind.SubtractExpression), 0);
                            if (IsTarget(binary.Right) && !binary.IsKind(SyntaxKind.SubtractExpression))
                                return (binary.Left, false, 0);
                        }
                        if (value is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 2 } call)
                        {
                            var arguments = call.ArgumentList.Arguments;
                            if (IsTarget(arguments[0].Expression))
                                return (arguments[1].Expression, false, 0);
                            if (IsTarget(arguments[1].Expression))
                                return (arguments[0].Expression, false, 0);
                        }
                        return null;
                }
                return null;
            case PostfixUnaryExpressionSyntax postfix when IsTarget(postfix.Operand):
                return (null, false, postfix.IsKind(SyntaxKind.PostIncrementExpression) ? 1 : -1);
            case PrefixUnaryExpressionSyntax prefix when IsTarget(prefix.Operand) && prefix.Kind() is SyntaxKind.PreIncrementExpression or SyntaxKind.PreDecrementExpression:
                return (null, false, prefix.IsKind(SyntaxKind.PreIncrementExpression) ? 1 : -1);
            default:
                return null;
        }
    }

    /// <summary>The contribution as a new expression: negated, and cast to the location's type where it does not convert implicitly.</summary>
    private static ExpressionSyntax Build((ExpressionSyntax? Expression, bool Negate, int Step) contribution, ITypeSymbol type, SemanticModel model, int position, CancellationToken cancellationToken)
    {
        if (contribution.Expression is not { } original)
        {
            LiteralExpressionSyntax one = LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(1));
            return contribution.Step > 0 ? one : PrefixUnaryExpression(SyntaxKind.UnaryMinusExpression, one);
        }
        ExpressionSyntax value = original.WithoutTrivia();
        if (contribution.Negate)
            value = PrefixUnaryExpression(SyntaxKind.UnaryMinusExpression, ParenthesizedExpression(value).WithAdditionalAnnotations(Simplifier.Annotation));
        // `b += x` on a byte narrows implicitly; `return x` would not compile without the cast.
        if (model.GetTypeInfo(original, cancellationToken).Type is { } source && !model.Compilation.ClassifyConversion(source, type).IsImplicit)
            value = CastExpression(TypeName(type, model, position), ParenthesizedExpression(value).WithAdditionalAnnotations(Simplifier.Annotation));
        return value;
    }

    private static ExpressionSyntax Unparenthesized(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
            expression = parenthesized.Expression;
        return expression;
    }

    private static TypeSyntax TypeName(ITypeSymbol type, SemanticModel model, int position) => ParseTypeName(type.ToMinimalDisplayString(model, position));

    // ---- applying -------------------------------------------------------------------------------------------------

    public async Task<Solution> ApplyAsync(Document document, CancellationToken cancellationToken)
    {
        Solution solution = document.Project.Solution;
        var sites = await KernelCallSite.FindAsync(solution, _kernel, cancellationToken).ConfigureAwait(false);
        var edits = new Dictionary<DocumentId, Dictionary<SyntaxNode, SyntaxNode>>();
        Dictionary<SyntaxNode, SyntaxNode> For(DocumentId id) => edits.TryGetValue(id, out var map) ? map : edits[id] = new Dictionary<SyntaxNode, SyntaxNode>();

        For(document.Id)[_method] = RewriteKernel();
        foreach (KernelCallSite site in sites)
        {
            if (site.Invocation.Parent is ExpressionStatementSyntax statement && !_method.Span.Contains(statement.Span) && RewriteCall(site, statement) is { } updated)
                For(site.Document.Id)[statement] = updated;
        }

        foreach (var edit in edits)
        {
            Document target = solution.GetDocument(edit.Key)!;
            SyntaxNode root = (await target.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
            var replacements = edit.Value;
            root = root.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
            Document changed = target.WithSyntaxRoot(root);
            changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            solution = changed.Project.Solution;
        }
        return solution;
    }

    private MethodDeclarationSyntax RewriteKernel()
    {
        MethodDeclarationSyntax method = _method;
        ExpressionSyntax value = _guard is null
            ? _contribution
            : ConditionalExpression(_guard.WithoutTrivia(), Token(SyntaxKind.QuestionToken).WithLeadingTrivia(Space).WithTrailingTrivia(Space),
                _contribution, Token(SyntaxKind.ColonToken).WithLeadingTrivia(Space).WithTrailingTrivia(Space), Identity());

        if (method.ExpressionBody is { } arrow)
        {
            method = method.WithExpressionBody(arrow.WithExpression(value.WithTriviaFrom(arrow.Expression)));
        }
        else
        {
            BlockSyntax body = method.Body!;
            StatementSyntax last = body.Statements.Last();
            ReturnStatementSyntax ret = ReturnStatement(Token(SyntaxKind.ReturnKeyword).WithTrailingTrivia(Space), value, Token(SyntaxKind.SemicolonToken))
                .WithLeadingTrivia(last.GetLeadingTrivia()).WithTrailingTrivia(last.GetTrailingTrivia());
            method = method.WithBody(body.ReplaceNode(last, ret));
        }

        method = method.WithReturnType(TypeName(_type, _model, _method.SpanStart).WithTriviaFrom(_method.ReturnType));
        if (_kind == TargetKind.RefParameter)
        {
            ParameterSyntax parameter = method.ParameterList.Parameters.First(p => p.Identifier.ValueText == _symbol.Name);
            method = method.WithParameterList(method.ParameterList.WithParameters(method.ParameterList.Parameters.Remove(parameter)));
        }
        return WithReduce(method);
    }

    private MethodDeclarationSyntax WithReduce(MethodDeclarationSyntax method)
    {
        // The rewritten method is not in the semantic model's tree: find [Parallel] in the original, by position.
        var originals = _method.AttributeLists.SelectMany(l => l.Attributes).ToList();
        int index = originals.FindIndex(a => _model.GetSymbolInfo(a).Symbol?.ContainingType?.ToDisplayString() == "DataParallel.ParallelAttribute");
        AttributeSyntax? attribute = index < 0 ? null : method.AttributeLists.SelectMany(l => l.Attributes).ElementAtOrDefault(index);
        if (attribute is null)
            return method;
        AttributeArgumentSyntax reduce = AttributeArgument(
            NameEquals(IdentifierName("Reduce"), Token(SyntaxKind.EqualsToken).WithLeadingTrivia(Space).WithTrailingTrivia(Space)),
            null,
            ParseExpression("global::DataParallel.Reduction." + _reduction).WithAdditionalAnnotations(Simplifier.Annotation));
        AttributeArgumentListSyntax arguments = attribute.ArgumentList ?? AttributeArgumentList();
        var kept = arguments.Arguments.Where(a => a.NameEquals?.Name.Identifier.ValueText != "Reduce").ToList();
        var list = SeparatedList(kept.Append(reduce), Enumerable.Repeat(Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space), kept.Count));
        return method.ReplaceNode(attribute, attribute.WithArgumentList(arguments.WithArguments(list)));
    }

    /// <summary>The value that leaves the combination unchanged, for indices the guard skips.</summary>
    private ExpressionSyntax Identity()
    {
        string keyword = _type.ToMinimalDisplayString(_model, _method.SpanStart);
        bool floating = _type.SpecialType is SpecialType.System_Single or SpecialType.System_Double;
        bool unsigned = _type.SpecialType is SpecialType.System_Byte or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64;
        string text = _reduction switch
        {
            "Product" => "1",
            "Min" => floating ? $"{keyword}.PositiveInfinity" : $"{keyword}.MaxValue",
            "Max" => floating ? $"{keyword}.NegativeInfinity" : $"{keyword}.MinValue",
            "And" => unsigned ? $"{keyword}.MaxValue" : "-1",
            _ => "0",
        };
        return ParseExpression(text);
    }

    /// <summary><c>K(…);</c> becomes <c>T += K(…);</c> (or <c>*=</c>, <c>Math.Max</c>…), with <c>T</c> as the caller sees it.</summary>
    private StatementSyntax? RewriteCall(KernelCallSite site, ExpressionStatementSyntax statement)
    {
        InvocationExpressionSyntax call = site.Invocation;
        ExpressionSyntax target;
        switch (_kind)
        {
            case TargetKind.StaticField:
                target = ParseExpression("global::" + _symbol.ContainingType.ToDisplayString() + "." + _symbol.Name).WithAdditionalAnnotations(Simplifier.Annotation);
                break;
            case TargetKind.RefParameter:
                if (site.ArgumentFor(_kernel, ((IParameterSymbol)_symbol).Ordinal) is not { } argument)
                    return null;
                target = argument.Expression.WithoutTrivia();
                call = call.WithArgumentList(call.ArgumentList.WithArguments(call.ArgumentList.Arguments.Remove(argument)));
                break;
            default:
                if (ElementAtCallSite(site) is not { } element)
                    return null;
                target = element;
                break;
        }

        ExpressionSyntax update = _reduction switch
        {
            "Max" or "Min" => AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, target.WithTrailingTrivia(Space), Token(SyntaxKind.EqualsToken).WithTrailingTrivia(Space),
                InvocationExpression(ParseExpression("global::System.Math." + _reduction).WithAdditionalAnnotations(Simplifier.Annotation),
                    ArgumentList(SeparatedList([Argument(target), Argument(call.WithoutTrivia())], [Token(SyntaxKind.CommaToken).WithTrailingTrivia(Space)])))),
            _ => AssignmentExpression(CompoundKind(), target.WithTrailingTrivia(Space), Token(CompoundToken()).WithTrailingTrivia(Space), call.WithoutTrivia()),
        };
        return statement.WithExpression(update.WithTriviaFrom(statement.Expression));
    }

    /// <summary>The accumulated element as the caller names it: the span argument, indexed by the subscript with parameters replaced by arguments.</summary>
    private ExpressionSyntax? ElementAtCallSite(KernelCallSite site)
    {
        var element = (ElementAccessExpressionSyntax)_target;
        if (site.ArgumentFor(_kernel, ((IParameterSymbol)_symbol).Ordinal) is not { } span)
            return null;
        var replacements = new Dictionary<SyntaxNode, SyntaxNode>();
        foreach (IdentifierNameSyntax identifier in element.ArgumentList.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (_model.GetSymbolInfo(identifier).Symbol is not IParameterSymbol parameter)
                continue;
            if (!SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _kernel) || site.ArgumentFor(_kernel, parameter.Ordinal) is not { } argument)
                return null;   // an index, or an argument the call does not pass
            replacements[identifier] = ParenthesizedExpression(argument.Expression.WithoutTrivia()).WithAdditionalAnnotations(Simplifier.Annotation);
        }
        BracketedArgumentListSyntax subscript = element.ArgumentList.ReplaceNodes(replacements.Keys, (original, _) => replacements[original]);
        return ElementAccessExpression(ParenthesizedExpression(span.Expression.WithoutTrivia()).WithAdditionalAnnotations(Simplifier.Annotation), subscript);
    }

    private SyntaxKind CompoundKind() => _reduction switch
    {
        "Product" => SyntaxKind.MultiplyAssignmentExpression,
        "And" => SyntaxKind.AndAssignmentExpression,
        "Or" => SyntaxKind.OrAssignmentExpression,
        "Xor" => SyntaxKind.ExclusiveOrAssignmentExpression,
        _ => SyntaxKind.AddAssignmentExpression,
    };

    private SyntaxKind CompoundToken() => _reduction switch
    {
        "Product" => SyntaxKind.AsteriskEqualsToken,
        "And" => SyntaxKind.AmpersandEqualsToken,
        "Or" => SyntaxKind.BarEqualsToken,
        "Xor" => SyntaxKind.CaretEqualsToken,
        _ => SyntaxKind.PlusEqualsToken,
    };
}

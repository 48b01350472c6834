using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DataParallel.Compiler.Syntax;

/// <summary>
/// Inlining: helper calls: a static helper or local function whose body is an expression is inlined as that expression; one with control flow runs as statements ahead of the statement that calls it.
/// </summary>
internal sealed partial class KernelBodyReader
{
    /// <summary>
    /// Inlines a call of a static helper of this compilation whose body is an expression, or locals followed by one
    /// return: its parameters become the arguments' IR and its locals their definitions. Other helpers stay calls
    /// (the kernel then runs as written). A helper's excluded constructs are reported on the helper's code.
    /// </summary>
    private KernelExpression? Inline(IInvocationOperation invocation, IMethodSymbol method)
    {
        if (method.ReturnsVoid || HelperBody(invocation, method) is not { } block)
            return null;
        if (!IsExpressionShaped(block))
        {
            // Control flow: the body runs as statements just before the statement holding the call.
            if (_pending is null)
            {
                NotLowered(invocation, $"the call of {method.Name} here: a helper with control flow runs as statements, which cannot be placed here");
                return null;
            }
            if (InlineStatements(invocation, method) is not { } inlined)
                return null;
            if (inlined.Statements.SelectMany(KernelWalker.Statements).Any(s => s is StoreStatement or SharedWriteStatement))
                NotLowered(invocation, $"the call of {method.Name}, which writes memory, inside an expression");
            _pending!.AddRange(inlined.Statements);
            return inlined.Result;
        }
        var frame = new InlineFrame(method, _frame);
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter is not { } parameter)
                return null;
            if (IsSpanType(parameter.Type) && ReadView(argument.Value, null, "") is { } span)
                frame.Spans[parameter] = span;
            else if (ScalarKindFacts.FromType(parameter.Type) is not null)
                frame.Scalars[parameter] = ReadExpression(argument.Value);
            else
                return null;
        }
        InlineFrame? caller = _frame;
        _frame = frame;
        try
        {
            for (int s = 0; s < block.Operations.Length; s++)
            {
                switch (block.Operations[s])
                {
                    case IVariableDeclarationGroupOperation group:
                        foreach (IVariableDeclaratorOperation declarator in group.Declarations.SelectMany(d => d.Declarators))
                        {
                            if ((declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer) is not { } initializer || declarator.Symbol.IsRef)
                                return null;
                            frame.Locals[declarator.Symbol] = ReadExpression(initializer.Value);
                        }
                        break;
                    case IReturnOperation { ReturnedValue: { } value } when s == block.Operations.Length - 1:
                        return ReadExpression(value);
                    default:
                        return null;
                }
            }
            return null;
        }
        finally
        {
            _frame = caller;
        }
    }

    /// <summary>The body of a static helper or local function the reader can inline (non-generic, by-value), or null.</summary>
    private IBlockOperation? HelperBody(IInvocationOperation invocation, IMethodSymbol method)
    {
        if (method.IsGenericMethod || method.ReturnsByRef || method.ReturnsByRefReadonly
            || method.Parameters.Any(p => p.RefKind is RefKind.Out or RefKind.Ref)
            || method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is not { } declaration
            || declaration is not (Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax)
            || invocation.SemanticModel is not { } callerModel)
            return null;
#pragma warning disable RS1030 // The helper's body lives in another syntax tree; its semantic model is the only way to read it.
        SemanticModel model = callerModel.Compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
        switch (model.GetOperation(declaration, _cancellationToken))
        {
            case IMethodBodyOperation body:
                return body.BlockBody ?? body.ExpressionBody;
            case ILocalFunctionOperation { Body: { } localBody } localFunction:
                if (CapturedBy(localFunction) is { } captured)
                {
                    NotLowered(invocation, $"the local function {method.Name}, which captures '{captured}' (declare it static and pass the value as an argument)");
                    return null;
                }
                return localBody;
            default:
                return null;
        }
    }

    /// <summary>
    /// The first variable of an enclosing method a local function uses, or null. Inlined bodies see only their
    /// arguments, so a captured variable has nothing to stand for it.
    /// </summary>
    private static string? CapturedBy(ILocalFunctionOperation localFunction)
    {
        foreach (IOperation operation in localFunction.Body!.Descendants())
        {
            ISymbol? variable = operation switch
            {
                ILocalReferenceOperation local => local.Local,
                IParameterReferenceOperation parameter => parameter.Parameter,
                _ => null,
            };
            if (variable is not null && !IsDeclaredWithin(variable.ContainingSymbol, localFunction.Symbol))
                return variable.Name;
        }
        return null;
    }

    private static bool IsDeclaredWithin(ISymbol? owner, IMethodSymbol localFunction)
    {
        for (ISymbol? symbol = owner; symbol is not null; symbol = symbol.ContainingSymbol)
        {
            if (SymbolEqualityComparer.Default.Equals(symbol, localFunction))
                return true;
        }
        return false;
    }

    /// <summary>Static methods, and local functions (whose bodies are read like one, captures aside).</summary>
    private static bool IsStaticOrLocal(IMethodSymbol method) => method.IsStatic || method.MethodKind == MethodKind.LocalFunction;

    /// <summary>Locals with initializers followed by one return: inlined as one expression, wherever the call is.</summary>
    private static bool IsExpressionShaped(IBlockOperation block)
    {
        var operations = block.Operations;
        if (operations.Length == 0 || operations[operations.Length - 1] is not IReturnOperation { ReturnedValue: not null })
            return false;
        for (int s = 0; s < operations.Length - 1; s++)
        {
            if (operations[s] is not IVariableDeclarationGroupOperation group
                || group.Declarations.SelectMany(d => d.Declarators).Any(d => d.Symbol.IsRef || (d.Initializer ?? (d.Parent as IVariableDeclarationOperation)?.Initializer) is null))
                return false;
        }
        return true;
    }

    private bool IsInlinableHelper(IMethodSymbol method)
        => IsStaticOrLocal(method)
            && method.ContainingType.ToDisplayString() is not ("System.Math" or "System.MathF")
            && !SymbolEqualityComparer.Default.Equals(method, _kernel)
            && _frame?.Contains(method) != true
            && method.ContainingNamespace?.ToDisplayString() is not "System.Linq"
            && method.DeclaringSyntaxReferences.Length > 0;

    /// <summary>
    /// Inlines a helper with control flow as statements: its scalar parameters become locals holding the arguments
    /// (so the body may assign them), a value-returning helper's result a local, and each <c>return</c> an
    /// assignment of that local followed by skipping the rest of the body (a done flag, with <c>break</c> out of the
    /// helper's loops). Returns null when the helper is not in a form the reader inlines.
    /// </summary>
    private (List<KernelStatement> Statements, KernelExpression? Result)? InlineStatements(IInvocationOperation invocation, IMethodSymbol method)
    {
        if (HelperBody(invocation, method) is not { } block)
            return null;
        ScalarKind? resultType = method.ReturnsVoid ? null : ScalarKindFacts.FromType(method.ReturnType);
        if (!method.ReturnsVoid && resultType is null)
            return null;
        var statements = new List<KernelStatement>();
        var frame = new InlineFrame(method, _frame) { IsStatementInline = true };
        List<KernelStatement>? outer = _pending;
        _pending = statements;
        try
        {
            foreach (IArgumentOperation argument in invocation.Arguments)
            {
                if (argument.Parameter is not { } parameter)
                    return null;
                if (IsSpanType(parameter.Type) && ReadView(argument.Value, null, "") is { } span)
                {
                    frame.Spans[parameter] = span;
                    continue;
                }
                if (ScalarKindFacts.FromType(parameter.Type) is not { } parameterType)
                    return null;
                KernelExpression value = ReadExpression(argument.Value);
                string name = FreshName($"{method.Name}_{parameter.Name}");
                statements.Add(new DeclareLocalStatement(name, parameterType, value));
                frame.Scalars[parameter] = new LocalExpression(name, parameterType);
            }
        }
        finally
        {
            _pending = outer;
        }
        int returns = block.Descendants().Count(o => o is IReturnOperation);
        bool singleFinalReturn = returns == 1 && block.Operations.LastOrDefault() is IReturnOperation;
        if (resultType is { } type)
        {
            frame.Result = new LocalExpression(FreshName($"{method.Name}_result"), type);
            statements.Add(new DeclareLocalStatement(frame.Result.Name, type, DefaultOf(type)));
        }
        if (returns > 0 && !singleFinalReturn)
        {
            frame.Done = new LocalExpression(FreshName($"{method.Name}_done"), ScalarKind.Boolean);
            statements.Add(new DeclareLocalStatement(frame.Done.Name, ScalarKind.Boolean, new ConstantExpression(ScalarKind.Boolean, "false", null)));
        }
        InlineFrame? caller = _frame;
        _frame = frame;
        try
        {
            statements.Add(ReadStatement(block));
        }
        finally
        {
            _frame = caller;
        }
        return (statements, frame.Result);
    }

    /// <summary>
    /// A helper's statements from <paramref name="start"/> on: after one that may return, the rest runs only while
    /// the done flag is clear (inside a loop of the helper: the loop is left).
    /// </summary>
    private List<KernelStatement> ReadHelperSequence(ImmutableArray<IOperation> operations, int start)
    {
        InlineFrame frame = _frame!;
        var statements = new List<KernelStatement>();
        for (int s = start; s < operations.Length; s++)
        {
            int before = frame.ReturnSites;
            statements.AddRange(ReadStatements(operations[s]));
            if (frame.ReturnSites == before || s == operations.Length - 1)
                continue;
            if (frame.LoopDepth > 0)
            {
                statements.Add(new IfStatement(frame.Done!, new BreakStatement(), null));
                continue;
            }
            var rest = ReadHelperSequence(operations, s + 1);
            statements.Add(new IfStatement(new UnaryExpression(UnaryOperator.LogicalNot, frame.Done!, ScalarKind.Boolean, false), new BlockStatement(rest.ToEquatableArray()), null));
            break;
        }
        return statements;
    }

    private KernelStatement HelperReturn(InlineFrame helper, IReturnOperation ret)
    {
        helper.ReturnSites++;
        var parts = new List<KernelStatement>();
        if (ret.ReturnedValue is { } value && helper.Result is { } result)
            parts.Add(new AssignLocalStatement(result.Name, ReadExpression(value)));
        if (helper.Done is { } done)
        {
            parts.Add(new AssignLocalStatement(done.Name, new ConstantExpression(ScalarKind.Boolean, "true", null)));
            if (helper.LoopDepth > 0)
                parts.Add(new BreakStatement());
        }
        return new BlockStatement(parts.ToEquatableArray());
    }
}

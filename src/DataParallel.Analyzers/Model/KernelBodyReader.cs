using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DataParallel.Analyzers.Analysis;
using DataParallel.Analyzers.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DataParallel.Analyzers.Model;

/// <summary>
/// Reads a kernel body (its <see cref="IOperation"/> tree, where C# has already resolved types and made implicit
/// conversions explicit) into the kernel IR. Constructs DESIGN §2 excludes become DP3002 errors on their syntax;
/// constructs the language allows but the IR does not model yet are recorded as <see cref="BodyReadResult.Unlowered"/>
/// (the kernel then runs as written on the scalar path). Incomplete code never throws: invalid operations only mark
/// the body as not generatable.
/// </summary>
internal sealed class KernelBodyReader
{
    /// <summary><c>System.MidpointRounding</c>'s members by value (netstandard2.0 knows only the first two).</summary>
    private static readonly string[] s_midpointRoundings = ["ToEven", "AwayFromZero", "ToZero", "ToNegativeInfinity", "ToPositiveInfinity"];

    private readonly IReadOnlyDictionary<string, KernelParameter> _parameters;
    private readonly IMethodSymbol _kernel;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<ILocalSymbol, (string Name, ScalarKind Type)> _locals = new(SymbolEqualityComparer.Default);
    // Span locals: the view each denotes, or null where the IR cannot follow it (the kernel then runs as written).
    private readonly Dictionary<ILocalSymbol, SpanView?> _spanLocals = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ILocalSymbol> _reassignedSpans = new(SymbolEqualityComparer.Default);
    // Locals the reader introduces to hold a slice's start or length as it was when the slice was taken.
    private readonly HashSet<string> _sliceLocals = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);
    private readonly ImmutableArray<Diagnostic>.Builder _errors = ImmutableArray.CreateBuilder<Diagnostic>();
    private readonly Dictionary<object, Location> _locations = new(ReferenceIdentity.Instance);
    private (string Description, Location Location)? _unlowered;
    // Uniform parameters the body assigns: the IR drops the assignment and keeps reading the value passed in.
    private readonly SortedSet<string> _assignedUniforms = new(StringComparer.Ordinal);
    private bool _hasInvalidCode;
    private InlineFrame? _frame;

    /// <summary>Statements of inlined helpers with control flow, to run just before the statement being read.</summary>
    private List<KernelStatement>? _pending;

    /// <summary>Why a helper with control flow cannot be hoisted ahead of the current position, or null where it can.</summary>
    private string? _hoistBlocked;

    private KernelBodyReader(IMethodSymbol kernel, IReadOnlyDictionary<string, KernelParameter> parameters, CancellationToken cancellationToken)
    {
        _kernel = kernel;
        _parameters = parameters;
        _cancellationToken = cancellationToken;
        foreach (string name in parameters.Keys)
            _usedNames.Add(name);
    }

    public static BodyReadResult Read(IMethodSymbol kernel, IOperation body, IReadOnlyDictionary<string, KernelParameter> parameters, CancellationToken cancellationToken)
    {
        var reader = new KernelBodyReader(kernel, parameters, cancellationToken);
        reader.FindReassignedSpans(body);
        KernelStatement statement = reader.ReadStatement(body is IMethodBodyOperation m ? (IOperation?)m.BlockBody ?? m.ExpressionBody! : body);
        BlockStatement block = statement as BlockStatement ?? new BlockStatement(ImmutableArray.Create(statement).ToEquatableArray());
        return new BodyReadResult(block, reader._errors.ToImmutable(), reader._unlowered, reader._hasInvalidCode, reader._locations)
        {
            AssignedUniforms = reader._assignedUniforms.ToImmutableArray().ToEquatableArray(),
        };
    }

    // ---- statements -------------------------------------------------------------------------------------------

    /// <summary>Reads one statement, preceded by the bodies of the helpers with control flow its expressions call.</summary>
    private KernelStatement ReadStatement(IOperation operation)
    {
        List<KernelStatement>? outer = _pending;
        string? outerBlocked = _hoistBlocked;
        _pending = new List<KernelStatement>();
        _hoistBlocked = null;
        try
        {
            KernelStatement statement = ReadStatementCore(operation);
            if (_pending.Count == 0)
                return statement;
            _pending.Add(statement);
            return new BlockStatement(_pending.ToEquatableArray());
        }
        finally
        {
            _pending = outer;
            _hoistBlocked = outerBlocked;
        }
    }

    private KernelStatement ReadStatementCore(IOperation operation)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        switch (operation)
        {
            case IBlockOperation block when _frame is { Done: not null }:
                return Track(new BlockStatement(ReadHelperSequence(block.Operations, 0).ToEquatableArray()), operation);
            case IBlockOperation block:
                return Track(new BlockStatement(block.Operations.SelectMany(ReadStatements).ToEquatableArray()), operation);
            case IVariableDeclarationGroupOperation group:
                return Track(new BlockStatement(ReadStatements(group).ToEquatableArray()), operation);
            case IExpressionStatementOperation expressionStatement:
                return ReadExpressionStatement(expressionStatement.Operation);
            case IReturnOperation ret when _frame is { IsStatementInline: true } helper:
                return Track(HelperReturn(helper, ret), operation);
            case IReturnOperation ret:
                return Track(new ReturnStatement(ret.ReturnedValue is null ? null : ReadExpression(ret.ReturnedValue)), operation);
            case IConditionalOperation conditional:
                return Track(new IfStatement(
                    ReadExpression(conditional.Condition),
                    ReadStatement(conditional.WhenTrue),
                    conditional.WhenFalse is null ? null : ReadStatement(conditional.WhenFalse)), operation);
            case IForLoopOperation forLoop:
            {
                var initializers = forLoop.Before.SelectMany(ReadStatements).ToEquatableArray();
                KernelExpression? condition = forLoop.Condition is null ? null : ReadLoopCondition(forLoop.Condition);
                return Track(new LoopStatement(
                    initializers,
                    condition,
                    forLoop.AtLoopBottom.SelectMany(ReadStatements).ToEquatableArray(),
                    ReadLoopBody(forLoop.Body),
                    ConditionAfterBody: false), operation);
            }
            case IWhileLoopOperation whileLoop when !whileLoop.ConditionIsUntil:
                return Track(new LoopStatement(
                    EquatableArray<KernelStatement>.Empty,
                    whileLoop.Condition is null ? null : ReadLoopCondition(whileLoop.Condition),
                    EquatableArray<KernelStatement>.Empty,
                    ReadLoopBody(whileLoop.Body),
                    ConditionAfterBody: !whileLoop.ConditionIsTop), operation);
            case IBranchOperation { BranchKind: BranchKind.Break }:
                return Track(new BreakStatement(), operation);
            case IBranchOperation { BranchKind: BranchKind.Continue }:
                return Track(new ContinueStatement(), operation);
            case IEmptyOperation:
                return new BlockStatement(EquatableArray<KernelStatement>.Empty);
            default:
                return Unsupported(operation);
        }
    }

    private IEnumerable<KernelStatement> ReadStatements(IOperation operation)
    {
        if (operation is not IVariableDeclarationGroupOperation group)
        {
            yield return ReadStatement(operation);
            yield break;
        }
        foreach (IVariableDeclarationOperation declaration in group.Declarations)
        {
            foreach (IVariableDeclaratorOperation declarator in declaration.Declarators)
            {
                ILocalSymbol local = declarator.Symbol;
                if (local.IsRef)
                {
                    Reject(declarator, "A ref local", "ref locals can alias memory another index writes; index the span instead");
                    continue;
                }
                if (IsSpanType(local.Type))
                {
                    foreach (KernelStatement statement in DeclareSpanLocal(declarator, declarator.Initializer ?? declaration.Initializer))
                        yield return statement;
                    continue;
                }
                if (ScalarKindFacts.FromType(local.Type) is not { } type)
                {
                    NotLowered(declarator, $"the local '{local.Name}' of type {local.Type.ToDisplayString()}");
                    if ((declarator.Initializer ?? declaration.Initializer) is { } init)
                        ScanForErrors(init.Value);
                    continue;
                }
                string name = DeclareLocal(local, type);
                IVariableInitializerOperation? initializer = declarator.Initializer ?? declaration.Initializer;
                List<KernelStatement>? outer = _pending;
                _pending = new List<KernelStatement>();
                KernelExpression? value = initializer is null ? null : ReadExpression(initializer.Value);
                List<KernelStatement> hoisted = _pending;
                _pending = outer;
                foreach (KernelStatement statement in hoisted)
                    yield return statement;
                yield return Track(new DeclareLocalStatement(name, type, value), declarator);
            }
        }
    }

    private KernelStatement ReadExpressionStatement(IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation { IsRef: false } assignment:
                return Assign(assignment.Target, ReadExpression(assignment.Value), operation);
            case ICompoundAssignmentOperation compound when compound.OperatorMethod is null:
            {
                if (!TryBinaryOperator(compound.OperatorKind, out BinaryOperator op) || ScalarKindFacts.FromType(compound.Target.Type) is not { } targetType
                    || ScalarKindFacts.FromType(compound.Value.Type) is not { } valueType)
                    return Unsupported(operation);
                bool shift = op is BinaryOperator.LeftShift or BinaryOperator.RightShift or BinaryOperator.UnsignedRightShift;
                ScalarKind operandType = shift ? Promote(targetType) : valueType;
                KernelExpression current = ConvertTo(ReadTargetValue(compound.Target), operandType, checkedContext: false);
                KernelExpression combined = new BinaryExpression(op, current, ReadExpression(compound.Value), operandType, compound.IsChecked);
                return Assign(compound.Target, ConvertTo(combined, targetType, compound.IsChecked), operation);
            }
            case IIncrementOrDecrementOperation increment when increment.OperatorMethod is null:
            {
                if (ScalarKindFacts.FromType(increment.Target.Type) is not { } targetType)
                    return Unsupported(operation);
                ScalarKind operandType = Promote(targetType);
                KernelExpression one = new ConstantExpression(operandType, LiteralFormatter.Format(1, operandType), 1);
                KernelExpression current = ConvertTo(ReadTargetValue(increment.Target), operandType, checkedContext: false);
                BinaryOperator op = increment.Kind == OperationKind.Increment ? BinaryOperator.Add : BinaryOperator.Subtract;
                KernelExpression combined = new BinaryExpression(op, current, one, operandType, increment.IsChecked);
                return Assign(increment.Target, ConvertTo(combined, targetType, increment.IsChecked), operation);
            }
            case IInvocationOperation call when call.TargetMethod.ReturnsVoid && IsInlinableHelper(call.TargetMethod):
            {
                if (InlineStatements(call, call.TargetMethod) is not { } inlined)
                {
                    foreach (IArgumentOperation argument in call.Arguments)
                        ScanForErrors(argument.Value);
                    NotLowered(call, $"the call of {call.TargetMethod.ContainingType.Name}.{call.TargetMethod.Name}");
                    return new BlockStatement(EquatableArray<KernelStatement>.Empty);
                }
                return Track(new BlockStatement(inlined.Statements.ToEquatableArray()), operation);
            }
            case IInvocationOperation:
                return Track(new EvaluateStatement(ReadExpression(operation)), operation);
            default:
                return Unsupported(operation);
        }
    }

    private KernelStatement Assign(IOperation target, KernelExpression value, IOperation statement)
    {
        switch (target)
        {
            case ILocalReferenceOperation local when _locals.TryGetValue(local.Local, out var info):
                return Track(new AssignLocalStatement(info.Name, value), statement);
            case IPropertyReferenceOperation or IImplicitIndexerReferenceOperation when SpanElement(target) is { } access:
                return Track(new StoreStatement(access.Span.Name, access.Index, value, access.Span.Type, target.Syntax.ToString(), access.Slice), statement);
            case ILocalReferenceOperation local when IsSpanType(local.Type):
                NotLowered(statement, $"the span local '{local.Local.Name}', which is assigned again after its declaration");
                return new BlockStatement(EquatableArray<KernelStatement>.Empty);
            case IFieldReferenceOperation { Field.IsStatic: true } field:
                return Track(new SharedWriteStatement($"static field '{field.Field.Name}'"), statement);
            case IParameterReferenceOperation parameter when _frame is { IsStatementInline: true } && _frame.Scalars.TryGetValue(parameter.Parameter, out KernelExpression? copy) && copy is LocalExpression local:
                return Track(new AssignLocalStatement(local.Name, value), statement);
            case IParameterReferenceOperation parameter when parameter.Parameter.RefKind != RefKind.None:
                return Track(new SharedWriteStatement($"{(parameter.Parameter.RefKind == RefKind.Out ? "out" : "ref")} parameter '{parameter.Parameter.Name}'"), statement);
            case IParameterReferenceOperation parameter:
                NotLowered(statement, $"an assignment to parameter '{parameter.Parameter.Name}'");
                _assignedUniforms.Add(parameter.Parameter.Name);
                return new BlockStatement(EquatableArray<KernelStatement>.Empty);
            case IInvalidOperation:
                _hasInvalidCode = true;
                return new BlockStatement(EquatableArray<KernelStatement>.Empty);
            default:
                return Unsupported(statement);
        }
    }

    private KernelExpression ReadTargetValue(IOperation target) => target switch
    {
        ILocalReferenceOperation local when _locals.TryGetValue(local.Local, out var info) => new LocalExpression(info.Name, info.Type),
        _ => ReadExpression(target),
    };

    // ---- expressions ------------------------------------------------------------------------------------------

    private KernelExpression ReadExpression(IOperation operation)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        ScalarKind? type = ScalarKindFacts.FromType(operation.Type);
        if (operation.ConstantValue is { HasValue: true, Value: { } constant } && type is { } constantType && constantType != ScalarKind.Half)
            return Track(new ConstantExpression(constantType, LiteralFormatter.Format(constant, constantType), LiteralFormatter.IntegerValue(constant, constantType)), operation);

        switch (operation)
        {
            case IParameterReferenceOperation parameter when _frame is not null:
                return _frame.Scalars.TryGetValue(parameter.Parameter, out KernelExpression? argument)
                    ? argument
                    : Placeholder(operation, $"the span '{parameter.Parameter.Name}' used as a value");
            case ILocalReferenceOperation local when _frame is not null && _frame.Locals.TryGetValue(local.Local, out KernelExpression? definition):
                return definition;
            case IParameterReferenceOperation parameter when _parameters.TryGetValue(parameter.Parameter.Name, out KernelParameter? p):
                return p.Kind switch
                {
                    ParameterKind.Index => Track(new IndexExpression(p.Dimension), operation),
                    ParameterKind.Uniform => Track(new UniformExpression(p.Name, p.Type), operation),
                    _ => Placeholder(operation, $"the span '{p.Name}' used as a value"),
                };
            case ILocalReferenceOperation local when _locals.TryGetValue(local.Local, out var info):
                return Track(new LocalExpression(info.Name, info.Type), operation);
            case IPropertyReferenceOperation or IImplicitIndexerReferenceOperation when SpanElement(operation) is { } access:
                return Track(new LoadExpression(access.Span.Name, access.Index, access.Span.Type, operation.Syntax.ToString(), access.Slice), operation);
            case IPropertyReferenceOperation { Property.Name: "Length", Instance: { } lengthOf } when IsSpanType(lengthOf.Type) && ReadView(lengthOf, null, "") is { } view:
                return view.IsWhole ? Track(new SpanLengthExpression(view.Span.Name), operation) : view.LengthExpression;
            case IFieldReferenceOperation { Field.IsStatic: true } field when type is { } fieldType:
                return Track(new StaticFieldExpression(field.Field.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + field.Field.Name, fieldType), operation);
            case IConversionOperation conversion:
                return ReadConversion(conversion);
            case IParenthesizedOperation parenthesized:
                return ReadExpression(parenthesized.Operand);
            case IUnaryOperation unary when unary.OperatorMethod is null && type is { } unaryType:
            {
                KernelExpression operand = ReadExpression(unary.Operand);
                return unary.OperatorKind switch
                {
                    UnaryOperatorKind.Plus => operand,
                    UnaryOperatorKind.Minus => Track(new UnaryExpression(UnaryOperator.Negate, operand, unaryType, unary.IsChecked), operation),
                    UnaryOperatorKind.BitwiseNegation => Track(new UnaryExpression(UnaryOperator.BitwiseNot, operand, unaryType, false), operation),
                    UnaryOperatorKind.Not => Track(new UnaryExpression(UnaryOperator.LogicalNot, operand, unaryType, false), operation),
                    _ => Placeholder(operation, $"the operator {unary.OperatorKind}"),
                };
            }
            case IBinaryOperation binary when binary.OperatorMethod is null && type is { } binaryType:
            {
                if (!TryBinaryOperator(binary.OperatorKind, out BinaryOperator op))
                    return Placeholder(operation, $"the operator {binary.OperatorKind}");
                KernelExpression left = ReadExpression(binary.LeftOperand);
                KernelExpression right = op is BinaryOperator.ConditionalAnd or BinaryOperator.ConditionalOr
                    ? ReadWithoutHoisting(binary.RightOperand, "on the right of && or ||")
                    : ReadExpression(binary.RightOperand);
                return Track(new BinaryExpression(op, left, right, binaryType, binary.IsChecked), operation);
            }
            case IConditionalOperation conditional when type is { } conditionalType:
                return Track(new ConditionalExpression(ReadExpression(conditional.Condition), ReadWithoutHoisting(conditional.WhenTrue!, "on one side of ?:"),
                    ReadWithoutHoisting(conditional.WhenFalse!, "on one side of ?:"), conditionalType), operation);
            case IInvocationOperation invocation:
                return ReadInvocation(invocation, type);
            case IInvalidOperation:
                _hasInvalidCode = true;
                return new ConstantExpression(ScalarKind.Int32, "0", 0);
            default:
                if (!ScanForErrors(operation))
                    NotLowered(operation, Describe(operation));
                return new HelperCallExpression(operation.Syntax.ToString(), type ?? ScalarKind.Int32);
        }
    }

    private KernelExpression ReadConversion(IConversionOperation conversion)
    {
        KernelExpression operand = ReadExpression(conversion.Operand);
        if (conversion.OperatorMethod is not null)
            return Placeholder(conversion, $"the user-defined conversion to {conversion.Type?.ToDisplayString()}");
        if (conversion.Type?.IsReferenceType == true && conversion.Operand.Type?.IsValueType == true)
        {
            Reject(conversion, "Boxing", "it allocates on every index");
            return operand;
        }
        if (ScalarKindFacts.FromType(conversion.Type) is not { } target || !(conversion.Conversion.IsIdentity || conversion.Conversion.IsNumeric))
            return Placeholder(conversion, $"the conversion to {conversion.Type?.ToDisplayString()}");
        return conversion.Conversion.IsIdentity || operand.Type == target
            ? operand
            : Track(new ConvertExpression(operand, target, conversion.IsChecked), conversion);
    }

    private KernelExpression ReadInvocation(IInvocationOperation invocation, ScalarKind? type)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (IsSlice(invocation))
            return Placeholder(invocation, $"the slice {invocation.Syntax} used in place (declare it as a span local)");
        if (!method.IsStatic)
        {
            Reject(invocation, method.IsVirtual || method.IsAbstract || method.ContainingType.TypeKind == TypeKind.Interface ? "A virtual or interface call" : "An instance method call",
                "kernels may call only static methods whose bodies are in the kernel language");
            return new HelperCallExpression(method.Name, type ?? ScalarKind.Int32);
        }
        string container = method.ContainingType.ToDisplayString();
        if (container == "System.Math" || container == "System.MathF")
        {
            string? roundingMode = null;
            var operands = invocation.Arguments;
            if (operands.Length > 0 && operands[operands.Length - 1].Value.Type is { Name: "MidpointRounding" } modeType && modeType.ContainingNamespace?.ToDisplayString() == "System")
            {
                // The mode picks the vector form, so it must be known at compile time.
                if (operands[operands.Length - 1].Value.ConstantValue is not { HasValue: true, Value: int mode } || mode < 0 || mode >= s_midpointRoundings.Length)
                {
                    NotLowered(invocation, $"{method.ContainingType.Name}.{method.Name} with a rounding mode that is not a constant");
                    return Track(new HelperCallExpression(invocation.Syntax.ToString(), type ?? ScalarKind.Int32), invocation);
                }
                roundingMode = s_midpointRoundings[mode];
                operands = operands.RemoveAt(operands.Length - 1);
            }
            var arguments = operands.Select(a => ReadExpression(a.Value)).ToImmutableArray();
            if (type is { } resultType && arguments.All(a => a.Type == resultType || method.Name is "Round" or "ScaleB" or "ILogB" or "Sign"))
                return Track(new MathCallExpression(container, method.Name, arguments.ToEquatableArray(), resultType, roundingMode), invocation);
        }
        else if (container is "float" or "double" && VectorMath.IsClassification(method.Name) && invocation.Arguments.Length == 1 && type == ScalarKind.Boolean)
        {
            // float.IsNaN and its kin: classifications of one value, vectorised as masks.
            KernelExpression operand = ReadExpression(invocation.Arguments[0].Value);
            return Track(new MathCallExpression(container == "float" ? "System.Single" : "System.Double", method.Name, ImmutableArray.Create(operand).ToEquatableArray(), ScalarKind.Boolean), invocation);
        }
        else if (SymbolEqualityComparer.Default.Equals(method, _kernel))
        {
            Reject(invocation, "A recursive call of the kernel", "a kernel runs once per index; recursion has no parallel meaning");
        }
        else if (_frame?.Contains(method) == true)
        {
            NotLowered(invocation, $"a recursive call of {method.Name}, which cannot be inlined");
            return Track(new HelperCallExpression(invocation.Syntax.ToString(), type ?? ScalarKind.Int32), invocation);
        }
        else if (method.ContainingNamespace?.ToDisplayString() is "System.Linq")
        {
            // A query expression in the arguments is the offending syntax; a plain LINQ call is, otherwise.
            int before = _errors.Count;
            foreach (IArgumentOperation argument in invocation.Arguments)
                ScanForErrors(argument.Value);
            if (_errors.Count == before)
                Reject(invocation, "LINQ", "queries allocate and call delegates per element");
            return new HelperCallExpression(invocation.Syntax.ToString(), type ?? ScalarKind.Int32);
        }
        else if (Inline(invocation, method) is { } inlined)
        {
            return inlined;
        }
        // Kept as a call: its arguments may still hold constructs the language excludes.
        foreach (IArgumentOperation argument in invocation.Arguments)
            ScanForErrors(argument.Value);
        NotLowered(invocation, $"the call of {method.ContainingType.Name}.{method.Name}");
        return Track(new HelperCallExpression(invocation.Syntax.ToString(), type ?? ScalarKind.Int32), invocation);
    }

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
            if ((_pending is null ? "here" : _hoistBlocked) is { } where)
            {
                NotLowered(invocation, $"the call of {method.Name} {where}: a helper with control flow runs as statements, which cannot be made conditional there");
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

    /// <summary>The body of a static helper the reader can inline (non-generic, by-value), or null.</summary>
    private IBlockOperation? HelperBody(IInvocationOperation invocation, IMethodSymbol method)
    {
        if (method.IsGenericMethod || method.ReturnsByRef || method.ReturnsByRefReadonly
            || method.Parameters.Any(p => p.RefKind is RefKind.Out or RefKind.Ref)
            || method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is not Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax declaration
            || invocation.SemanticModel is not { } callerModel)
            return null;
#pragma warning disable RS1030 // The helper's body lives in another syntax tree; its semantic model is the only way to read it.
        SemanticModel model = callerModel.Compilation.GetSemanticModel(declaration.SyntaxTree);
#pragma warning restore RS1030
        return model.GetOperation(declaration, _cancellationToken) is IMethodBodyOperation body ? body.BlockBody ?? body.ExpressionBody : null;
    }

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
        => method.IsStatic
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

    private KernelExpression ReadLoopCondition(IOperation condition)
        => ReadWithoutHoisting(condition, "in a loop condition");

    private KernelStatement ReadLoopBody(IOperation body)
    {
        if (_frame is { IsStatementInline: true } helper)
            helper.LoopDepth++;
        try
        {
            return ReadStatement(body);
        }
        finally
        {
            if (_frame is { IsStatementInline: true } same)
                same.LoopDepth--;
        }
    }

    /// <summary>Reads an expression that runs only sometimes (or repeatedly), where no helper body can be hoisted.</summary>
    private KernelExpression ReadWithoutHoisting(IOperation operation, string where)
    {
        string? outer = _hoistBlocked;
        _hoistBlocked ??= where;
        try
        {
            return ReadExpression(operation);
        }
        finally
        {
            _hoistBlocked = outer;
        }
    }

    private static KernelExpression DefaultOf(ScalarKind type)
        => type == ScalarKind.Boolean
            ? new ConstantExpression(type, "false", null)
            : new ConstantExpression(type, LiteralFormatter.Format(0, type), type.IsInteger() ? 0 : null);

    private string FreshName(string name)
    {
        string fresh = name;
        for (int suffix = 2; !_usedNames.Add(fresh); suffix++)
            fresh = name + "_" + suffix;
        return fresh;
    }

    /// <summary>
    /// An element access <c>s[k]</c> or <c>s[^k]</c> of a span parameter or span local, as an access of the underlying
    /// parameter: at offset + position, with the slice's own check when <c>s</c> is a window.
    /// </summary>
    private (KernelParameter Span, KernelExpression Index, SliceBound? Slice)? SpanElement(IOperation reference)
    {
        (IOperation? instance, IOperation? argument) = reference switch
        {
            IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer
                when indexer.Arguments[0].Value.Type?.SpecialType == SpecialType.System_Int32 => (indexer.Instance, indexer.Arguments[0].Value),
            IImplicitIndexerReferenceOperation { Argument.Type: { Name: "Index", ContainingNamespace.Name: "System" } } implicitIndexer
                => (implicitIndexer.Instance, implicitIndexer.Argument),
            _ => (null, null),
        };
        if (instance is null || argument is null || ReadView(instance, null, "") is not { } view)
            return null;
        if (Position(argument, view) is not { } position)
            return null;
        if (view.IsWhole)
            return (view.Span, position, null);
        KernelExpression index = view.Offset is null ? position : LinearSum.Add(view.Offset, position);
        return (view.Span, index, new SliceBound(view.Name, position, view.LengthExpression));
    }

    /// <summary>The kernel span a parameter reference denotes: the kernel's own, or the one a helper was passed.</summary>
    private SpanView? ResolveSpan(IParameterReferenceOperation reference)
    {
        if (_frame is not null)
            return _frame.Spans.TryGetValue(reference.Parameter, out SpanView? passed) ? passed : null;
        return _parameters.TryGetValue(reference.Parameter.Name, out KernelParameter? span) && span.IsSpan ? new SpanView(span, span.Name, null, null) : null;
    }

    // ---- span locals and slices -------------------------------------------------------------------------------

    /// <summary>
    /// The view a span-valued operation denotes: a span parameter, a span local, or — where
    /// <paramref name="checks"/> can take the slice's argument check — a slice or range of one. Null where the IR
    /// cannot follow the span.
    /// </summary>
    private SpanView? ReadView(IOperation operation, List<KernelStatement>? checks, string owner)
    {
        switch (operation)
        {
            case IParameterReferenceOperation parameter:
                return ResolveSpan(parameter);
            case ILocalReferenceOperation local:
                return _spanLocals.TryGetValue(local.Local, out SpanView? view) ? view : null;
            case IParenthesizedOperation parenthesized:
                return ReadView(parenthesized.Operand, checks, owner);
            case IConversionOperation conversion when IsSpanType(conversion.Type) && conversion.Operand.Type is { } from && IsSpanType(from):
                // Span<T> → ReadOnlySpan<T>: the same elements.
                return ReadView(conversion.Operand, checks, owner);
            case IInvocationOperation call when checks is not null && IsSlice(call) && call.Instance is { } sliced
                && call.Arguments.All(a => a.Value.Type?.SpecialType == SpecialType.System_Int32):
            {
                if (ReadView(sliced, checks, owner) is not { } source)
                    return null;
                IArgumentOperation[] arguments = call.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).ToArray();
                KernelExpression start = Snapshot(ReadExpression(arguments[0].Value), owner + "_start", checks, call);
                KernelExpression length = arguments.Length > 1 ? ReadExpression(arguments[1].Value) : LinearSum.Subtract(source.LengthExpression, start);
                return Slice(source, start, length, owner, call, checks);
            }
            case IImplicitIndexerReferenceOperation { Argument: IRangeOperation range } rangeSlice when checks is not null:
            {
                if (ReadView(rangeSlice.Instance, checks, owner) is not { } source)
                    return null;
                KernelExpression? start = range.LeftOperand is null ? new ConstantExpression(ScalarKind.Int32, "0", 0) : Position(range.LeftOperand, source);
                KernelExpression? end = range.RightOperand is null ? source.LengthExpression : Position(range.RightOperand, source);
                if (start is null || end is null)
                    return null;
                start = Snapshot(start, owner + "_start", checks, rangeSlice);
                return Slice(source, start, LinearSum.Subtract(end, start), owner, rangeSlice, checks);
            }
            case IInvocationOperation call when IsSlice(call):
                NotLowered(call, $"the slice {call.Syntax} used in place (declare it as a span local)");
                return null;
            case IImplicitIndexerReferenceOperation { Argument: IRangeOperation } rangeSlice:
                NotLowered(rangeSlice, $"the slice {rangeSlice.Syntax} used in place (declare it as a span local)");
                return null;
            default:
                return null;
        }
    }

    /// <summary>
    /// A slice of <paramref name="source"/>: its start and length fixed where it is taken, its argument check placed
    /// there (where the kernel as written would throw), and its offset relative to the underlying parameter.
    /// </summary>
    private SpanView Slice(SpanView source, KernelExpression start, KernelExpression length, string owner, IOperation at, List<KernelStatement> checks)
    {
        length = Snapshot(length, owner + "_length", checks, at);
        checks.Add(Track(new SliceCheckStatement(source.Name, start, length, source.LengthExpression, at.Syntax.ToString()), at));
        KernelExpression offset = source.Offset is null ? start : LinearSum.Add(source.Offset, start);
        return new SpanView(source.Span, owner, offset, length);
    }

    /// <summary>
    /// <paramref name="value"/> as it is now: itself when nothing in it can change later (constants, indices,
    /// by-value uniforms, span lengths, earlier snapshots), else a new local holding it.
    /// </summary>
    private KernelExpression Snapshot(KernelExpression value, string name, List<KernelStatement> checks, IOperation at)
    {
        bool unchanging = Analysis.KernelWalker.Expressions(value).All(e => e switch
        {
            ConstantExpression or IndexExpression or SpanLengthExpression => true,
            UniformExpression uniform => _parameters.TryGetValue(uniform.Name, out KernelParameter? p) && p.RefKind.Length == 0,
            LocalExpression local => _sliceLocals.Contains(local.Name),
            ConvertExpression or UnaryExpression or BinaryExpression => true,
            _ => false,
        });
        if (unchanging)
            return value;
        string unique = name;
        for (int suffix = 2; !_usedNames.Add(unique); suffix++)
            unique = name + suffix;
        _sliceLocals.Add(unique);
        checks.Add(Track(new DeclareLocalStatement(unique, ScalarKind.Int32, value), at));
        return new LocalExpression(unique, ScalarKind.Int32);
    }

    /// <summary>An element position written as an int, an implicit <c>Index</c> of one, or <c>^k</c> (from the view's end).</summary>
    private KernelExpression? Position(IOperation operand, SpanView view) => operand switch
    {
        _ when operand.Type?.SpecialType == SpecialType.System_Int32 => ReadExpression(operand),
        IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat } hat when hat.Operand.Type?.SpecialType == SpecialType.System_Int32
            => LinearSum.Subtract(view.LengthExpression, ReadExpression(hat.Operand)),
        IConversionOperation { Operand.Type.SpecialType: SpecialType.System_Int32 } conversion => ReadExpression(conversion.Operand),
        _ => null,
    };

    private IEnumerable<KernelStatement> DeclareSpanLocal(IVariableDeclaratorOperation declarator, IVariableInitializerOperation? initializer)
    {
        ILocalSymbol local = declarator.Symbol;
        string name = local.Name;
        for (int suffix = 2; !_usedNames.Add(name); suffix++)
            name = local.Name + "_" + suffix;
        _spanLocals[local] = null;
        if (_reassignedSpans.Contains(local))
        {
            NotLowered(declarator, $"the span local '{local.Name}', which is assigned again after its declaration");
            if (initializer is not null)
                ScanForErrors(initializer.Value);
            return [];
        }
        var checks = new List<KernelStatement>();
        if (initializer is null || ReadView(initializer.Value, checks, name) is not { } view)
        {
            NotLowered(declarator, initializer is null ? $"the span local '{local.Name}' without an initializer" : $"the span local '{local.Name}' = {initializer.Value.Syntax}");
            if (initializer is not null)
                ScanForErrors(initializer.Value);
            return [];
        }
        _spanLocals[local] = view.IsWhole ? view : view with { Name = name };
        return checks;
    }

    /// <summary>
    /// Span locals assigned after their declaration (or passed by ref): the IR keeps one view per local, so these
    /// run as written. Found up front, as an access may precede the assignment.
    /// </summary>
    private void FindReassignedSpans(IOperation body)
    {
        foreach (IOperation operation in body.DescendantsAndSelf())
        {
            IOperation? target = operation switch
            {
                IAssignmentOperation assignment => assignment.Target,
                IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument => argument.Value,
                _ => null,
            };
            if (target is ILocalReferenceOperation local && IsSpanType(local.Type))
                _reassignedSpans.Add(local.Local);
        }
    }

    private static bool IsSpanType(ITypeSymbol? type)
        => type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1, Name: "Span" or "ReadOnlySpan" } named
            && named.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true }
            && ScalarKindFacts.FromType(named.TypeArguments[0]) is not null;

    private static bool IsSlice(IInvocationOperation call)
        => call.TargetMethod.Name == "Slice" && !call.TargetMethod.IsStatic && IsSpanType(call.TargetMethod.ContainingType) && call.Arguments.Length is 1 or 2;

    // ---- diagnostics ------------------------------------------------------------------------------------------

    private KernelStatement Unsupported(IOperation operation)
    {
        if (!ScanForErrors(operation))
            NotLowered(operation, Describe(operation));
        return new BlockStatement(EquatableArray<KernelStatement>.Empty);
    }

    private KernelExpression Placeholder(IOperation operation, string description)
    {
        NotLowered(operation, description);
        return new HelperCallExpression(operation.Syntax.ToString(), ScalarKindFacts.FromType(operation.Type) ?? ScalarKind.Int32);
    }

    /// <summary>
    /// Walks a subtree the IR does not model, reporting every excluded construct in it; returns whether the root
    /// itself was excluded.
    /// </summary>
    private bool ScanForErrors(IOperation operation)
    {
        if (operation is IInvalidOperation)
            _hasInvalidCode = true;
        if (IsRejected(operation))
            return true;
        foreach (IOperation child in operation.ChildOperations)
            ScanForErrors(child);
        return false;
    }

    /// <summary>Reports the construct if DESIGN §2 excludes it; returns whether it did.</summary>
    private bool IsRejected(IOperation operation)
    {
        (string Construct, string Reason)? rejection = operation switch
        {
            IObjectCreationOperation or IArrayCreationOperation or IAnonymousObjectCreationOperation or ITypeParameterObjectCreationOperation
                or IDelegateCreationOperation or ICollectionExpressionOperation
                => ("Allocation", "it would allocate on every index"),
            ILiteralOperation { Type.SpecialType: SpecialType.System_String } or IInterpolatedStringOperation
                or { Type.SpecialType: SpecialType.System_String }
                => ("A string", "kernels compute on numbers; strings allocate and cannot vectorise"),
            IThrowOperation or ITryOperation
                => ("Exception handling", "a kernel cannot throw or catch per index; validate inputs before the call"),
            IAnonymousFunctionOperation or ILocalFunctionOperation
                => ("A lambda or local function", "move the code into a static method of the type, which the kernel may call"),
            ITranslatedQueryOperation
                => ("LINQ", "queries allocate and call delegates per element"),
            IAddressOfOperation
                => ("Unsafe code", "pointers defeat the bounds and race analysis"),
            IConversionOperation { Type.IsReferenceType: true, Operand.Type.IsValueType: true }
                => ("Boxing", "it allocates on every index"),
            IInvocationOperation { TargetMethod.IsStatic: false } call when !IsSlice(call)
                => (call.TargetMethod.IsVirtual || call.TargetMethod.IsAbstract || call.TargetMethod.IsOverride || call.TargetMethod.ContainingType.TypeKind == TypeKind.Interface
                        ? "A virtual or interface call" : "An instance method call",
                    "kernels may call only static methods whose bodies are in the kernel language"),
            IAwaitOperation or ILockOperation or IUsingOperation or IUsingDeclarationOperation
                => ("This statement", "kernels must not block, await or own resources"),
            IDynamicInvocationOperation or IDynamicMemberReferenceOperation or IDynamicObjectCreationOperation or IDynamicIndexerAccessOperation
                => ("dynamic", "dynamic dispatch cannot run in a kernel"),
            _ when operation.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol
                => ("Unsafe code", "pointers defeat the bounds and race analysis"),
            _ => null,
        };
        if (rejection is not { } r)
            return false;
        Reject(operation, r.Construct, r.Reason);
        return true;
    }

    private void Reject(IOperation operation, string construct, string reason)
        => _errors.Add(Diagnostic.Create(DiagnosticDescriptors.UnsupportedConstruct, operation.Syntax.GetLocation(), construct, _kernel.Name, reason));

    private void NotLowered(IOperation operation, string description)
    {
        if (operation is IInvalidOperation)
            _hasInvalidCode = true;
        _unlowered ??= (description, operation.Syntax.GetLocation());
    }

    private static string Describe(IOperation operation) => operation switch
    {
        IForEachLoopOperation => "a foreach loop",
        IWhileLoopOperation { ConditionIsUntil: true } => "an until loop",
        ISwitchOperation or ISwitchExpressionOperation => "a switch",
        IBranchOperation => "a goto",
        IIncrementOrDecrementOperation => "an increment used as a value",
        IAssignmentOperation => "an assignment used as a value",
        _ => $"'{operation.Syntax}'",
    };

    // ---- helpers ----------------------------------------------------------------------------------------------

    private string DeclareLocal(ILocalSymbol local, ScalarKind type)
    {
        string name = local.Name;
        for (int suffix = 2; !_usedNames.Add(name); suffix++)
            name = local.Name + "_" + suffix;
        _locals[local] = (name, type);
        return name;
    }

    private T Track<T>(T node, IOperation operation) where T : class
    {
        _locations[node] = operation.Syntax.GetLocation();
        return node;
    }

    private static KernelExpression ConvertTo(KernelExpression expression, ScalarKind type, bool checkedContext)
        => expression.Type == type ? expression : new ConvertExpression(expression, type, checkedContext);

    /// <summary>C#'s unary numeric promotion: 8/16-bit integers compute as int.</summary>
    private static ScalarKind Promote(ScalarKind kind) => kind.IsSmallInteger() ? ScalarKind.Int32 : kind;

    private static bool TryBinaryOperator(BinaryOperatorKind kind, out BinaryOperator op)
    {
        op = kind switch
        {
            BinaryOperatorKind.Add => BinaryOperator.Add,
            BinaryOperatorKind.Subtract => BinaryOperator.Subtract,
            BinaryOperatorKind.Multiply => BinaryOperator.Multiply,
            BinaryOperatorKind.Divide => BinaryOperator.Divide,
            BinaryOperatorKind.Remainder => BinaryOperator.Remainder,
            BinaryOperatorKind.And => BinaryOperator.And,
            BinaryOperatorKind.Or => BinaryOperator.Or,
            BinaryOperatorKind.ExclusiveOr => BinaryOperator.ExclusiveOr,
            BinaryOperatorKind.LeftShift => BinaryOperator.LeftShift,
            BinaryOperatorKind.RightShift => BinaryOperator.RightShift,
            BinaryOperatorKind.UnsignedRightShift => BinaryOperator.UnsignedRightShift,
            BinaryOperatorKind.ConditionalAnd => BinaryOperator.ConditionalAnd,
            BinaryOperatorKind.ConditionalOr => BinaryOperator.ConditionalOr,
            BinaryOperatorKind.Equals => BinaryOperator.Equals,
            BinaryOperatorKind.NotEquals => BinaryOperator.NotEquals,
            BinaryOperatorKind.LessThan => BinaryOperator.LessThan,
            BinaryOperatorKind.LessThanOrEqual => BinaryOperator.LessThanOrEqual,
            BinaryOperatorKind.GreaterThan => BinaryOperator.GreaterThan,
            BinaryOperatorKind.GreaterThanOrEqual => BinaryOperator.GreaterThanOrEqual,
            _ => (BinaryOperator)(-1),
        };
        return op >= 0;
    }
}

/// <summary>The substitutions in force while a helper's body is read in place of its call.</summary>
internal sealed class InlineFrame(IMethodSymbol method, InlineFrame? caller)
{
    public Dictionary<IParameterSymbol, KernelExpression> Scalars { get; } = new(SymbolEqualityComparer.Default);

    public Dictionary<IParameterSymbol, SpanView> Spans { get; } = new(SymbolEqualityComparer.Default);

    public Dictionary<ILocalSymbol, KernelExpression> Locals { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>Whether the body is read as statements (control flow), not as one expression.</summary>
    public bool IsStatementInline { get; init; }

    /// <summary>The local a statement-inlined helper's result goes to (null for void helpers).</summary>
    public LocalExpression? Result { get; set; }

    /// <summary>The flag set by a <c>return</c> that is not the body's last statement, or null when there is none.</summary>
    public LocalExpression? Done { get; set; }

    /// <summary>How many of the helper's own loops enclose the statement being read.</summary>
    public int LoopDepth { get; set; }

    /// <summary>The <c>return</c> statements read so far.</summary>
    public int ReturnSites { get; set; }

    public bool Contains(IMethodSymbol target)
        => SymbolEqualityComparer.Default.Equals(method, target) || caller?.Contains(target) == true;
}

/// <summary>What <see cref="KernelBodyReader"/> read.</summary>
/// <param name="Body">The body in the IR (with placeholders where <paramref name="Unlowered"/> is set).</param>
/// <param name="Errors">DP3002 errors for constructs DESIGN §2 excludes.</param>
/// <param name="Unlowered">The first construct the IR does not model, if any: the kernel then runs as written.</param>
/// <param name="HasInvalidCode">The body does not compile yet (the user is typing).</param>
/// <param name="Locations">The source location of each IR node, by reference, for diagnostics.</param>
internal sealed record BodyReadResult(
    BlockStatement Body,
    ImmutableArray<Diagnostic> Errors,
    (string Description, Location Location)? Unlowered,
    bool HasInvalidCode,
    IReadOnlyDictionary<object, Location> Locations)
{
    /// <summary>See <see cref="KernelModel.AssignedUniforms"/>.</summary>
    public EquatableArray<string> AssignedUniforms { get; init; } = EquatableArray<string>.Empty;
}

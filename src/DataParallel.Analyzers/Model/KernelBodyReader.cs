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
internal sealed partial class KernelBodyReader
{
    /// <summary><c>System.MidpointRounding</c>'s members by value (netstandard2.0 knows only the first two).</summary>
    private static readonly string[] s_midpointRoundings = ["ToEven", "AwayFromZero", "ToZero", "ToNegativeInfinity", "ToPositiveInfinity"];

    private readonly IReadOnlyDictionary<string, KernelParameter> _parameters;
    private readonly IMethodSymbol _kernel;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<ILocalSymbol, (string Name, ScalarKind Type)> _locals = new(SymbolEqualityComparer.Default);
    // Span locals: the view each denotes, or null where the IR cannot follow it (the kernel then runs as written).
    private readonly Dictionary<ILocalSymbol, SpanView?> _spanLocals = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ILocalSymbol> _spansPassedByRef = new(SymbolEqualityComparer.Default);
    // Why a span local's view is unknown here (assigned again under a condition that has ended), by local.
    private readonly Dictionary<ILocalSymbol, string> _ambiguousSpans = new(SymbolEqualityComparer.Default);
    // How many loops enclosed each span local's declaration: an assignment inside a further loop changes the view
    // from one iteration to the next.
    private readonly Dictionary<ILocalSymbol, int> _spanLoopDepth = new(SymbolEqualityComparer.Default);
    private int _loopDepth;
    // The assignment each span local assigned again last took its view from (as written), for displays.
    private readonly Dictionary<ILocalSymbol, string> _spanAssignments = new(SymbolEqualityComparer.Default);
    /// <summary>The statements after an <c>if</c> that assigns a span local, to be read into each of its branches.</summary>
    private (ImmutableArray<IOperation> Operations, int Start)? _continuation;
    private int _continuationCopies;
    // Locals the reader introduces to hold a slice's start or length as it was when the slice was taken.
    private readonly HashSet<string> _sliceLocals = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);
    private readonly ImmutableArray<Diagnostic>.Builder _errors = ImmutableArray.CreateBuilder<Diagnostic>();
    private readonly Dictionary<object, Location> _locations = new(ReferenceIdentity.Instance);
    private (string Description, Location Location)? _unlowered;
    // Span parameters the body assigns: the IR drops the assignment and keeps reading the span passed in.
    private readonly SortedSet<string> _assignedSpanParameters = new(StringComparer.Ordinal);
    // Scalar parameters the body assigns, read as locals (see CopyAssignedParameters).
    private readonly Dictionary<IParameterSymbol, LocalExpression> _parameterCopies = new(SymbolEqualityComparer.Default);
    private bool _hasInvalidCode;
    private InlineFrame? _frame;

    /// <summary>Statements of inlined helpers with control flow, to run just before the statement being read.</summary>
    private List<KernelStatement>? _pending;

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
        reader.FindSpansPassedByRef(body);
        List<KernelStatement> copies = reader.CopyAssignedParameters(body).ToList();
        KernelStatement statement = reader.ReadStatement(body is IMethodBodyOperation m ? (IOperation?)m.BlockBody ?? m.ExpressionBody! : body);
        BlockStatement block = statement as BlockStatement ?? new BlockStatement(ImmutableArray.Create(statement).ToEquatableArray());
        if (copies.Count > 0)
            block = new BlockStatement(copies.Concat(block.Statements).ToEquatableArray());
        // Statements read into both branches of an if report their excluded constructs twice.
        var errors = reader._errors.GroupBy(e => (e.Id, e.Location.SourceSpan, e.GetMessage())).Select(g => g.First()).ToImmutableArray();
        return new BodyReadResult(block, errors, reader._unlowered, reader._hasInvalidCode, reader._locations)
        {
            AssignedSpanParameters = reader._assignedSpanParameters.ToImmutableArray().ToEquatableArray(),
        };
    }

    // ---- statements -------------------------------------------------------------------------------------------

    /// <summary>Reads one statement, preceded by the bodies of the helpers with control flow its expressions call.</summary>
    private KernelStatement ReadStatement(IOperation operation)
    {
        List<KernelStatement>? outer = _pending;
        _pending = new List<KernelStatement>();
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
                return Track(new BlockStatement(ReadSequence(block.Operations, 0).ToEquatableArray()), operation);
            case IVariableDeclarationGroupOperation group:
                return Track(new BlockStatement(ReadStatements(group).ToEquatableArray()), operation);
            case IExpressionStatementOperation expressionStatement:
                return ReadExpressionStatement(expressionStatement.Operation);
            case IReturnOperation ret when _frame is { IsStatementInline: true } helper:
                return Track(HelperReturn(helper, ret), operation);
            case IReturnOperation ret:
                return Track(new ReturnStatement(ret.ReturnedValue is null ? null : ReadExpression(ret.ReturnedValue)), operation);
            case IConditionalOperation conditional:
                return Track(ReadIf(conditional), operation);
            case IForLoopOperation forLoop:
                return Track(ReadLoop(forLoop.Before.SelectMany(ReadStatements).ToList(), forLoop.Condition, forLoop.AtLoopBottom, forLoop.Body, conditionAfterBody: false), operation);
            case IWhileLoopOperation whileLoop when !whileLoop.ConditionIsUntil:
                return Track(ReadLoop([], whileLoop.Condition, ImmutableArray<IOperation>.Empty, whileLoop.Body, !whileLoop.ConditionIsTop), operation);
            case IForEachLoopOperation forEach when ReadForEach(forEach) is { } loop:
                return Track(loop, operation);
            case ISwitchOperation switchStatement:
                return ReadSwitchStatement(switchStatement);
            case IBranchOperation { BranchKind: BranchKind.Break }:
                return Track(new BreakStatement(), operation);
            case IBranchOperation { BranchKind: BranchKind.Continue }:
                return Track(new ContinueStatement(), operation);
            case IEmptyOperation:
                return new BlockStatement(EquatableArray<KernelStatement>.Empty);
            case ILocalFunctionOperation:
                // A declaration only: its body is read where it is called, inlined like a helper method's.
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
            case ISimpleAssignmentOperation { IsRef: false, Target: ILocalReferenceOperation spanLocal } assignment when IsSpanType(spanLocal.Type):
                return Track(new BlockStatement(ReassignSpanLocal(spanLocal.Local, assignment.Value, operation).ToEquatableArray()), operation);
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
                return ScalarKindFacts.FromType(increment.Target.Type) is { } incremented
                    ? Increment(increment, ReadTargetValue(increment.Target), incremented, operation)
                    : Unsupported(operation);
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
            case IDeconstructionAssignmentOperation deconstruction:
                return Track(new BlockStatement(ReadDeconstruction(deconstruction).ToEquatableArray()), operation);
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
                return Track(new StoreStatement(access.Span.Name, access.Index, value, access.Span.Type, access.Display, access.Slice), statement);
            case IFieldReferenceOperation { Field.IsStatic: true } field:
                return Track(new SharedWriteStatement($"static field '{field.Field.Name}'"), statement);
            case IParameterReferenceOperation parameter when _frame is { IsStatementInline: true } && _frame.Scalars.TryGetValue(parameter.Parameter, out KernelExpression? copy) && copy is LocalExpression local:
                return Track(new AssignLocalStatement(local.Name, value), statement);
            case IParameterReferenceOperation parameter when _frame is null && _parameterCopies.TryGetValue(parameter.Parameter, out LocalExpression? copy):
                return Track(new AssignLocalStatement(copy.Name, value), statement);
            case IParameterReferenceOperation parameter when parameter.Parameter.RefKind != RefKind.None:
                return Track(new SharedWriteStatement($"{(parameter.Parameter.RefKind == RefKind.Out ? "out" : "ref")} parameter '{parameter.Parameter.Name}'"), statement);
            case IParameterReferenceOperation parameter:
                NotLowered(statement, $"an assignment to parameter '{parameter.Parameter.Name}'");
                _assignedSpanParameters.Add(parameter.Parameter.Name);
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
            case IParameterReferenceOperation parameter when _parameterCopies.TryGetValue(parameter.Parameter, out LocalExpression? copy):
                return Track(new LocalExpression(copy.Name, copy.Type), operation);
            case IIncrementOrDecrementOperation increment when ReadIncrementValue(increment) is { } value:
                return value;
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
                return Track(new LoadExpression(access.Span.Name, access.Index, access.Span.Type, access.Display, access.Slice), operation);
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
                if (op is BinaryOperator.ConditionalAnd or BinaryOperator.ConditionalOr)
                    return ReadShortCircuit(binary, op);
                KernelExpression left = ReadExpression(binary.LeftOperand);
                KernelExpression right = ReadExpression(binary.RightOperand);
                return Track(new BinaryExpression(op, left, right, binaryType, binary.IsChecked), operation);
            }
            case IConditionalOperation conditional when type is { } conditionalType:
                return ReadConditional(conditional, conditionalType);
            case IInvocationOperation invocation:
                return ReadInvocation(invocation, type);
            case IIsPatternOperation isPattern:
                return ReadIsPattern(isPattern) is { } test
                    ? Track(test, operation)
                    : new HelperCallExpression(operation.Syntax.ToString(), ScalarKind.Boolean);
            case ISwitchExpressionOperation switchExpression when type is { } switchType:
                return ReadSwitchExpression(switchExpression, switchType) is { } chain
                    ? Track(chain, operation)
                    : new HelperCallExpression(operation.Syntax.ToString(), switchType);
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
        if (!IsStaticOrLocal(method))
        {
            Reject(invocation, method.IsVirtual || method.IsAbstract || method.ContainingType.TypeKind == TypeKind.Interface ? "A virtual or interface call" : "An instance method call",
                "kernels may call only static methods whose bodies are in the kernel language");
            return new HelperCallExpression(method.Name, type ?? ScalarKind.Int32);
        }
        string container = PrimitiveMathAliases.MathClassOf(method) ?? method.ContainingType.ToDisplayString();
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
        else if (method.Name is "RotateLeft" or "RotateRight" && invocation.Arguments.Length == 2
            && container is "System.Numerics.BitOperations" or "uint" or "ulong"
            && type is ScalarKind.UInt32 or ScalarKind.UInt64 && ScalarKindFacts.FromType(invocation.Arguments[1].Value.Type) == ScalarKind.Int32)
        {
            return Track(Rotation(method.Name == "RotateLeft", ReadExpression(invocation.Arguments[0].Value), ReadExpression(invocation.Arguments[1].Value)), invocation);
        }
        else if (ReadBitCount(invocation, method, type) is { } bitCount)
        {
            return Track(bitCount, invocation);
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
    /// A bit rotation of an unsigned value as the two shifts it is: <c>(v &lt;&lt; n) | (v &gt;&gt;&gt; (bits - n))</c>, both
    /// counts masked to the width as C# masks them, which is what <c>BitOperations.RotateLeft</c> computes for every n.
    /// </summary>
    private static KernelExpression Rotation(bool left, KernelExpression value, KernelExpression count)
    {
        ScalarKind type = value.Type;
        int bits = type == ScalarKind.UInt64 ? 64 : 32;
        KernelExpression rest = new BinaryExpression(BinaryOperator.Subtract, new ConstantExpression(ScalarKind.Int32, LiteralFormatter.Format(bits, ScalarKind.Int32), bits), count, ScalarKind.Int32, false);
        KernelExpression toHigh = new BinaryExpression(BinaryOperator.LeftShift, value, left ? count : rest, type, false);
        KernelExpression toLow = new BinaryExpression(BinaryOperator.UnsignedRightShift, value, left ? rest : count, type, false);
        return new BinaryExpression(BinaryOperator.Or, toHigh, toLow, type, false);
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

    /// <summary>
    /// A <c>for</c>, <c>while</c> or <c>do</c> loop. A condition that calls helpers with control flow runs their bodies
    /// each time it is tested: the loop then tests it as <c>if (!condition) break;</c> at the top of its body (in a
    /// <c>do</c> loop, on every pass but the first), where <c>continue</c> reaches it as it reaches the condition.
    /// </summary>
    private LoopStatement ReadLoop(List<KernelStatement> initializers, IOperation? conditionOperation, ImmutableArray<IOperation> increments, IOperation body, bool conditionAfterBody)
    {
        var test = new List<KernelStatement>();
        KernelExpression? condition;
        EquatableArray<KernelStatement> incrementStatements;
        KernelStatement loopBody;
        _loopDepth++;
        try
        {
            condition = conditionOperation is null ? null : ReadInto(conditionOperation, test);
            incrementStatements = increments.SelectMany(ReadStatements).ToEquatableArray();
            loopBody = ReadLoopBody(body);
        }
        finally
        {
            _loopDepth--;
        }
        if (test.Count == 0)
            return new LoopStatement(initializers.ToEquatableArray(), condition, incrementStatements, loopBody, conditionAfterBody);
        test.Add(new IfStatement(Not(condition!), new BreakStatement(), null));
        KernelStatement testStatement = new BlockStatement(test.ToEquatableArray());
        if (conditionAfterBody)
        {
            var entered = new LocalExpression(FreshName("loop_entered"), ScalarKind.Boolean);
            initializers.Add(new DeclareLocalStatement(entered.Name, ScalarKind.Boolean, False));
            testStatement = new IfStatement(entered, testStatement, new AssignLocalStatement(entered.Name, True));
        }
        return new LoopStatement(initializers.ToEquatableArray(), null, incrementStatements, new BlockStatement(ImmutableArray.Create(testStatement, loopBody).ToEquatableArray()), ConditionAfterBody: false);
    }

    /// <summary>
    /// <c>c ? a : b</c>. Where a side calls helpers with control flow, their bodies may run only for the indices
    /// that take that side (an untaken side may read out of range or overflow): the conditional then becomes an
    /// <c>if</c>/<c>else</c> ahead of the statement, assigning a result local.
    /// </summary>
    private KernelExpression ReadConditional(IConditionalOperation conditional, ScalarKind type)
    {
        KernelExpression condition = ReadExpression(conditional.Condition);
        var whenTrueStatements = new List<KernelStatement>();
        var whenFalseStatements = new List<KernelStatement>();
        KernelExpression whenTrue = ReadInto(conditional.WhenTrue!, whenTrueStatements);
        KernelExpression whenFalse = ReadInto(conditional.WhenFalse!, whenFalseStatements);
        if (whenTrueStatements.Count == 0 && whenFalseStatements.Count == 0)
            return Track(new ConditionalExpression(condition, whenTrue, whenFalse, type), conditional);
        if (_pending is null)
            return Placeholder(conditional, $"'{conditional.Syntax}', whose sides call helpers with control flow, here");
        var result = new LocalExpression(FreshName("conditional"), type);
        whenTrueStatements.Add(new AssignLocalStatement(result.Name, whenTrue));
        whenFalseStatements.Add(new AssignLocalStatement(result.Name, whenFalse));
        _pending.Add(new DeclareLocalStatement(result.Name, type, DefaultOf(type)));
        _pending.Add(Track(new IfStatement(condition, new BlockStatement(whenTrueStatements.ToEquatableArray()), new BlockStatement(whenFalseStatements.ToEquatableArray())), conditional));
        return result;
    }

    /// <summary>
    /// <c>a &amp;&amp; b</c> or <c>a || b</c>. Where <c>b</c> calls helpers with control flow, their bodies run only for
    /// the indices scalar code evaluates <c>b</c> for: an <c>if</c> ahead of the statement assigns a result local.
    /// </summary>
    private KernelExpression ReadShortCircuit(IBinaryOperation binary, BinaryOperator op)
    {
        KernelExpression left = ReadExpression(binary.LeftOperand);
        var rightStatements = new List<KernelStatement>();
        KernelExpression right = ReadInto(binary.RightOperand, rightStatements);
        if (rightStatements.Count == 0)
            return Track(new BinaryExpression(op, left, right, ScalarKind.Boolean, false), binary);
        if (_pending is null)
            return Placeholder(binary, $"'{binary.Syntax}', whose right operand calls a helper with control flow, here");
        var result = new LocalExpression(FreshName(op == BinaryOperator.ConditionalAnd ? "and" : "or"), ScalarKind.Boolean);
        rightStatements.Add(new AssignLocalStatement(result.Name, right));
        _pending.Add(new DeclareLocalStatement(result.Name, ScalarKind.Boolean, left));
        _pending.Add(Track(new IfStatement(op == BinaryOperator.ConditionalAnd ? result : Not(result), new BlockStatement(rightStatements.ToEquatableArray()), null), binary));
        return result;
    }

    /// <summary>Reads an expression whose inlined helper bodies go to <paramref name="statements"/>, not ahead of the current statement.</summary>
    private KernelExpression ReadInto(IOperation operation, List<KernelStatement> statements)
    {
        List<KernelStatement>? outer = _pending;
        _pending = statements;
        try
        {
            return ReadExpression(operation);
        }
        finally
        {
            _pending = outer;
        }
    }

    private static KernelExpression Not(KernelExpression condition) => new UnaryExpression(UnaryOperator.LogicalNot, condition, ScalarKind.Boolean, false);

    private static ConstantExpression True => new(ScalarKind.Boolean, "true", null);

    private static ConstantExpression False => new(ScalarKind.Boolean, "false", null);

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
    private (KernelParameter Span, KernelExpression Index, SliceBound? Slice, string Display)? SpanElement(IOperation reference)
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
        // The same text through a span local assigned again is another access: the display (which keys the
        // entry proofs) says which assignment it follows.
        string display = instance is ILocalReferenceOperation local && _spanAssignments.TryGetValue(local.Local, out string? assignment)
            ? $"{reference.Syntax} after {assignment}"
            : reference.Syntax.ToString();
        if (view.IsWhole)
            return (view.Span, position, null, display);
        KernelExpression index = view.Offset is null ? position : LinearSum.Add(view.Offset, position);
        return (view.Span, index, new SliceBound(view.Name, position, view.LengthExpression), display);
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
                if (_ambiguousSpans.TryGetValue(local.Local, out string? ambiguity))
                    NotLowered(local, ambiguity);
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
        string name = FreshName(local.Name);
        _spanLocals[local] = null;
        _spanLoopDepth[local] = _loopDepth;
        if (_spansPassedByRef.Contains(local))
        {
            NotLowered(declarator, $"the span local '{local.Name}', which is passed by ref");
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
    /// Span locals passed by ref or out: the IR cannot follow what the callee makes of them, so these run as written.
    /// Found up front, as an access may precede the call.
    /// </summary>
    private void FindSpansPassedByRef(IOperation body)
    {
        foreach (IOperation operation in body.DescendantsAndSelf())
        {
            if (operation is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation local } && IsSpanType(local.Type))
                _spansPassedByRef.Add(local.Local);
        }
    }

    /// <summary>
    /// <c>s = view;</c> for a span local: from here on <c>s</c> denotes the new view (its slice checks placed here),
    /// as reading follows the order statements run in. Inside a loop the local was declared outside, the view would
    /// change between iterations, which one view per position cannot say: the kernel then runs as written.
    /// </summary>
    private List<KernelStatement> ReassignSpanLocal(ILocalSymbol local, IOperation value, IOperation statement)
    {
        var checks = new List<KernelStatement>();
        if (_spansPassedByRef.Contains(local) || !_spanLoopDepth.TryGetValue(local, out int declaredDepth))
            return checks;
        if (_loopDepth > declaredDepth)
        {
            NotLowered(statement, $"the span local '{local.Name}', assigned again inside a loop (each iteration would see a different span)");
            ScanForErrors(value);
            return checks;
        }
        string name = FreshName(local.Name);
        if (ReadView(value, checks, name) is not { } view)
        {
            NotLowered(statement, $"the span local '{local.Name}' = {value.Syntax}");
            ScanForErrors(value);
            _spanLocals[local] = null;
            return checks;
        }
        _spanLocals[local] = view.IsWhole ? view : view with { Name = name };
        _spanAssignments[local] = $"'{statement.Syntax}'";
        _ambiguousSpans.Remove(local);
        return checks;
    }

    /// <summary>
    /// Statements of a block from <paramref name="start"/> on. After an <c>if</c> that assigns a span local the rest
    /// uses, which span the local is depends on the branch taken: the rest is then read into each branch, where it is
    /// known (a few levels deep at most; beyond, the local's later uses run as written).
    /// </summary>
    private List<KernelStatement> ReadSequence(ImmutableArray<IOperation> operations, int start)
    {
        var statements = new List<KernelStatement>();
        for (int s = start; s < operations.Length; s++)
        {
            if (operations[s] is IConditionalOperation branch && s + 1 < operations.Length && _continuationCopies < 4
                && AssignedSpanLocals(branch).Any(local => _spanLocals.ContainsKey(local) && UsedFrom(operations, s + 1, local)))
            {
                _continuation = (operations, s + 1);
                _continuationCopies++;
                try
                {
                    statements.Add(ReadStatement(branch));
                }
                finally
                {
                    _continuationCopies--;
                }
                return statements;
            }
            statements.AddRange(ReadStatements(operations[s]));
        }
        return statements;
    }

    /// <summary>
    /// An <c>if</c>. Each branch starts from the span locals' views before it; a span local a branch assigns is, after
    /// the <c>if</c>, ambiguous — unless the statements after it were read into both branches.
    /// </summary>
    private IfStatement ReadIf(IConditionalOperation conditional)
    {
        var continuation = _continuation;
        _continuation = null;
        KernelExpression condition = ReadExpression(conditional.Condition);
        var views = new Dictionary<ILocalSymbol, SpanView?>(_spanLocals, SymbolEqualityComparer.Default);
        var ambiguous = new Dictionary<ILocalSymbol, string>(_ambiguousSpans, SymbolEqualityComparer.Default);
        var assignments = new Dictionary<ILocalSymbol, string>(_spanAssignments, SymbolEqualityComparer.Default);
        var changed = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        KernelStatement? Branch(IOperation? statement)
        {
            if (statement is null && continuation is null)
                return null;
            var statements = new List<KernelStatement>();
            if (statement is IConditionalOperation elseIf && continuation is not null)
            {
                // else if: the rest goes into each branch of the inner if.
                _continuation = continuation;
                statements.Add(ReadStatement(elseIf));
            }
            else
            {
                if (statement is not null)
                    statements.Add(ReadStatement(statement));
                if (continuation is { } rest)
                    statements.AddRange(ReadSequence(rest.Operations, rest.Start));
            }
            foreach (var entry in views)
            {
                if (!Equals(entry.Value, _spanLocals[entry.Key]) || ambiguous.ContainsKey(entry.Key) != _ambiguousSpans.ContainsKey(entry.Key))
                    changed.Add(entry.Key);
            }
            Restore(_spanLocals, views);
            Restore(_ambiguousSpans, ambiguous);
            Restore(_spanAssignments, assignments);
            return statements.Count == 1 ? statements[0] : new BlockStatement(statements.ToEquatableArray());
        }
        KernelStatement then = Branch(conditional.WhenTrue)!;
        KernelStatement? otherwise = Branch(conditional.WhenFalse);
        foreach (ILocalSymbol local in changed)
        {
            _spanLocals[local] = null;
            _ambiguousSpans[local] = $"the span local '{local.Name}', assigned again under a condition and used after it where the statements after it could not be read into each branch";
        }
        return new IfStatement(condition, then, otherwise);
    }

    private static void Restore<T>(Dictionary<ILocalSymbol, T> state, Dictionary<ILocalSymbol, T> saved)
    {
        state.Clear();
        foreach (var entry in saved)
            state[entry.Key] = entry.Value;
    }

    private static IEnumerable<ILocalSymbol> AssignedSpanLocals(IOperation operation)
        => operation.DescendantsAndSelf().OfType<ISimpleAssignmentOperation>()
            .Select(a => a.Target).OfType<ILocalReferenceOperation>().Where(l => IsSpanType(l.Type)).Select(l => l.Local);

    private static bool UsedFrom(ImmutableArray<IOperation> operations, int start, ILocalSymbol local)
    {
        for (int s = start; s < operations.Length; s++)
        {
            if (operations[s].DescendantsAndSelf().OfType<ILocalReferenceOperation>().Any(l => SymbolEqualityComparer.Default.Equals(l.Local, local)))
                return true;
        }
        return false;
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
            IAnonymousFunctionOperation
                => ("A lambda", "move the code into a static method of the type (or a local function), which the kernel may call"),
            ITranslatedQueryOperation
                => ("LINQ", "queries allocate and call delegates per element"),
            IAddressOfOperation
                => ("Unsafe code", "pointers defeat the bounds and race analysis"),
            IConversionOperation { Type.IsReferenceType: true, Operand.Type.IsValueType: true }
                => ("Boxing", "it allocates on every index"),
            IInvocationOperation call when !IsStaticOrLocal(call.TargetMethod) && !IsSlice(call)
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
        IDeconstructionAssignmentOperation => "a tuple (deconstruction) assignment",
        IAssignmentOperation => "an assignment used as a value",
        _ => $"'{operation.Syntax}'",
    };

    // ---- helpers ----------------------------------------------------------------------------------------------

    private string DeclareLocal(ILocalSymbol local, ScalarKind type)
    {
        string name = FreshName(local.Name);
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
    /// <summary>See <see cref="KernelModel.AssignedSpanParameters"/>.</summary>
    public EquatableArray<string> AssignedSpanParameters { get; init; } = EquatableArray<string>.Empty;
}

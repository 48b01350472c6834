using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DataParallel.Compiler.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DataParallel.Compiler.Syntax;

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
    private readonly Dictionary<ILocalSymbol, SpanValue?> _spanLocals = new(SymbolEqualityComparer.Default);
    // A span local may be one of at most this many views after ifs that assign it (each access reads all of them).
    private const int MaxSpanChoices = 8;
    // The selectors of the span choices (see ReadIf): declared at the top of the body, so that every use is in scope.
    private readonly List<string> _selectors = new();
    private readonly HashSet<ILocalSymbol> _spansPassedByRef = new(SymbolEqualityComparer.Default);
    // Why a span local's view is unknown here (assigned again under a condition that has ended), by local.
    private readonly Dictionary<ILocalSymbol, string> _ambiguousSpans = new(SymbolEqualityComparer.Default);
    // How many loops enclosed each span local's declaration: an assignment inside a further loop changes the view
    // from one iteration to the next.
    private readonly Dictionary<ILocalSymbol, int> _spanLoopDepth = new(SymbolEqualityComparer.Default);
    private int _loopDepth;
    // Locals the reader introduces to hold a slice's start or length as it was when the slice was taken.
    private readonly HashSet<string> _sliceLocals = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);
    private readonly ImmutableArray<Diagnostic>.Builder _errors = ImmutableArray.CreateBuilder<Diagnostic>();
    private readonly Dictionary<int, Location> _locations = new();
    private int _lastId = KernelNode.NoSource;
    private (string Description, Location Location)? _unlowered;
    // Span parameters the body assigns: the IR drops the assignment and keeps reading the span passed in.
    private readonly SortedSet<string> _assignedSpanParameters = new(StringComparer.Ordinal);
    // Scalar parameters the body assigns, read as locals (see CopyAssignedParameters).
    private readonly Dictionary<IParameterSymbol, LocalExpression> _parameterCopies = new(SymbolEqualityComparer.Default);
    private bool _hasInvalidCode;
    // A construct the IR does not model reads or writes a span: the race analysis cannot see those accesses.
    private bool _hidesSpanAccesses;
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
        List<KernelStatement> copies = reader.ScanAhead(body);
        KernelStatement statement = reader.ReadStatement(body is IMethodBodyOperation m ? (IOperation?)m.BlockBody ?? m.ExpressionBody! : body);
        BlockStatement block = statement as BlockStatement ?? new BlockStatement(ImmutableArray.Create(statement).ToEquatableArray());
        copies.AddRange(reader._selectors.Select(selector => new DeclareLocalStatement(selector, ScalarKind.Boolean, False)));
        if (copies.Count > 0)
            block = new BlockStatement(copies.Concat(block.Statements).ToEquatableArray());
        reader.NumberUntracked(block);
        // A helper inlined at two calls reports its excluded constructs twice.
        var errors = reader._errors.GroupBy(e => (e.Id, e.Location.SourceSpan, e.GetMessage())).Select(g => g.First()).ToImmutableArray();
        return new BodyReadResult(block, errors, reader._unlowered, reader._hasInvalidCode, reader._locations)
        {
            AssignedSpanParameters = reader._assignedSpanParameters.ToImmutableArray().ToEquatableArray(),
            HidesSpanAccesses = reader._hidesSpanAccesses,
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
                yield return Track(new DeclareLocalStatement(name, type, value, local.Name), declarator);
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
            case IPropertyReferenceOperation or IImplicitIndexerReferenceOperation when SpanElement<KernelStatement>(target,
                    access => Track(new StoreStatement(access.Span.Name, access.Index, value, access.Span.Type, access.Display, access.Slice), statement),
                    (selector, whenTrue, whenFalse) => Track(new IfStatement(selector, whenTrue, whenFalse), statement)) is { } store:
                return store;
            case IFieldReferenceOperation { Field.IsStatic: true } field:
                return Track(new SharedWriteStatement(field.Field.Name, $"static field '{field.Field.Name}'"), statement);
            case IParameterReferenceOperation parameter when _frame is { IsStatementInline: true } && _frame.Scalars.TryGetValue(parameter.Parameter, out KernelExpression? copy) && copy is LocalExpression local:
                return Track(new AssignLocalStatement(local.Name, value), statement);
            case IParameterReferenceOperation parameter when _frame is null && _parameterCopies.TryGetValue(parameter.Parameter, out LocalExpression? copy):
                return Track(new AssignLocalStatement(copy.Name, value), statement);
            case IParameterReferenceOperation parameter when parameter.Parameter.RefKind != RefKind.None:
                return Track(new SharedWriteStatement(parameter.Parameter.Name, $"{(parameter.Parameter.RefKind == RefKind.Out ? "out" : "ref")} parameter '{parameter.Parameter.Name}'"), statement);
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
            case IPropertyReferenceOperation or IImplicitIndexerReferenceOperation when SpanElement<KernelExpression>(operation,
                    access => Track(new LoadExpression(access.Span.Name, access.Index, access.Span.Type, access.Display, access.Slice), operation),
                    (selector, whenTrue, whenFalse) => Track(new ConditionalExpression(selector, whenTrue, whenFalse, whenTrue.Type), operation)) is { } load:
                return load;
            case IPropertyReferenceOperation { Property.Name: "Length", Instance: { } lengthOf } when IsSpanType(lengthOf.Type) && ReadView(lengthOf, null, "") is { } view:
                return LengthOf(view, operation);
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
        else if (container is "float" or "double" && MathMethodNames.IsClassification(method.Name) && invocation.Arguments.Length == 1 && type == ScalarKind.Boolean)
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

    /// <summary>Statements of a block from <paramref name="start"/> on.</summary>
    private List<KernelStatement> ReadSequence(ImmutableArray<IOperation> operations, int start)
    {
        var statements = new List<KernelStatement>();
        for (int s = start; s < operations.Length; s++)
            statements.AddRange(ReadStatements(operations[s]));
        return statements;
    }

    private static IEnumerable<ILocalSymbol> AssignedSpanLocals(IOperation operation)
        => operation.DescendantsAndSelf().OfType<ISimpleAssignmentOperation>()
            .Select(a => a.Target).OfType<ILocalReferenceOperation>().Where(l => IsSpanType(l.Type)).Select(l => l.Local);

    // ---- helpers ----------------------------------------------------------------------------------------------

    private string DeclareLocal(ILocalSymbol local, ScalarKind type)
    {
        string name = FreshName(local.Name);
        _locals[local] = (name, type);
        return name;
    }

    /// <summary>
    /// Gives the nodes built without an operation of their own (offsets, slice bounds, the locals and branches the
    /// reader introduces) their ids, after the tracked ones, in body order: then every node of the body has an id of
    /// its own, and lookups never need to compare references.
    /// </summary>
    private void NumberUntracked(BlockStatement body)
    {
        foreach (KernelNode node in Analysis.KernelWalker.Nodes(body))
        {
            if (node.Id == KernelNode.NoSource)
                node.Id = ++_lastId;
        }
    }

    /// <summary>
    /// Gives <paramref name="node"/> its id and records where it is in the source. A node tracked again (an outer
    /// operation that reads as the same node) takes the outer operation's place: it gets a new id and the old one
    /// is forgotten, so every id in the locations names a node in the body.
    /// </summary>
    private T Track<T>(T node, IOperation operation) where T : KernelNode
    {
        _locations.Remove(node.Id);
        node.Id = ++_lastId;
        _locations[node.Id] = operation.Syntax.GetLocation();
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

    public Dictionary<IParameterSymbol, SpanValue> Spans { get; } = new(SymbolEqualityComparer.Default);

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
/// <param name="Locations">The source location of IR nodes read from an operation, by <see cref="KernelNode.Id"/>, for diagnostics.</param>
internal sealed record BodyReadResult(
    BlockStatement Body,
    ImmutableArray<Diagnostic> Errors,
    (string Description, Location Location)? Unlowered,
    bool HasInvalidCode,
    IReadOnlyDictionary<int, Location> Locations)
{
    /// <summary>See <see cref="KernelModel.AssignedSpanParameters"/>.</summary>
    public EquatableArray<string> AssignedSpanParameters { get; init; } = EquatableArray<string>.Empty;

    /// <summary>See <see cref="KernelModel.HidesSpanAccesses"/>.</summary>
    public bool HidesSpanAccesses { get; init; }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DataParallel.Compiler.Syntax;

/// <summary>
/// Spans: span parameters, span locals and slices: every element access resolved to an access of the underlying parameter at offset + position, with the checks a slice makes where it is taken.
/// </summary>
internal sealed partial class KernelBodyReader
{
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
        // A slice used in place (x.Slice(k)[i], x[k..][i]) is taken where the statement runs: its checks go just before it,
        // as a span local's go at its declaration.
        bool inPlaceSlice = instance is IInvocationOperation call && IsSlice(call) || instance is IImplicitIndexerReferenceOperation { Argument: IRangeOperation };
        List<KernelStatement>? checks = inPlaceSlice ? _pending : null;
        if (instance is null || argument is null || ReadView(instance, checks, checks is null ? "" : FreshName("slice")) is not { } view)
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
                KernelExpression? start = range.LeftOperand is null ? LinearSum.Constant(0) : Position(range.LeftOperand, source);
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
            UniformExpression uniform => _parameters.TryGetValue(uniform.Name, out KernelParameter? p) && p.RefKind == ParameterRefKind.Value,
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
    /// Notes a span local passed by ref or out: the IR cannot follow what the callee makes of it, so it runs as
    /// written. Found up front (<see cref="ScanAhead"/>), as an access may precede the call.
    /// </summary>
    private void NoteSpanPassedByRef(IOperation operation)
    {
        if (operation is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation local } && IsSpanType(local.Type))
            _spansPassedByRef.Add(local.Local);
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

    private static bool IsSpanType(ITypeSymbol? type)
        => type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1, Name: "Span" or "ReadOnlySpan" } named
            && named.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true }
            && ScalarKindFacts.FromType(named.TypeArguments[0]) is not null;

    private static bool IsSlice(IInvocationOperation call)
        => call.TargetMethod.Name == "Slice" && !call.TargetMethod.IsStatic && IsSpanType(call.TargetMethod.ContainingType) && call.Arguments.Length is 1 or 2;
}

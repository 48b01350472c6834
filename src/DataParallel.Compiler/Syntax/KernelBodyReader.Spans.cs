using System;
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
    /// parameter: at offset + position, with the slice's own check when <c>s</c> is a window. Through a span local
    /// that an earlier <c>if</c> left a <see cref="SpanChoice"/>, it is one access per view, combined by
    /// <paramref name="choose"/> under the selector; the position is read once, for all of them.
    /// </summary>
    private T? SpanElement<T>(IOperation reference, Func<ElementAccess, T> access, Func<KernelExpression, T, T, T> choose) where T : class
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
        if (instance is null || argument is null || ReadView(instance, checks, checks is null ? "" : FreshName("slice")) is not { } value)
            return null;
        if (PositionOf(argument) is not { } position)
            return null;
        T Resolve(SpanValue target) => target switch
        {
            SpanChoice choice => choose(choice.Selector, Resolve(choice.WhenTrue), Resolve(choice.WhenFalse)),
            _ => access(Element((SpanView)target)),
        };
        ElementAccess Element(SpanView view)
        {
            // The same text through a span local assigned again is another access: its messages say which
            // assignment it follows.
            string display = instance is ILocalReferenceOperation && view.AssignedBy is { } assignment
                ? $"{reference.Syntax} after {assignment}"
                : reference.Syntax.ToString();
            KernelExpression at = position(view);
            if (view.IsWhole)
                return new ElementAccess(view.Span, at, null, display);
            KernelExpression index = view.Offset is null ? at : LinearSum.Add(view.Offset, at);
            return new ElementAccess(view.Span, index, new SliceBound(view.Name, at, view.LengthExpression), display);
        }
        return Resolve(value);
    }

    /// <summary><c>.Length</c> of a span value: the view's, or <c>selector ? a : b</c> where the views' lengths differ.</summary>
    private KernelExpression LengthOf(SpanValue value, IOperation operation) => value switch
    {
        SpanChoice choice when LengthOf(choice.WhenTrue, operation) is var whenTrue && LengthOf(choice.WhenFalse, operation) is var whenFalse
            => whenTrue.Equals(whenFalse) ? whenTrue : new ConditionalExpression(choice.Selector, whenTrue, whenFalse, ScalarKind.Int32),
        SpanView { IsWhole: true } whole => Track(new SpanLengthExpression(whole.Span.Name), operation),
        _ => ((SpanView)value).LengthExpression,
    };

    /// <summary>The kernel span a parameter reference denotes: the kernel's own, or the one a helper was passed.</summary>
    private SpanValue? ResolveSpan(IParameterReferenceOperation reference)
    {
        if (_frame is not null)
            return _frame.Spans.TryGetValue(reference.Parameter, out SpanValue? passed) ? passed : null;
        return _parameters.TryGetValue(reference.Parameter.Name, out KernelParameter? span) && span.IsSpan ? new SpanView(span, span.Name, null, null) : null;
    }

    // ---- span locals and slices -------------------------------------------------------------------------------

    /// <summary>
    /// The view a span-valued operation denotes: a span parameter, a span local, or — where
    /// <paramref name="checks"/> can take the slice's argument check — a slice or range of one. Null where the IR
    /// cannot follow the span.
    /// </summary>
    private SpanValue? ReadView(IOperation operation, List<KernelStatement>? checks, string owner)
    {
        switch (operation)
        {
            case IParameterReferenceOperation parameter:
                return ResolveSpan(parameter);
            case ILocalReferenceOperation local:
                if (_ambiguousSpans.TryGetValue(local.Local, out string? ambiguity))
                    NotLowered(local, ambiguity);
                return _spanLocals.TryGetValue(local.Local, out SpanValue? view) ? view : null;
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
                KernelExpression? length = arguments.Length > 1 ? ReadExpression(arguments[1].Value) : null;
                if (source is SpanChoice && length is not null)
                    length = Snapshot(length, owner + "_length", checks, call);
                return SliceOf(source, view => (start, length ?? LinearSum.Subtract(view.LengthExpression, start)), owner, call, checks);
            }
            case IImplicitIndexerReferenceOperation { Argument: IRangeOperation range } rangeSlice when checks is not null:
            {
                if (ReadView(rangeSlice.Instance, checks, owner) is not { } source)
                    return null;
                // A choice places the bounds in each of its views, inside the branches of an if: what they read is
                // fixed first, where it is in scope for all of them.
                Func<KernelExpression, KernelExpression>? hold = source is SpanChoice ? bound => Snapshot(bound, owner + "_bound", checks, rangeSlice) : null;
                Func<SpanView, KernelExpression>? start = range.LeftOperand is null ? _ => LinearSum.Constant(0) : PositionOf(range.LeftOperand, hold);
                Func<SpanView, KernelExpression>? end = range.RightOperand is null ? view => view.LengthExpression : PositionOf(range.RightOperand, hold);
                if (start is null || end is null)
                    return null;
                return SliceOf(source, view =>
                {
                    KernelExpression from = Snapshot(start(view), owner + "_start", checks, rangeSlice);
                    return (from, LinearSum.Subtract(end(view), from));
                }, owner, rangeSlice, checks);
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
    /// A slice of a span value with the start and length <paramref name="bounds"/> gives in each view. A slice of a
    /// <see cref="SpanChoice"/> is the choice of the slices of its views, each with its checks in its branch of
    /// <c>if (selector)</c>.
    /// </summary>
    private SpanValue SliceOf(SpanValue source, Func<SpanView, (KernelExpression Start, KernelExpression Length)> bounds, string owner, IOperation at, List<KernelStatement> checks)
    {
        if (source is not SpanChoice choice)
        {
            var view = (SpanView)source;
            var (start, length) = bounds(view);
            return Slice(view, start, length, owner, at, checks);
        }
        var whenTrueChecks = new List<KernelStatement>();
        var whenFalseChecks = new List<KernelStatement>();
        SpanValue whenTrue = SliceOf(choice.WhenTrue, bounds, owner, at, whenTrueChecks);
        SpanValue whenFalse = SliceOf(choice.WhenFalse, bounds, owner, at, whenFalseChecks);
        checks.Add(new IfStatement(choice.Selector, new BlockStatement(whenTrueChecks.ToEquatableArray()), new BlockStatement(whenFalseChecks.ToEquatableArray())));
        return choice with { WhenTrue = whenTrue, WhenFalse = whenFalse };
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

    /// <summary>
    /// An element position written as an int, an implicit <c>Index</c> of one, or <c>^k</c> (from the view's end),
    /// read once: the result places it in a given view.
    /// </summary>
    private Func<SpanView, KernelExpression>? PositionOf(IOperation operand, Func<KernelExpression, KernelExpression>? hold = null)
    {
        KernelExpression Read(IOperation value) => hold is null ? ReadExpression(value) : hold(ReadExpression(value));
        switch (operand)
        {
            case var _ when operand.Type?.SpecialType == SpecialType.System_Int32:
            {
                KernelExpression position = Read(operand);
                return _ => position;
            }
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat } hat when hat.Operand.Type?.SpecialType == SpecialType.System_Int32:
            {
                KernelExpression fromEnd = Read(hat.Operand);
                return view => LinearSum.Subtract(view.LengthExpression, fromEnd);
            }
            case IConversionOperation { Operand.Type.SpecialType: SpecialType.System_Int32 } conversion:
            {
                KernelExpression position = Read(conversion.Operand);
                return _ => position;
            }
            default:
                return null;
        }
    }

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
        if (initializer is null || ReadView(initializer.Value, checks, name) is not { } value)
        {
            NotLowered(declarator, initializer is null ? $"the span local '{local.Name}' without an initializer" : $"the span local '{local.Name}' = {initializer.Value.Syntax}");
            if (initializer is not null)
                ScanForErrors(initializer.Value);
            return [];
        }
        // A view the local is declared with is its own, whatever assignment gave it to another local.
        _spanLocals[local] = Named(value, name, assignedBy: null);
        return checks;
    }

    /// <summary>A span local's value: a window takes the local's name; every view records the assignment, if any.</summary>
    private static SpanValue Named(SpanValue value, string name, string? assignedBy) => value switch
    {
        SpanView { IsWhole: true } whole => whole with { AssignedBy = assignedBy },
        SpanView window => window with { Name = name, AssignedBy = assignedBy },
        SpanChoice choice => choice with { WhenTrue = Keep(choice.WhenTrue, assignedBy), WhenFalse = Keep(choice.WhenFalse, assignedBy) },
        _ => value,
    };

    /// <summary>The views a choice copied from another local keep their names (the slices they were taken as).</summary>
    private static SpanValue Keep(SpanValue value, string? assignedBy) => value switch
    {
        SpanView view => view with { AssignedBy = assignedBy },
        SpanChoice choice => choice with { WhenTrue = Keep(choice.WhenTrue, assignedBy), WhenFalse = Keep(choice.WhenFalse, assignedBy) },
        _ => value,
    };

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
        _spanLocals[local] = Named(view, name, $"'{statement.Syntax}'");
        _ambiguousSpans.Remove(local);
        return checks;
    }

    /// <summary>One element access resolved to its kernel span parameter (see <see cref="SpanElement"/>).</summary>
    private sealed record ElementAccess(KernelParameter Span, KernelExpression Index, SliceBound? Slice, string Display);

    private static bool IsSpanType(ITypeSymbol? type)
        => type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1, Name: "Span" or "ReadOnlySpan" } named
            && named.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true }
            && ScalarKindFacts.FromType(named.TypeArguments[0]) is not null;

    private static bool IsSlice(IInvocationOperation call)
        => call.TargetMethod.Name == "Slice" && !call.TargetMethod.IsStatic && IsSpanType(call.TargetMethod.ContainingType) && call.Arguments.Length is 1 or 2;
}

using System.Collections.Generic;
using DataParallel.Compiler.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DataParallel.Compiler.Syntax;

internal sealed partial class KernelBodyReader
{
    /// <summary>
    /// <c>foreach (var w in weights) …</c> over a span (a parameter, a span local or a slice) is the counted loop C#
    /// compiles it to: <c>for (int w_at = 0; w_at &lt; view.Length; w_at++) { var w = view[w_at]; … }</c>, with the
    /// view taken once, before the first iteration. Null for what that does not cover (a <c>ref</c> iteration
    /// variable, a deconstructing one, an element converted to another type, a collection that is not a span the
    /// reader can follow), which then runs as written.
    /// </summary>
    private KernelStatement? ReadForEach(IForEachLoopOperation forEach)
    {
        IOperation collection = forEach.Collection is IConversionOperation { Conversion.IsIdentity: true } identity ? identity.Operand : forEach.Collection;
        if (forEach.IsAsynchronous || forEach.LoopControlVariable is not IVariableDeclaratorOperation { Symbol: { IsRef: false } element }
            || !IsSpanType(collection.Type) || ScalarKindFacts.FromType(element.Type) is not { } type)
            return null;
        var statements = new List<KernelStatement>();
        SpanValue? value = ReadView(collection, statements, "foreach_" + element.Name);
        if (value is SpanChoice)
            NotLowered(collection, $"a foreach over '{collection.Syntax}', which is a different span on each side of an earlier if");
        if (value is not SpanView view || view.Span.Type != type)
            return null;

        var at = new LocalExpression(FreshName(element.Name + "_at"), ScalarKind.Int32);
        KernelExpression index = view.Offset is null ? at : LinearSum.Add(view.Offset, at);
        SliceBound? slice = view.IsWhole ? null : new SliceBound(view.Name, at, view.LengthExpression);
        var load = new LoadExpression(view.Span.Name, index, type, $"{element.Name} in {collection.Syntax}", slice);
        KernelStatement body;
        _loopDepth++;
        try
        {
            var declare = new DeclareLocalStatement(DeclareLocal(element, type), type, load, element.Name);
            body = new BlockStatement(new KernelStatement[] { declare, ReadLoopBody(forEach.Body) }.ToEquatableArray());
        }
        finally
        {
            _loopDepth--;
        }
        statements.Add(new LoopStatement(
            new KernelStatement[] { new DeclareLocalStatement(at.Name, ScalarKind.Int32, LinearSum.Constant(0)) }.ToEquatableArray(),
            new BinaryExpression(BinaryOperator.LessThan, at, view.LengthExpression, ScalarKind.Boolean, false),
            new KernelStatement[] { new AssignLocalStatement(at.Name, new BinaryExpression(BinaryOperator.Add, at, LinearSum.Constant(1), ScalarKind.Int32, false)) }.ToEquatableArray(),
            body,
            ConditionAfterBody: false));
        return new BlockStatement(statements.ToEquatableArray());
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DataParallel.Compiler.Syntax;

/// <summary>
/// Span choices: after an <c>if</c> whose branches leave a span local different views, the local is a
/// <see cref="SpanChoice"/> (a φ of the two), and the statements after the <c>if</c> are read once.
/// </summary>
internal sealed partial class KernelBodyReader
{
    /// <summary>
    /// An <c>if</c>. Each branch starts from the span locals' views before it. A span local the branches leave
    /// different and that is used after the <c>if</c> becomes a <see cref="SpanChoice"/> between the two (a φ), and
    /// later accesses through the local select by which branch ran: by the condition itself where nothing in it can
    /// change (the analyses then see the same condition as at the <c>if</c>), else by a selector local set in each
    /// branch.
    /// </summary>
    private KernelStatement ReadIf(IConditionalOperation conditional)
    {
        KernelExpression condition = ReadExpression(conditional.Condition);
        var before = SpanState.Save(this);
        KernelStatement then = ReadStatement(conditional.WhenTrue);
        var afterThen = SpanState.Save(this);
        before.Restore(this);
        KernelStatement? otherwise = conditional.WhenFalse is null ? null : ReadStatement(conditional.WhenFalse);
        var afterElse = SpanState.Save(this);
        before.Restore(this);

        KernelExpression? selector = null;
        string? selectorLocal = null;
        foreach (var entry in before.Views)
        {
            ILocalSymbol local = entry.Key;
            SpanValue? whenTrue = afterThen.Views[local], whenFalse = afterElse.Views[local];
            string? ambiguity = afterThen.Ambiguous.TryGetValue(local, out string? a) ? a : afterElse.Ambiguous.TryGetValue(local, out string? b) ? b : null;
            if (Equals(whenTrue, whenFalse) && ambiguity is null)
            {
                // Left the same view by both: the assignment that gave it, if either made one, still names it.
                _spanLocals[local] = Equals(whenTrue, entry.Value) ? entry.Value : whenTrue;
                continue;
            }
            if (ambiguity is null && whenTrue is not null && whenFalse is not null && whenTrue.Views + whenFalse.Views <= MaxSpanChoices
                && UsedAfter(conditional, local))
            {
                if (selector is null && IsUnchanging(condition))
                    selector = condition;
                else if (selector is null)
                {
                    selectorLocal = FreshName("branch");
                    selector = new LocalExpression(selectorLocal, ScalarKind.Boolean);
                }
                _spanLocals[local] = new SpanChoice(selector, whenTrue, whenFalse);
                continue;
            }
            _spanLocals[local] = null;
            _ambiguousSpans[local] = ambiguity
                ?? $"the span local '{local.Name}', assigned again under a condition where {(whenTrue is null || whenFalse is null ? "a branch leaves it a span the compiler cannot follow" : $"it could be one of more than {MaxSpanChoices} spans")}";
        }
        if (selectorLocal is null)
            return new IfStatement(condition, then, otherwise);
        _selectors.Add(selectorLocal);
        KernelStatement Mark(bool ran, KernelStatement? branch)
        {
            KernelStatement set = new AssignLocalStatement(selectorLocal, ran ? True : False);
            return branch is null ? set : new BlockStatement(ImmutableArray.Create(set, branch).ToEquatableArray());
        }
        return new IfStatement(condition, Mark(true, then), Mark(false, otherwise));
    }

    /// <summary>
    /// Whether <paramref name="condition"/> has the same value wherever it is evaluated in the body: it reads only
    /// constants, indices, span lengths and uniforms passed by value (an assigned parameter is read as a local).
    /// </summary>
    private bool IsUnchanging(KernelExpression condition)
        => Analysis.KernelWalker.Expressions(condition).All(e => e switch
        {
            ConstantExpression or IndexExpression or SpanLengthExpression => true,
            UniformExpression uniform => _parameters.TryGetValue(uniform.Name, out KernelParameter? p) && p.RefKind == ParameterRefKind.Value,
            ConvertExpression { Checked: false } or UnaryExpression { Checked: false } or BinaryExpression { Checked: false } => true,
            ConditionalExpression => true,
            _ => false,
        });

    /// <summary>
    /// Whether <paramref name="local"/> is read or written after <paramref name="conditional"/> in the source. A span
    /// local assigned inside a loop is declared in that loop (else the reader gives up on it), so nothing before the
    /// <c>if</c> can see what it assigned.
    /// </summary>
    private static bool UsedAfter(IConditionalOperation conditional, ILocalSymbol local)
    {
        IOperation root = conditional;
        while (root.Parent is { } parent)
            root = parent;
        int end = conditional.Syntax.Span.End;
        return root.DescendantsAndSelf().OfType<ILocalReferenceOperation>()
            .Any(reference => reference.Syntax.SpanStart >= end && SymbolEqualityComparer.Default.Equals(reference.Local, local));
    }

    /// <summary>What the reader knows of the span locals at one point: restored at the start of each branch.</summary>
    private sealed class SpanState(Dictionary<ILocalSymbol, SpanValue?> views, Dictionary<ILocalSymbol, string> ambiguous)
    {
        public Dictionary<ILocalSymbol, SpanValue?> Views { get; } = views;

        public Dictionary<ILocalSymbol, string> Ambiguous { get; } = ambiguous;

        public static SpanState Save(KernelBodyReader reader)
            => new(new(reader._spanLocals, SymbolEqualityComparer.Default), new(reader._ambiguousSpans, SymbolEqualityComparer.Default));

        public void Restore(KernelBodyReader reader)
        {
            Copy(Views, reader._spanLocals);
            Copy(Ambiguous, reader._ambiguousSpans);
        }

        private static void Copy<T>(Dictionary<ILocalSymbol, T> from, Dictionary<ILocalSymbol, T> to)
        {
            to.Clear();
            foreach (var entry in from)
                to[entry.Key] = entry.Value;
        }
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;

namespace DataParallel.Generators.Emit;

/// <summary>
/// The entry proofs, one statement per access or slice check: each bounds the indices by interval arithmetic
/// over the domain box. An exact proof that fails throws (some index would fault); an over-approximate one only
/// clears <c>__inBounds</c>.
/// </summary>
/// <param name="Inexact">Whether some proof only over-approximates (and so writes <c>__inBounds</c>).</param>
/// <param name="MayFail">Whether some proof may throw <see cref="System.ArithmeticException"/> (<see cref="IntervalWriter.MayFail"/>).</param>
internal sealed record EntryProofs(IReadOnlyList<string> Statements, bool Inexact, bool MayFail);

/// <summary>
/// Writes the checks an entry point makes before any index runs — bounds proofs and race-freedom requirements — in
/// terms of the entry's names (<see cref="EntryScope"/>: parameters by name, <c>span.Length</c>, <c>__start{d}</c>,
/// <c>__count{d}</c>, <c>__box{d}</c>). The CPU runner and the GPU launcher print the same checks.
/// </summary>
internal static class EntryProofWriter
{
    public static EntryProofs Render(IndexRanges ranges, ImmutableArray<ProvenAccess> proven)
    {
        var statements = new List<string>();
        var intervals = new IntervalWriter(ranges, new ScalarExpressionWriter(EntryScope.Instance));
        var scalar = new ScalarExpressionWriter(EntryScope.Instance);
        bool limitMayThrow = false;
        foreach (ProvenAccess access in proven)
        {
            if (!access.IsAccess)
            {
                // A slice's own check: its lower side must be ≥ 0, its upper side below a limit known at entry.
                string lower = intervals.Write(access);
                string upper = access.NoUpper ? "Dp::LongInterval.Empty" : intervals.Write(access, access.Upper ?? access.Index);
                string limit = access.Limit is null ? $"{Identifier.Escape(access.Span)}.Length" : scalar.Write(access.Limit);
                limitMayThrow |= access.Limit is not null && IntervalWriter.MayThrow(access.Limit);
                statements.Add(access.Exact
                    ? $"{GeneratedNames.Domain}.RequireSliceInBounds({lower}, {upper}, {limit}, \"{access.Span}\", \"{Escape(access.Display)}\");"
                    : $"__inBounds &= Dp::LongInterval.Within({lower}, {upper}, {limit});");
                continue;
            }
            string span = Identifier.Escape(access.Span);
            statements.Add(access.Exact
                ? $"{GeneratedNames.Domain}.RequireInBounds({intervals.Write(access)}, {span}.Length, \"{access.Span}\", \"{Escape(access.Display)}\");"
                : $"__inBounds &= {intervals.Write(access)}.IsWithin({span}.Length);");
        }
        return new EntryProofs(statements, proven.Any(p => !p.Exact), intervals.MayFail || limitMayThrow);
    }

    /// <summary>
    /// Whether evaluating a requirement may overflow (it is evaluated checked) or divide by zero: the fact is then
    /// undecided for a call where that happens.
    /// </summary>
    public static bool RequirementsMayThrow(EquatableArray<RuntimeRequirement> requirements)
        => requirements.Any(r => KernelWalker.Expressions(r.Condition).Any(IsArithmetic));

    /// <summary>One <c>Domain.RequireRaceFree</c> statement per requirement (checked where <paramref name="mayThrow"/>).</summary>
    public static IEnumerable<string> RaceFreeChecks(EquatableArray<RuntimeRequirement> requirements, bool mayThrow)
    {
        var conditions = new ScalarExpressionWriter(EntryScope.Instance);
        foreach (RuntimeRequirement requirement in requirements)
        {
            string accesses = requirement.First == requirement.Second ? requirement.First : $"{requirement.First} and {requirement.Second}";
            string condition = conditions.Write(requirement.Condition);
            yield return $"{GeneratedNames.Domain}.RequireRaceFree({(mayThrow ? $"checked({condition})" : condition)}, \"{Escape(requirement.Description)}\", \"{Escape(accesses)}\");";
        }
    }

    /// <summary>An operation that may overflow (evaluated checked) or divide by zero; comparisons and widenings cannot.</summary>
    private static bool IsArithmetic(KernelExpression expression) => expression switch
    {
        BinaryExpression { Operator: BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply or BinaryOperator.Divide or BinaryOperator.Remainder } => true,
        UnaryExpression { Operator: UnaryOperator.Negate } => true,
        ConvertExpression { Checked: true } => true,
        _ => false,
    };

    /// <summary>Text inside a generated string literal.</summary>
    public static string Escape(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\r", " ").Replace("\n", " ");
}

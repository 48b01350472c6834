using System;
using System.Collections.Generic;
using System.Linq;

namespace DataParallel.Compiler.Model;

/// <summary>
/// Int sums as the reader builds them for slices: offsets added to positions, range ends minus range starts. It
/// flattens <c>+</c>, <c>−</c> and negation into terms, cancels equal terms and folds constants, so that
/// <c>a[(r * n)..(r * n + n)]</c> has length <c>n</c> rather than <c>(r * n + n) − r * n</c>, which interval
/// arithmetic could not bound. Int addition wraps modulo 2³² and is associative there, so the rebuilt sum computes
/// the same value as the original for every input.
/// </summary>
internal static class LinearSum
{
    public static KernelExpression Add(KernelExpression left, KernelExpression right) => Combine(left, right, 1);

    public static KernelExpression Subtract(KernelExpression left, KernelExpression right) => Combine(left, right, -1);

    /// <summary>
    /// Splits a sum into the terms <paramref name="atEntry"/> accepts and the rest (either is null when empty):
    /// <c>expression = AtEntry + Varying</c>.
    /// </summary>
    public static (KernelExpression? AtEntry, KernelExpression? Varying) Split(KernelExpression expression, Func<KernelExpression, bool> atEntry)
    {
        var (terms, constant) = Flatten(expression);
        var entry = terms.Where(t => atEntry(t.Term)).ToList();
        var rest = terms.Where(t => !atEntry(t.Term)).ToList();
        return (entry.Count == 0 && constant == 0 ? null : Build(entry, constant), rest.Count == 0 ? null : Build(rest, 0));
    }

    private static KernelExpression Combine(KernelExpression left, KernelExpression right, long sign)
    {
        var (leftTerms, leftConstant) = Flatten(left);
        var (rightTerms, rightConstant) = Flatten(right);
        foreach (var (term, coefficient) in rightTerms)
            AddTerm(leftTerms, term, sign * coefficient);
        return Build(leftTerms, leftConstant + sign * rightConstant);
    }

    private static (List<(KernelExpression Term, long Coefficient)> Terms, long Constant) Flatten(KernelExpression expression)
    {
        var terms = new List<(KernelExpression, long)>();
        long constant = 0;
        void Visit(KernelExpression e, long sign, int depth)
        {
            switch (e)
            {
                case ConstantExpression { IntegerValue: { } value, Type: ScalarKind.Int32 }:
                    constant = unchecked(constant + sign * value);
                    break;
                case BinaryExpression { Operator: BinaryOperator.Add or BinaryOperator.Subtract, Type: ScalarKind.Int32, Checked: false } sum when depth < 64:
                    Visit(sum.Left, sign, depth + 1);
                    Visit(sum.Right, sum.Operator == BinaryOperator.Add ? sign : -sign, depth + 1);
                    break;
                case UnaryExpression { Operator: UnaryOperator.Negate, Type: ScalarKind.Int32, Checked: false } negate when depth < 64:
                    Visit(negate.Operand, -sign, depth + 1);
                    break;
                default:
                    AddTerm(terms, e, sign);
                    break;
            }
        }
        Visit(expression, 1, 0);
        return (terms, constant);
    }

    private static void AddTerm(List<(KernelExpression Term, long Coefficient)> terms, KernelExpression term, long coefficient)
    {
        int at = terms.FindIndex(t => t.Term.Equals(term));
        if (at < 0)
            terms.Add((term, coefficient));
        else
            terms[at] = (term, unchecked(terms[at].Coefficient + coefficient));
    }

    private static KernelExpression Build(List<(KernelExpression Term, long Coefficient)> terms, long constant)
    {
        KernelExpression? sum = null;
        foreach (var (term, coefficient) in terms)
        {
            if (coefficient == 0)
                continue;
            long magnitude = Math.Abs(coefficient);
            KernelExpression scaled = magnitude == 1 ? term : new BinaryExpression(BinaryOperator.Multiply, Constant(magnitude), term, ScalarKind.Int32, false);
            sum = sum is null
                ? coefficient > 0 ? scaled : new UnaryExpression(UnaryOperator.Negate, scaled, ScalarKind.Int32, false)
                : new BinaryExpression(coefficient > 0 ? BinaryOperator.Add : BinaryOperator.Subtract, sum, scaled, ScalarKind.Int32, false);
        }
        int folded = unchecked((int)constant);
        if (sum is null)
            return Constant(folded);
        if (folded == 0)
            return sum;
        return folded > 0
            ? new BinaryExpression(BinaryOperator.Add, sum, Constant(folded), ScalarKind.Int32, false)
            : new BinaryExpression(BinaryOperator.Subtract, sum, Constant(-(long)folded), ScalarKind.Int32, false);
    }

    /// <summary>The int constant <paramref name="value"/> (wrapped to 32 bits, as an int subscript computes).</summary>
    public static ConstantExpression Constant(long value)
    {
        int wrapped = unchecked((int)value);
        return new ConstantExpression(ScalarKind.Int32, LiteralFormatter.Format(wrapped, ScalarKind.Int32), wrapped);
    }
}

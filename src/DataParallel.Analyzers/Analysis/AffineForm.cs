using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Analyzers.Model;

namespace DataParallel.Analyzers.Analysis;

/// <summary>
/// An int index expression as <c>Constant + Σ IndexCoefficients[d]·index_d + Σ factor·term</c>, where each term is
/// a uniform expression (a parameter, a span length, a static field, or arithmetic on them). The access analysis,
/// the bounds proof and the lowering all reason about span accesses through this form; an index that is not affine
/// (<c>i / 2</c>, <c>i * n</c>, <c>idx[i]</c>) has no form and is "unknown".
/// </summary>
internal sealed record AffineForm(long Constant, ImmutableArray<long> IndexCoefficients, ImmutableArray<(KernelExpression Term, long Factor)> UniformTerms)
{
    public static AffineForm Of(long constant, int dimensions) => new(constant, ImmutableArray.CreateRange(Enumerable.Repeat(0L, dimensions)), ImmutableArray<(KernelExpression, long)>.Empty);

    public bool IsUniform => IndexCoefficients.All(c => c == 0);

    /// <summary>Varies with stride 1 in the fastest index only: a contiguous vector access.</summary>
    public bool IsContiguous => IndexCoefficients[IndexCoefficients.Length - 1] == 1 && IndexCoefficients.Take(IndexCoefficients.Length - 1).All(c => c == 0);

    /// <summary>
    /// The form of <paramref name="expression"/>, or null when it is not affine. Locals are looked through via
    /// <paramref name="definitions"/> (locals assigned exactly once, before any control flow).
    /// </summary>
    public static AffineForm? TryCreate(KernelExpression expression, int dimensions, IReadOnlyDictionary<string, KernelExpression> definitions, int depth = 0)
    {
        if (depth > 32)
            return null;
        switch (expression)
        {
            case ConstantExpression { IntegerValue: { } value } when expression.Type.IsInteger():
                return Of(value, dimensions);
            case IndexExpression index:
            {
                var coefficients = new long[dimensions];
                coefficients[index.Dimension] = 1;
                return new AffineForm(0, ImmutableArray.Create(coefficients), ImmutableArray<(KernelExpression, long)>.Empty);
            }
            case LocalExpression local when definitions.TryGetValue(local.Name, out KernelExpression? definition):
                return TryCreate(definition, dimensions, definitions, depth + 1);
            case UniformExpression or SpanLengthExpression or StaticFieldExpression when expression.Type.IsInteger():
                return new AffineForm(0, ImmutableArray.CreateRange(Enumerable.Repeat(0L, dimensions)), ImmutableArray.Create((expression, 1L)));
            case ConvertExpression { Operand: var operand } when operand.Type is ScalarKind.Int32 or ScalarKind.Int16 or ScalarKind.UInt16 or ScalarKind.SByte or ScalarKind.Byte && expression.Type == ScalarKind.Int32:
                return TryCreate(operand, dimensions, definitions, depth + 1);
            case UnaryExpression { Operator: UnaryOperator.Negate, Checked: false } negate:
                return TryCreate(negate.Operand, dimensions, definitions, depth + 1)?.Scale(-1);
            case BinaryExpression { Operator: BinaryOperator.Add or BinaryOperator.Subtract } sum when sum.Type == ScalarKind.Int32:
            {
                AffineForm? left = TryCreate(sum.Left, dimensions, definitions, depth + 1);
                AffineForm? right = TryCreate(sum.Right, dimensions, definitions, depth + 1);
                if (left is null || right is null)
                    return null;
                return left.Add(sum.Operator == BinaryOperator.Add ? right : right.Scale(-1));
            }
            case BinaryExpression { Operator: BinaryOperator.Multiply } product when product.Type == ScalarKind.Int32:
            {
                AffineForm? left = TryCreate(product.Left, dimensions, definitions, depth + 1);
                AffineForm? right = TryCreate(product.Right, dimensions, definitions, depth + 1);
                if (left is null || right is null)
                    return null;
                if (right.IsConstant)
                    return left.Scale(right.Constant);
                if (left.IsConstant)
                    return right.Scale(left.Constant);
                if (left.IsUniform && right.IsUniform)
                    return new AffineForm(0, left.IndexCoefficients, ImmutableArray.Create(((KernelExpression)product, 1L)));
                return null;
            }
            default:
                return expression.Type == ScalarKind.Int32 && IsParameterOnly(expression)
                    ? new AffineForm(0, ImmutableArray.CreateRange(Enumerable.Repeat(0L, dimensions)), ImmutableArray.Create((expression, 1L)))
                    : null;
        }
    }

    /// <summary>
    /// Whether every term can be evaluated at the entry point, before any index runs: built from parameters, span
    /// lengths, static fields and constants only.
    /// </summary>
    public bool IsEntryEvaluable => UniformTerms.All(t => IsParameterOnly(t.Term));

    /// <summary>An expression of parameters, span lengths, static fields and constants: uniform, and computable at entry.</summary>
    public static bool IsParameterOnly(KernelExpression expression) => expression switch
    {
        ConstantExpression or UniformExpression or SpanLengthExpression or StaticFieldExpression => true,
        ConvertExpression c => IsParameterOnly(c.Operand),
        UnaryExpression u => IsParameterOnly(u.Operand),
        BinaryExpression b => IsParameterOnly(b.Left) && IsParameterOnly(b.Right),
        _ => false,
    };

    private bool IsConstant => IsUniform && UniformTerms.IsEmpty;

    private AffineForm Scale(long factor)
        => new(Constant * factor, IndexCoefficients.Select(c => c * factor).ToImmutableArray(), UniformTerms.Select(t => (t.Term, t.Factor * factor)).ToImmutableArray());

    private AffineForm Add(AffineForm other)
        => new(Constant + other.Constant,
            IndexCoefficients.Zip(other.IndexCoefficients, (a, b) => a + b).ToImmutableArray(),
            UniformTerms.AddRange(other.UniformTerms));
}

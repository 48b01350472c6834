using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Planning;

/// <summary>How a reduction kernel's values combine: the identity of the combination and the combining expression.</summary>
/// <param name="Type">The reduced value's type.</param>
/// <param name="Identity">The C# expression of the identity (the result of an empty domain).</param>
/// <param name="CombineFormat">A format with {0} and {1} for the left and right partials.</param>
internal sealed record ReductionPlan(ScalarKind Type, string Identity, string CombineFormat)
{
    public static ReductionPlan Create(ReductionKind reduce, ScalarKind type)
    {
        string t = type.Keyword();
        string minValue = type switch
        {
            ScalarKind.Single => "float.NegativeInfinity",
            ScalarKind.Double => "double.NegativeInfinity",
            _ => t + ".MinValue",
        };
        string maxValue = type switch
        {
            ScalarKind.Single => "float.PositiveInfinity",
            ScalarKind.Double => "double.PositiveInfinity",
            _ => t + ".MaxValue",
        };
        return reduce switch
        {
            ReductionKind.Sum => new(type, LiteralFormatter.Format(0, type), $"unchecked(({t})({{0}} + {{1}}))"),
            ReductionKind.Product => new(type, LiteralFormatter.Format(1, type), $"unchecked(({t})({{0}} * {{1}}))"),
            ReductionKind.Min => new(type, maxValue, "global::System.Math.Min({0}, {1})"),
            ReductionKind.Max => new(type, minValue, "global::System.Math.Max({0}, {1})"),
            ReductionKind.And => new(type, $"unchecked(({t})(-1))", $"unchecked(({t})({{0}} & {{1}}))"),
            ReductionKind.Or => new(type, LiteralFormatter.Format(0, type), $"unchecked(({t})({{0}} | {{1}}))"),
            ReductionKind.Xor => new(type, LiteralFormatter.Format(0, type), $"unchecked(({t})({{0}} ^ {{1}}))"),
            _ => throw new System.ArgumentOutOfRangeException(nameof(reduce), reduce, "a reduction kernel combines with a Reduction other than None"),
        };
    }

    public string Combine(string left, string right) => string.Format(CombineFormat, left, right);
}

using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Planning;

/// <summary>How a reduction kernel's values combine: the identity of the combination and the combining expression.</summary>
/// <param name="Type">The reduced value's type.</param>
/// <param name="Identity">The C# expression of the identity (the result of an empty domain).</param>
/// <param name="CombineFormat">A format with {0} and {1} for the left and right partials.</param>
internal sealed record ReductionPlan(ScalarKind Type, string Identity, string CombineFormat)
{
    public static ReductionPlan Create(string reduce, ScalarKind type)
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
            "Sum" => new(type, LiteralFormatter.Format(0, type), $"unchecked(({t})({{0}} + {{1}}))"),
            "Product" => new(type, LiteralFormatter.Format(1, type), $"unchecked(({t})({{0}} * {{1}}))"),
            "Min" => new(type, maxValue, "global::System.Math.Min({0}, {1})"),
            "Max" => new(type, minValue, "global::System.Math.Max({0}, {1})"),
            "And" => new(type, $"unchecked(({t})(-1))", $"unchecked(({t})({{0}} & {{1}}))"),
            "Or" => new(type, LiteralFormatter.Format(0, type), $"unchecked(({t})({{0}} | {{1}}))"),
            _ => new(type, LiteralFormatter.Format(0, type), $"unchecked(({t})({{0}} ^ {{1}}))"),
        };
    }

    public string Combine(string left, string right) => string.Format(CombineFormat, left, right);
}

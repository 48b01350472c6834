using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Planning;

/// <summary>How a reduction kernel's values combine: the identity of the combination and the combining expression.</summary>
/// <param name="Type">The reduced value's type.</param>
/// <param name="Identity">The C# expression of the identity (the result of an empty domain).</param>
/// <param name="CombineFormat">A format with {0} and {1} for the left and right partials.</param>
/// <param name="DeviceCombineFormat">
/// The combining format inside a GPU kernel where it must differ from <paramref name="CombineFormat"/>: ILGPU compiles
/// floating-point <c>Math.Min</c>/<c>Max</c> to the device's instructions, whose NaN and signed-zero results differ.
/// </param>
internal sealed record ReductionPlan(ScalarKind Type, string Identity, string CombineFormat, string? DeviceCombineFormat = null)
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
            ReductionKind.Min => new(type, maxValue, "global::System.Math.Min({0}, {1})", type.IsFloatingPoint() ? "global::DataParallel.Gpu.GpuMath.Min({0}, {1})" : null),
            ReductionKind.Max => new(type, minValue, "global::System.Math.Max({0}, {1})", type.IsFloatingPoint() ? "global::DataParallel.Gpu.GpuMath.Max({0}, {1})" : null),
            ReductionKind.And => new(type, $"unchecked(({t})(-1))", $"unchecked(({t})({{0}} & {{1}}))"),
            ReductionKind.Or => new(type, LiteralFormatter.Format(0, type), $"unchecked(({t})({{0}} | {{1}}))"),
            ReductionKind.Xor => new(type, LiteralFormatter.Format(0, type), $"unchecked(({t})({{0}} ^ {{1}}))"),
            _ => throw new System.ArgumentOutOfRangeException(nameof(reduce), reduce, "a reduction kernel combines with a Reduction other than None"),
        };
    }

    /// <summary>The C# expression combining two partials on the CPU (and on the host, for GPU block partials).</summary>
    public string Combine(string left, string right) => string.Format(CombineFormat, left, right);

    /// <summary>The C# expression combining two partials inside a GPU kernel.</summary>
    public string DeviceCombine(string left, string right) => string.Format(DeviceCombineFormat ?? CombineFormat, left, right);
}

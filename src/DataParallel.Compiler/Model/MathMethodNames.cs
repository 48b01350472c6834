namespace DataParallel.Compiler.Model;

/// <summary>
/// Families of math methods the kernel language names by method name alone (<see cref="MathCallExpression.Method"/>):
/// the body reader brings every spelling to these names, and the planners decide how each lowers.
/// </summary>
internal static class MathMethodNames
{
    /// <summary><c>BitOperations</c> counts of an unsigned operand, returning int (the body reader brings every spelling to these).</summary>
    public static bool IsBitCount(string method) => method is "PopCount" or "LeadingZeroCount" or "TrailingZeroCount";

    /// <summary>
    /// <c>float</c>/<c>double</c> classifications (<c>float.IsNaN(x)</c>, …) with a <c>VectorN</c> method of the same name
    /// that tests the same bits.
    /// </summary>
    public static bool IsClassification(string method)
        => method is "IsNaN" or "IsInfinity" or "IsPositiveInfinity" or "IsNegativeInfinity" or "IsFinite" or "IsNegative" or "IsNormal" or "IsSubnormal";
}

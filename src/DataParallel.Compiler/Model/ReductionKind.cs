namespace DataParallel.Compiler.Model;

/// <summary>
/// How a kernel's per-index values combine: <c>DataParallel.Reduction</c> as the compiler sees it (same names and
/// values, since the attribute argument arrives as its integer).
/// </summary>
internal enum ReductionKind
{
    /// <summary>A void kernel: nothing is combined.</summary>
    None,
    Sum,
    Product,
    Min,
    Max,
    And,
    Or,
    Xor,
}

internal static class ReductionKindFacts
{
    /// <summary>The kind for the attribute's integer value, or null when the value is no defined <c>Reduction</c>.</summary>
    public static ReductionKind? FromValue(int value)
        => value is >= (int)ReductionKind.None and <= (int)ReductionKind.Xor ? (ReductionKind)value : null;

    /// <summary>Whether the combination is bitwise, and so needs integers.</summary>
    public static bool IsBitwise(this ReductionKind kind) => kind is ReductionKind.And or ReductionKind.Or or ReductionKind.Xor;
}

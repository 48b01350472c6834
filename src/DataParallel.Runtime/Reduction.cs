namespace DataParallel;

/// <summary>How a reduction kernel's per-index values are combined (see <see cref="ParallelAttribute.Reduce"/>).</summary>
public enum Reduction
{
    /// <summary>Not a reduction: the kernel returns <c>void</c>.</summary>
    None = 0,
    /// <summary>Sum of all values; identity 0.</summary>
    Sum,
    /// <summary>Product of all values; identity 1.</summary>
    Product,
    /// <summary>Smallest value, with the NaN semantics of <see cref="System.Math.Min(double, double)"/>; identity: the type's largest value (+∞ for floating point).</summary>
    Min,
    /// <summary>Largest value, with the NaN semantics of <see cref="System.Math.Max(double, double)"/>; identity: the type's smallest value (−∞ for floating point).</summary>
    Max,
    /// <summary>Bitwise AND (integers only); identity: all bits set.</summary>
    And,
    /// <summary>Bitwise OR (integers only); identity 0.</summary>
    Or,
    /// <summary>Bitwise XOR (integers only); identity 0.</summary>
    Xor,
}

using System;

namespace DataParallel;

/// <summary>
/// Marks a static method of a <c>partial</c> type as a data-parallel kernel. The source generator adds, in the
/// same type, entry points that run the method's body once for every index of a domain, vectorised and spread
/// over all cores. The method itself stays ordinary C#: calling it for each index in order is the meaning of the
/// parallel call.
/// </summary>
/// <remarks>
/// The first <see cref="Dimensions"/> parameters are the <see cref="int"/> indices; the last one varies fastest.
/// The other parameters are uniforms (unmanaged scalars, the same for every index) and data
/// (<see cref="ReadOnlySpan{T}"/> and <see cref="Span{T}"/>).
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ParallelAttribute : Attribute
{
    /// <summary>Number of leading <see cref="int"/> index parameters: 1, 2 or 3. Defaults to 1.</summary>
    public int Dimensions { get; set; } = 1;

    /// <summary>
    /// How the values returned for every index are combined. Required when the kernel returns a value; the
    /// entry point returns the combined value, or the identity for an empty domain.
    /// </summary>
    public Reduction Reduce { get; set; } = Reduction.None;

    /// <summary>
    /// Allows the generated code to contract <c>a * b + c</c> into fused multiply-adds and to reassociate
    /// reductions. Results may then differ from the scalar kernel in the last bits. Off by default.
    /// </summary>
    public bool FastMath { get; set; }
}

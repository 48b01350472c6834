namespace DataParallel.Compiler.Planning;

/// <summary>How a value varies across the SIMD lanes (one lane per index of the fastest dimension).</summary>
internal enum LaneClass
{
    /// <summary>The same in every lane: computed once as a scalar, broadcast where it meets a varying value.</summary>
    Uniform,
    /// <summary>Different per lane: one vector register (or more) of values.</summary>
    Varying,
}

namespace DataParallel.Compiler.Analysis;

/// <summary>How much the access analysis knows about a subscript.</summary>
internal enum AccessFormKind
{
    /// <summary>An affine form over index and loop variables with (possibly symbolic) uniform coefficients.</summary>
    Affine,
    /// <summary>Computed from indices and uniforms only, but not affine: <c>i / 2</c>, <c>i % k</c>, <c>i ^ 1</c>, <c>i * j</c>, a value merged from two branches.</summary>
    NonAffine,
    /// <summary>Depends on span elements or helper calls: <c>idx[i]</c>. Only the run time knows which element it is.</summary>
    DataDependent,
}

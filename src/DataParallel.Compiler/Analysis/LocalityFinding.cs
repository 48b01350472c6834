namespace DataParallel.Compiler.Analysis;

/// <summary>One locality problem, on <see cref="Site"/>.</summary>
/// <param name="Kind">What the problem is.</param>
/// <param name="Site">The access.</param>
/// <param name="Stride">How far neighbouring lanes are apart, as text (<c>2</c>, <c>n</c>).</param>
/// <param name="FastIndex">The fastest index's name; for <see cref="LocalityKind.InnerLoopStride"/>, the inner loop variable's.</param>
/// <param name="Partner">
/// The variable that walks the access contiguously instead (an index or loop variable), if any; for
/// <see cref="LocalityKind.InnerLoopStride"/>, the enclosing loop's variable to interchange with.
/// </param>
internal sealed record LocalityFinding(LocalityKind Kind, AccessSite Site, string Stride, string FastIndex, string? Partner);

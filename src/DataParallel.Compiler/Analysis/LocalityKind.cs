namespace DataParallel.Compiler.Analysis;

/// <summary>Memory-locality problems across the fastest index (the SIMD lanes, the GPU threads of a warp); each has its own ID.</summary>
internal enum LocalityKind
{
    /// <summary>The fastest index moves the subscript by a constant or uniform stride other than ±1 (DP2001).</summary>
    Strided,
    /// <summary>Every access that varies with the fastest index walks a column while the next index walks the row: swap them (DP2002).</summary>
    IndexOrderWalksColumns,
    /// <summary>The subscript is data that varies with the fastest index (DP2003).</summary>
    Gather,
    /// <summary>Each lane owns a row and a loop walks it: lanes a row apart (DP2004).</summary>
    LanesWalkRows,
    /// <summary>A column walk in a kernel where swapping the indices would not help every access (DP2005).</summary>
    ColumnWalk,
    /// <summary>An access the same in every lane that the innermost uniform loop walks with a stride other than ±1 (DP2006).</summary>
    InnerLoopStride,
}

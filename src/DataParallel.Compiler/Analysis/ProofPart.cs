namespace DataParallel.Compiler.Analysis;

/// <summary>Which check a <see cref="ProvenAccess"/> proves.</summary>
internal enum ProofPart
{
    /// <summary>The access's own subscript against its span's length.</summary>
    Access,
    /// <summary>Through a slice: the position within the slice's length.</summary>
    SliceElement,
    /// <summary><c>Slice(start, …)</c>: start ≥ 0.</summary>
    SliceStart,
    /// <summary><c>Slice(start, length)</c>: length ≥ 0 and start + length within the sliced span.</summary>
    SliceEnd,
}

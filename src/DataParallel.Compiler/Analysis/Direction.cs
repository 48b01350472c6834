namespace DataParallel.Compiler.Analysis;

/// <summary>How an index of the first access's point relates to the same index of the second's, in a direction vector.</summary>
internal enum Direction
{
    Less,
    Equal,
    Greater,
}

namespace DataParallel.Compiler.Analysis;

/// <summary>The relation a <see cref="GuardConstraint"/> asserts of its expression.</summary>
internal enum GuardRelation
{
    /// <summary><c>e &gt;= 0</c>.</summary>
    NonNegative,
    /// <summary><c>e == 0</c>.</summary>
    Zero,
    /// <summary><c>e != 0</c>.</summary>
    NonZero,
    /// <summary><c>e % m == r</c> (C#'s remainder, or the low bits for <c>e &amp; (m - 1)</c>).</summary>
    RemainderEquals,
    /// <summary><c>e % m != r</c>.</summary>
    RemainderNotEquals,
}

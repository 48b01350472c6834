namespace DataParallel.Compiler.Analysis;

/// <summary>What an indeterminate of a <see cref="Polynomial"/> stands for.</summary>
internal enum AtomKind
{
    /// <summary>An index parameter: differs between the index points that run in parallel.</summary>
    Index,
    /// <summary>The induction variable of a loop with a constant step.</summary>
    Loop,
    /// <summary>A value that is the same for every index point and every iteration: a uniform parameter, a span length, a static field, or arithmetic on those.</summary>
    Symbol,
    /// <summary>The number of values an index takes in the call's domain (only in <see cref="RuntimeRequirement"/> conditions).</summary>
    Extent,
    /// <summary>Where an index's range ends in the call's domain, its start plus its extent (only in <see cref="RuntimeRequirement"/> conditions).</summary>
    End,
}

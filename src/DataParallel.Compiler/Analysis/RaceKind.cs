namespace DataParallel.Compiler.Analysis;

/// <summary>The kinds of data race the analyzers tell apart; each has its own diagnostic ID.</summary>
internal enum RaceKind
{
    /// <summary>Two different index points write one element (DP1001).</summary>
    WriteWrite,
    /// <summary>An access through a data-dependent subscript may meet another index point's access (DP1002).</summary>
    Possible,
    /// <summary>One index point reads an element another writes (DP1003).</summary>
    ReadWrite,
    /// <summary>Every index point writes shared state: a static field, a <c>ref</c> parameter, or an element used as scratch (DP1004).</summary>
    SharedState,
    /// <summary>Every index point updates one shared location with <c>+=</c>, <c>++</c>, <c>Math.Max</c>…: a reduction written as a race (DP1005).</summary>
    Accumulation,
}

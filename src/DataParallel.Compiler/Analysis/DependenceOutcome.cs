namespace DataParallel.Compiler.Analysis;

/// <summary>What the dependence test concluded about two accesses.</summary>
internal enum DependenceOutcome
{
    /// <summary>No two different index points touch the same element, whatever the call.</summary>
    Independent,
    /// <summary>Two different index points touch the same element; <see cref="DependenceResult.Witness"/> names them.</summary>
    Dependent,
    /// <summary>Independent exactly when <see cref="DependenceResult.Requirement"/> holds, which the entry point checks.</summary>
    RequiresRuntime,
    /// <summary>Neither proven nor refuted.</summary>
    Inconclusive,
}

using System;

namespace DataParallel.Analyzers.Tests.Harness;

/// <summary>
/// One area of what <see cref="KernelAnalyzer"/> reports, for tests that look at that area alone: a race test must
/// not have to mark every locality note its kernel also gets.
/// </summary>
internal abstract class DiagnosticArea
{
    public abstract bool Contains(string id);
}

/// <summary>Kernel shape and usage (DP0xxx), lowering and portability (DP3xxx).</summary>
internal sealed class ShapeArea : DiagnosticArea
{
    public override bool Contains(string id) => id.StartsWith("DP0", StringComparison.Ordinal) || id.StartsWith("DP3", StringComparison.Ordinal);
}

/// <summary>Data races (DP1xxx).</summary>
internal sealed class RaceArea : DiagnosticArea
{
    public override bool Contains(string id) => id.StartsWith("DP1", StringComparison.Ordinal);
}

/// <summary>Memory locality (DP2xxx).</summary>
internal sealed class LocalityArea : DiagnosticArea
{
    public override bool Contains(string id) => id.StartsWith("DP2", StringComparison.Ordinal);
}

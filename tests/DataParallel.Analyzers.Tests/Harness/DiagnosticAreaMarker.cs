using DataParallel.Testing;

namespace DataParallel.Analyzers.Tests.Harness;

/// <summary>
/// A type argument naming the <see cref="DiagnosticArea"/> a verifier compares, so that test call sites read
/// <c>AnalyzerVerifier&lt;RaceArea&gt;</c> and name no analyzer type.
/// </summary>
internal interface IDiagnosticAreaMarker
{
    /// <summary>The area the marker stands for.</summary>
    static abstract DiagnosticArea Area { get; }
}

/// <summary>Kernel shape and usage (DP0xxx) and lowering (DP3xxx).</summary>
internal sealed class ShapeArea : IDiagnosticAreaMarker
{
    /// <inheritdoc/>
    public static DiagnosticArea Area => DiagnosticArea.ShapeAndLowering;
}

/// <summary>Data races (DP1xxx).</summary>
internal sealed class RaceArea : IDiagnosticAreaMarker
{
    /// <inheritdoc/>
    public static DiagnosticArea Area => DiagnosticArea.Races;
}

/// <summary>Memory locality (DP2xxx).</summary>
internal sealed class LocalityArea : IDiagnosticAreaMarker
{
    /// <inheritdoc/>
    public static DiagnosticArea Area => DiagnosticArea.Locality;
}

using System;

namespace DataParallel.Testing;

/// <summary>
/// What a test compares, by diagnostic id rather than by analyzer type: which analyzer reports an id may change
/// (the analyzers are being merged into one), the id ranges do not.
/// </summary>
public enum DiagnosticArea
{
    /// <summary>Kernel shape and usage (DP0xxx), lowering (DP3xxx) and partitioned calls (DP4xxx).</summary>
    ShapeAndLowering,

    /// <summary>Data races (DP1xxx).</summary>
    Races,

    /// <summary>Memory locality (DP2xxx).</summary>
    Locality,
}

/// <summary>Maps diagnostic ids to their <see cref="DiagnosticArea"/>.</summary>
public static class DiagnosticAreas
{
    /// <summary>True when <paramref name="id"/> is a DataParallel diagnostic of <paramref name="area"/>.</summary>
    public static bool Contains(this DiagnosticArea area, string id) => Of(id) == area;

    /// <summary>The area of DataParallel diagnostic <paramref name="id"/>, or null for any other id (compiler, AD0001).</summary>
    public static DiagnosticArea? Of(string id)
    {
        if (id.Length != 6 || !id.StartsWith("DP", StringComparison.Ordinal))
            return null;
        return id[2] switch
        {
            '0' or '3' or '4' => DiagnosticArea.ShapeAndLowering,
            '1' => DiagnosticArea.Races,
            '2' => DiagnosticArea.Locality,
            _ => null,
        };
    }
}

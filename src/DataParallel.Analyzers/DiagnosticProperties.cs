namespace DataParallel.Analyzers;

/// <summary>Names of the properties some DP diagnostics carry for their code fixes.</summary>
public static class DiagnosticProperties
{
    /// <summary>DP1005: the <c>Reduction</c> a fix to a reduction kernel should use.</summary>
    public const string ReductionProperty = "Reduction";

    /// <summary>
    /// DP2006: the enclosing loop variable whose loop could trade places with the reported one to walk the access
    /// with unit stride (the interchange code fix reads it).
    /// </summary>
    public const string InterchangePartnerProperty = "InterchangeWith";

    /// <summary>DP2006: the reported inner loop's variable, next to <see cref="InterchangePartnerProperty"/>.</summary>
    public const string InnerLoopProperty = "InnerLoop";
}

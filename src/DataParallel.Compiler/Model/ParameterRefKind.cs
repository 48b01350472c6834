namespace DataParallel.Compiler.Model;

/// <summary>How a kernel parameter is passed; entry points repeat it.</summary>
internal enum ParameterRefKind
{
    /// <summary>By value.</summary>
    Value,
    In,
    Ref,
    RefReadOnly,
    /// <summary>Never in a model (DP0004); kept so the race analysis can name what an <c>out</c> parameter's writes race with.</summary>
    Out,
}

internal static class ParameterRefKindFacts
{
    /// <summary>The modifier as C# spells it before the type, with its trailing space (empty for by-value).</summary>
    public static string Modifier(this ParameterRefKind kind) => kind switch
    {
        ParameterRefKind.Value => "",
        ParameterRefKind.In => "in ",
        ParameterRefKind.Ref => "ref ",
        ParameterRefKind.RefReadOnly => "ref readonly ",
        ParameterRefKind.Out => "out ",
        _ => throw new System.ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

namespace DataParallel.Compiler.Model;

/// <summary>What a kernel parameter is to the domain.</summary>
internal enum ParameterKind
{
    /// <summary>An int index of the domain.</summary>
    Index,
    /// <summary>A scalar, the same for every index.</summary>
    Uniform,
    /// <summary><c>ReadOnlySpan&lt;T&gt;</c>: data read by index.</summary>
    ReadOnlySpan,
    /// <summary><c>Span&lt;T&gt;</c>: data read and written by index.</summary>
    Span,
}

/// <summary>
/// One kernel parameter. <see cref="RefKind"/> is how it is passed, which entry points repeat; <see cref="Dimension"/>
/// is the index's dimension, or -1.
/// </summary>
internal sealed record KernelParameter(string Name, ParameterKind Kind, ScalarKind Type, ParameterRefKind RefKind, int Dimension)
{
    public bool IsSpan => Kind is ParameterKind.ReadOnlySpan or ParameterKind.Span;

    /// <summary>The parameter's type as generated code spells it.</summary>
    public string TypeSyntax => Kind switch
    {
        ParameterKind.ReadOnlySpan => $"global::System.ReadOnlySpan<{Type.Keyword()}>",
        ParameterKind.Span => $"global::System.Span<{Type.Keyword()}>",
        ParameterKind.Index or ParameterKind.Uniform => Type.Keyword(),
        _ => throw new System.ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };
}

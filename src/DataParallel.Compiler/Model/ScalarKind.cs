using Microsoft.CodeAnalysis;

namespace DataParallel.Compiler.Model;

/// <summary>The scalar types a kernel's uniforms, span elements and values can have (DESIGN §2).</summary>
internal enum ScalarKind
{
    Boolean,
    SByte,
    Byte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Single,
    Double,
    Half,
}

internal static class ScalarKindFacts
{
    public static ScalarKind? FromType(ITypeSymbol? type) => type?.SpecialType switch
    {
        SpecialType.System_Boolean => ScalarKind.Boolean,
        SpecialType.System_SByte => ScalarKind.SByte,
        SpecialType.System_Byte => ScalarKind.Byte,
        SpecialType.System_Int16 => ScalarKind.Int16,
        SpecialType.System_UInt16 => ScalarKind.UInt16,
        SpecialType.System_Int32 => ScalarKind.Int32,
        SpecialType.System_UInt32 => ScalarKind.UInt32,
        SpecialType.System_Int64 => ScalarKind.Int64,
        SpecialType.System_UInt64 => ScalarKind.UInt64,
        SpecialType.System_Single => ScalarKind.Single,
        SpecialType.System_Double => ScalarKind.Double,
        _ => type is { Name: "Half", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } ? ScalarKind.Half : null,
    };

    /// <summary>How a message names the type: the C# keyword, or <c>Half</c>.</summary>
    public static string DisplayName(this ScalarKind kind) => kind == ScalarKind.Half ? "Half" : kind.Keyword();

    /// <summary>The C# spelling in generated code (keyword, or the global-qualified name for Half).</summary>
    public static string Keyword(this ScalarKind kind) => kind switch
    {
        ScalarKind.Boolean => "bool",
        ScalarKind.SByte => "sbyte",
        ScalarKind.Byte => "byte",
        ScalarKind.Int16 => "short",
        ScalarKind.UInt16 => "ushort",
        ScalarKind.Int32 => "int",
        ScalarKind.UInt32 => "uint",
        ScalarKind.Int64 => "long",
        ScalarKind.UInt64 => "ulong",
        ScalarKind.Single => "float",
        ScalarKind.Double => "double",
        ScalarKind.Half => "global::System.Half",
        _ => throw new System.ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static int Size(this ScalarKind kind) => kind switch
    {
        ScalarKind.Boolean or ScalarKind.SByte or ScalarKind.Byte => 1,
        ScalarKind.Int16 or ScalarKind.UInt16 or ScalarKind.Half => 2,
        ScalarKind.Int32 or ScalarKind.UInt32 or ScalarKind.Single => 4,
        ScalarKind.Int64 or ScalarKind.UInt64 or ScalarKind.Double => 8,
        _ => throw new System.ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool IsFloatingPoint(this ScalarKind kind) => kind is ScalarKind.Single or ScalarKind.Double or ScalarKind.Half;

    public static bool IsInteger(this ScalarKind kind) => kind is >= ScalarKind.SByte and <= ScalarKind.UInt64;

    /// <summary>
    /// Whether some value of <paramref name="from"/> is out of <paramref name="to"/>'s range, so that a <c>checked</c>
    /// conversion can throw. Conversions to floating point never throw in C#, not even double to float.
    /// </summary>
    public static bool ConversionCanOverflow(this ScalarKind from, ScalarKind to)
    {
        if (to.IsFloatingPoint())
            return false;
        if (!from.IsInteger())
            return true;
        if (from.IsSigned())
            return !to.IsSigned() || to.Size() < from.Size();
        return to.Size() < from.Size() || (to.IsSigned() && to.Size() == from.Size());
    }

    public static bool IsSigned(this ScalarKind kind) => kind is ScalarKind.SByte or ScalarKind.Int16 or ScalarKind.Int32 or ScalarKind.Int64;

    /// <summary>8- and 16-bit integers: C# promotes them to int before any arithmetic.</summary>
    public static bool IsSmallInteger(this ScalarKind kind) => kind is ScalarKind.SByte or ScalarKind.Byte or ScalarKind.Int16 or ScalarKind.UInt16;

    /// <summary>
    /// The element type of the vector lanes that carry a value of this kind: small integers ride in int lanes
    /// (C# computes on them as int anyway); every other vectorisable kind is its own lane type.
    /// </summary>
    public static ScalarKind? LaneType(this ScalarKind kind) => kind switch
    {
        ScalarKind.SByte or ScalarKind.Byte or ScalarKind.Int16 or ScalarKind.UInt16 or ScalarKind.Int32 => ScalarKind.Int32,
        ScalarKind.UInt32 or ScalarKind.Int64 or ScalarKind.UInt64 or ScalarKind.Single or ScalarKind.Double => kind,
        _ => null,
    };
}

using System.Collections.Generic;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Planning;

namespace DataParallel.Generators.Emit;

/// <summary>
/// Names inside a vector chunk body: uniforms and span references are locals named like the kernel's parameters,
/// the index is lane 0's index, and a per-lane local used in an index is replaced by its single definition (the
/// index is computed as a scalar for lane 0). Copy <c>k</c> of a jammed step (<see cref="Lowering.LaneJamming"/>) names
/// its per-lane locals <c>name__k</c>, so the copies' vectors live side by side.
/// </summary>
internal sealed class ChunkScope(KernelModel kernel, SimdPlan plan, string fastestIndex, int copy = 0) : INameScope
{
    public ScalarExpressionWriter? Writer { get; set; }

    public string Index(int dimension) => dimension == kernel.Dimensions - 1 ? fastestIndex : Identifier.Escape(kernel.Parameters[dimension].Name);

    public string Extent(int dimension) => $"(long)__args.__count{dimension}";

    public string End(int dimension) => $"((long)__args.__start{dimension} + __args.__count{dimension})";

    public string Uniform(string name) => Identifier.Escape(name);

    public string Span(string name) => "__args." + Identifier.Escape(name);

    public string Local(LocalExpression local)
        => plan.Lanes.ClassifyLocal(local.Name) == LaneClass.Varying && plan.Ranges.Definitions.TryGetValue(local.Name, out KernelExpression? definition)
            ? Writer!.Write(definition)
            : Identifier.Escape(local.Name);

    public string VaryingLocal(string name) => copy == 0 ? Identifier.Escape(name) : $"{name}__{copy}";

    public string? ProvenRef(string span, int access) => plan.IsProven(access) ? Identifier.Escape(span) : null;
}

/// <summary>Names in an entry point or in <c>Run</c>: the parameters themselves.</summary>
internal sealed class EntryScope : INameScope
{
    public static readonly EntryScope Instance = new();

    public string Index(int dimension) => throw new System.InvalidOperationException("Entry code has no current index.");

    public string Extent(int dimension) => $"(long)__count{dimension}";

    public string End(int dimension) => $"((long)__start{dimension} + __count{dimension})";

    public string Uniform(string name) => Identifier.Escape(name);

    public string Span(string name) => Identifier.Escape(name);

    public string Local(LocalExpression local) => throw new System.InvalidOperationException("Entry code has no locals.");

    public string VaryingLocal(string name) => throw new System.InvalidOperationException("Entry code has no locals.");

    public string? ProvenRef(string span, int access) => null;
}

/// <summary>C# identifiers as generated code writes them: keywords escaped with @.</summary>
internal static class Identifier
{
    private static readonly HashSet<string> Keywords = new(System.StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
        "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
        "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
        "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
        "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
        "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
        "using", "virtual", "void", "volatile", "while",
    };

    public static string Escape(string name) => Keywords.Contains(name) ? "@" + name : name;
}

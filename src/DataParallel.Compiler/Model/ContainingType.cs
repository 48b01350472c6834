namespace DataParallel.Compiler.Model;

/// <summary>A type enclosing a kernel, as a partial declaration repeats it: <c>partial {Keyword} {Name}</c>.</summary>
/// <param name="Keyword"><c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The type's name.</param>
internal sealed record ContainingType(string Keyword, string Name);

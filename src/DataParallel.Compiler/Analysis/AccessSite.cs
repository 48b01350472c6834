using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// One read or write of a span element (or of a shared scalar, modelled as element 0 of a pseudo-span) as the
/// access analysis found it.
/// </summary>
/// <param name="Id">Position in <see cref="KernelAccesses.Sites"/>.</param>
/// <param name="Node">The IR node (<c>LoadExpression</c>, <c>StoreStatement</c>, <c>SharedWriteStatement</c>, or the read of a shared scalar); its <see cref="KernelNode.Id"/> keys the source location.</param>
/// <param name="Span">The span parameter's name; for a shared scalar, <see cref="SharedTarget"/>.</param>
/// <param name="IsWrite">A store rather than a load.</param>
/// <param name="Form">The subscript.</param>
/// <param name="Context">The guards and loops that dominate it.</param>
/// <param name="Display">The access as written (<c>y[i + 1]</c>), for messages.</param>
/// <param name="Accumulation">For a store of <c>T op e</c> into the element <c>T</c> it reads: the operation (<c>+</c>, <c>*</c>, <c>Max</c>…).</param>
/// <param name="ReadBack">For such a store: the <see cref="KernelNode.Id"/> of the load of its own target, which belongs to the same update.</param>
/// <param name="SharedTarget">For a write to shared state: what it writes (<c>static field 'Total'</c>).</param>
internal sealed record AccessSite(
    int Id,
    KernelNode Node,
    string Span,
    bool IsWrite,
    AccessForm Form,
    AccessContext Context,
    string Display,
    string? Accumulation,
    int? ReadBack,
    string? SharedTarget)
{
    public bool IsShared => SharedTarget is not null;

    public override string ToString() => $"{(IsWrite ? "write" : "read")} {Display} [{Form}]";
}

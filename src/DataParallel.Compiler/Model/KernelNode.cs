using System.Text;

namespace DataParallel.Compiler.Model;

/// <summary>
/// A node of the kernel IR, statement or expression. <see cref="Id"/> is the node's identity: the body reader gives
/// every node it produces one, unique within the body and assigned in reading order (so the same kernel always gets
/// the same ids, and a blank line or a comment changes none), and everything that must tell two equal nodes at two
/// places apart keys by it — source locations, access sites, proofs, the planner's blocking node.
/// </summary>
/// <remarks>
/// The id is deliberately not part of value equality (nor of <see cref="object.ToString"/>): structural comparisons
/// and value-keyed memo tables in the analyses compare what a node computes, and the generator's incremental
/// pipeline compares models by value, so a kernel read again with other ids is still the same kernel. It follows
/// that an id must never reach generated text. <c>with</c> copies it: a node rewritten from a source node still
/// stands for that node. Nodes the analyses synthesise after reading have <see cref="NoSource"/>.
/// </remarks>
internal abstract record KernelNode
{
    /// <summary>The id of a node that stands for nothing the reader read (synthesised after reading).</summary>
    public const int NoSource = 0;

    /// <summary>The node's identity within its body; set once, by the reader, before the body leaves it.</summary>
    public int Id { get; internal set; }

    public virtual bool Equals(KernelNode? other) => other is not null && EqualityContract == other.EqualityContract;

    public override int GetHashCode() => EqualityContract.GetHashCode();

    protected virtual bool PrintMembers(StringBuilder builder) => false;
}

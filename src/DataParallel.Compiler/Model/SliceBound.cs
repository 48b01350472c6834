namespace DataParallel.Compiler.Model;

/// <summary>
/// The check C# makes on an access through a slice: <c>0 ≤ Position &lt; Length</c>. The access itself is already
/// rewritten to the underlying parameter (offset + position); this keeps what the slice adds, so that an index that
/// stays inside the parameter but leaves the slice is still an error, as it is in the kernel as written.
/// </summary>
/// <param name="View">The slice's name, for messages.</param>
/// <param name="Position">The index as written, relative to the slice.</param>
/// <param name="Length">The slice's length.</param>
internal sealed record SliceBound(string View, KernelExpression Position, KernelExpression Length);

using System.Collections.Immutable;
using System.Linq;
using DataParallel.Analyzers.Model;

namespace DataParallel.Analyzers.Analysis;

/// <summary>
/// A race-freedom fact only the run time knows (DESIGN §5): a 2-D kernel that stores to <c>span[outer * Width +
/// inner]</c> writes every element once only while the inner index's range fits in a row, <c>count ≤ Width</c>.
/// The analyzers stay silent about such stores; the entry point checks the fact and throws before running.
/// </summary>
internal sealed record RowOverlapCheck(string Span, string Display, string Width)
{
    public static ImmutableArray<RowOverlapCheck> Collect(KernelModel kernel)
    {
        if (kernel.Dimensions != 2)
            return ImmutableArray<RowOverlapCheck>.Empty;
        return KernelWalker.Statements(kernel.Body)
            .OfType<StoreStatement>()
            .Select(store => RowMajorShape.Match(store.Span, store.Index, 2) is { } shape ? new RowOverlapCheck(store.Span, store.Display, shape.Width) : null)
            .Where(check => check is not null)
            .Distinct()
            .ToImmutableArray()!;
    }
}

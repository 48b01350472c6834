using System.Collections.Generic;
using System.Linq;

namespace DataParallel.Generators.Tests.Harness;

/// <summary>
/// Domain sizes around every vector width a kernel can run at: W-1, W, W+1 and 2W+3 for W = 4, 8, 16 and 32 lanes
/// (doubles in 256 bits up to bytes in 256 bits), plus empty, single and a size with several chunks' worth of tail.
/// </summary>
internal static class DomainSizes
{
    /// <summary>An odd size over the parallel threshold, so chunking and threads engage. Used by a few kernels only.</summary>
    public const int Large = 1_000_003;

    public static IReadOnlyList<int> Standard { get; } =
        new[] { 4, 8, 16, 32 }
            .SelectMany(w => new[] { w - 1, w, w + 1, 2 * w + 3 })
            .Concat(new[] { 0, 1, 2, 1000 })
            .Distinct()
            .Order()
            .ToArray();

    public static IReadOnlyList<int> StandardAndLarge { get; } = Standard.Append(Large).ToArray();
}

using System;
using System.Numerics;

namespace DataParallel.Benchmarks;

/// <summary>Kernels of the language features added after the tour's (bit counts), measured by <see cref="BitCountBenchmarks"/>.</summary>
public static partial class BitCountKernels
{
    /// <summary>The set bits of each element: <c>BitOperations.PopCount</c>, which the lowering counts by bit-slicing sums per lane.</summary>
    [Parallel]
    public static void PopCount(int i, ReadOnlySpan<uint> x, Span<int> counts) => counts[i] = BitOperations.PopCount(x[i]);
}

using System;
using System.ComponentModel;

namespace DataParallel.CompilerServices;

/// <summary>
/// How a domain of <see cref="Count"/> elements is cut into chunks. It depends only on the element count, the
/// generator's cost estimate and the granularity, never on the core count, so a reduction that combines
/// per-chunk partials in order gives the same bits on any machine width.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct ChunkPlan(int Count, int ChunkSize, int ChunkCount, bool WorthThreads)
{
    /// <summary>
    /// Work units (≈ one vector-friendly operation on one element) below which extra threads cost more than they
    /// save. Measured on a 2-core AVX2 machine: SAXPY (cost 5) only gains from a second thread above ~256K floats.
    /// </summary>
    public const long ParallelThreshold = 1_280_000;

    /// <summary>Work units per chunk: large enough to amortise a chunk claim, small enough to balance load.</summary>
    public const long TargetChunkWork = 131_072;

    /// <summary>Plans a domain of <paramref name="count"/> elements costing <paramref name="costPerElement"/> units each.</summary>
    /// <param name="count">Number of elements (≥ 0).</param>
    /// <param name="costPerElement">The generator's estimate of work units per element (≥ 1).</param>
    /// <param name="granularity">Chunk sizes are multiples of this (whole vectors, whole cache lines).</param>
    public static ChunkPlan Create(int count, int costPerElement, int granularity)
    {
        if (count <= 0)
            return new ChunkPlan(0, 0, 0, false);
        costPerElement = Math.Max(costPerElement, 1);
        granularity = Math.Max(granularity, 1);
        long perChunk = Math.Max(TargetChunkWork / costPerElement, 1);
        long rounded = (perChunk + granularity - 1) / granularity * granularity;
        int chunkSize = (int)Math.Min(rounded, count);
        int chunkCount = (int)(((long)count + chunkSize - 1) / chunkSize);
        bool worthThreads = chunkCount > 1 && (long)count * costPerElement >= ParallelThreshold;
        return new ChunkPlan(count, chunkSize, chunkCount, worthThreads);
    }

    /// <summary>Start offset of chunk <paramref name="chunk"/>.</summary>
    public int Begin(int chunk) => chunk * ChunkSize;

    /// <summary>End offset (exclusive) of chunk <paramref name="chunk"/>.</summary>
    public int End(int chunk) => (int)Math.Min((long)(chunk + 1) * ChunkSize, Count);
}

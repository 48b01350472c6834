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

    /// <summary>
    /// Work units a chunk of a balanced plan (<see cref="CreateBalanced"/>) covers at most. A chunk costs two contended
    /// atomic operations and a call; at <see cref="TargetChunkWork"/> that is a chunk of 2–4 µs, and on a 2-core
    /// machine the claims cost 10–20 % of a 1M-element polynomial (interleaved harness: 0.78–0.89 of hand-written
    /// Vector256 + Parallel.For, 1.07 with chunks of ~1M units).
    /// </summary>
    public const long MaxChunkWork = 1_048_576;

    /// <summary>Chunks a balanced plan leaves each worker at least, so a worker that starts late or loses its core is made up for by the others.</summary>
    public const int ChunksPerWorker = 8;

    /// <summary>
    /// Work units a chunk of rows (2-D and 3-D domains) covers at least. A stencil reads the rows around its own,
    /// so a thread that runs consecutive rows finds most of them in its cache; chunks of single rows handed out in
    /// turn made both threads fetch every row (Blur 2048², interleaved harness: 1.06–1.16 ms with one-row chunks,
    /// 0.87–1.0 ms with blocks of ~12 rows).
    /// </summary>
    public const long RowBlockWork = 1_048_576;

    /// <summary>
    /// Blocks of rows never leave fewer chunks than this: the cost estimate of a row with an inner loop of unknown
    /// trip count can be far too low (it counts such a loop as 16 iterations), and a handful of large chunks would
    /// leave cores idle at the end.
    /// </summary>
    public const int MinRowChunks = 16;

    /// <summary>
    /// The granularity, in rows, for <paramref name="rows"/> rows of <paramref name="costPerRow"/> work units each:
    /// enough rows to cover <see cref="RowBlockWork"/>, but no more than leaves <see cref="MinRowChunks"/> chunks.
    /// </summary>
    public static int RowGranularity(int rows, int costPerRow)
    {
        long cost = Math.Max(costPerRow, 1);
        long forWork = (RowBlockWork + cost - 1) / cost;
        long forBalance = Math.Max(rows / MinRowChunks, 1);
        long block = Math.Min(forWork, forBalance);
        // Rows so cheap that a chunk of TargetChunkWork already spans a block need no rounding up, which would
        // only merge the few chunks there are.
        return block <= TargetChunkWork / cost ? 1 : (int)block;
    }

    /// <summary>The iterations of a counted loop from <paramref name="first"/> to <paramref name="last"/> inclusive (0 when reversed).</summary>
    public static double LoopTrips(long first, long last) => last < first ? 0d : (double)last - first + 1d;

    /// <summary>A work estimate computed at entry, as the work units per element the scheduler takes (at least 1).</summary>
    public static int Work(double units) => units >= int.MaxValue ? int.MaxValue : units >= 1d ? (int)units : 1;

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

    /// <summary>
    /// Plans a domain for <paramref name="workers"/> threads: chunks grow from <see cref="Create"/>'s size towards
    /// <see cref="MaxChunkWork"/> while every worker still gets <see cref="ChunksPerWorker"/> of them. The plan depends
    /// on the worker count, so it is only for kernels whose results do not depend on where chunks begin (element-wise
    /// kernels, not reductions). Chunks of one granule stay as they are: a granule that alone covers
    /// <see cref="TargetChunkWork"/> is a block of rows sized by <see cref="RowGranularity"/>, or a row whose cost the
    /// estimate cannot tell, which goes alone so that expensive rows spread over the threads.
    /// </summary>
    public static ChunkPlan CreateBalanced(int count, int costPerElement, int granularity, int workers)
    {
        ChunkPlan plan = Create(count, costPerElement, granularity);
        if (workers <= 1 || !plan.WorthThreads || plan.ChunkSize <= granularity)
            return plan;
        long chunks = (long)workers * ChunksPerWorker;
        long balanced = ((long)count + chunks - 1) / chunks;
        long largest = Math.Max(MaxChunkWork / Math.Max(costPerElement, 1), 1);
        long step = Math.Max(granularity, 1);
        long size = (Math.Min(balanced, largest) + step - 1) / step * step;
        if (size <= plan.ChunkSize)
            return plan;
        int chunkSize = (int)Math.Min(size, count);
        int chunkCount = (int)(((long)count + chunkSize - 1) / chunkSize);
        return new ChunkPlan(count, chunkSize, chunkCount, chunkCount > 1);
    }

    /// <summary>Start offset of chunk <paramref name="chunk"/>.</summary>
    public int Begin(int chunk) => chunk * ChunkSize;

    /// <summary>End offset (exclusive) of chunk <paramref name="chunk"/>.</summary>
    public int End(int chunk) => (int)Math.Min((long)(chunk + 1) * ChunkSize, Count);
}

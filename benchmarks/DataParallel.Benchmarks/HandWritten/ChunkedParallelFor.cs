using System;
using System.Threading.Tasks;

namespace DataParallel.Benchmarks.HandWritten;

/// <summary>
/// The usual way to spread a vectorised loop over cores by hand: cut the range into a few chunks per core and
/// hand them to <see cref="Parallel.For(int, int, Action{int})"/>.
/// </summary>
public static class ChunkedParallelFor
{
    // Chunks are whole cache lines (16 floats, two Vector256s), so two threads never write the same line and
    // only the last chunk has a scalar tail.
    private const int ChunkMultiple = 64 / sizeof(float);

    // Four chunks per core leaves room to balance a core that falls behind, at little scheduling cost.
    private const int ChunksPerCore = 4;

    /// <summary>Calls <paramref name="body"/>(start, length) for consecutive chunks covering [0, <paramref name="length"/>).</summary>
    public static void Run(int length, Action<int, int> body)
    {
        int chunkSize = ChunkSize(length);
        int chunkCount = (length + chunkSize - 1) / chunkSize;
        Parallel.For(0, chunkCount, chunk =>
        {
            int start = chunk * chunkSize;
            body(start, Math.Min(chunkSize, length - start));
        });
    }

    private static int ChunkSize(int length)
    {
        int perChunk = length / (ChunksPerCore * Environment.ProcessorCount);
        int rounded = (perChunk + ChunkMultiple - 1) / ChunkMultiple * ChunkMultiple;
        return Math.Max(rounded, ChunkMultiple);
    }
}

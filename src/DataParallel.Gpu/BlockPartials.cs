using System;
using System.ComponentModel;
using ILGPU;
using ILGPU.Runtime;

namespace DataParallel.Gpu;

/// <summary>
/// The per-block partials of a generated GPU reduction: one value per fixed block of indices, written by the device
/// and read back in block order, so that the host combines them in one fixed order (deterministic reductions).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class BlockPartials<T> : IDisposable
    where T : unmanaged
{
    private readonly MemoryBuffer1D<T, Stride1D.Dense> _buffer;

    private BlockPartials(MemoryBuffer1D<T, Stride1D.Dense> buffer)
    {
        _buffer = buffer;
    }

    /// <summary>Room for <paramref name="blocks"/> partials on <paramref name="accelerator"/>.</summary>
    public static BlockPartials<T> Allocate(Accelerator accelerator, int blocks) => new(accelerator.Allocate1D<T>(Math.Max(blocks, 1)));

    /// <summary>The partials as the kernel writes them.</summary>
    public ArrayView<T> View => _buffer.View;

    /// <summary>Waits for <paramref name="stream"/> and returns the partials, in block order.</summary>
    public T[] Read(AcceleratorStream stream, int blocks)
    {
        var partials = new T[blocks];
        _buffer.View.SubView(0, blocks).CopyToCPU(stream, partials);
        stream.Synchronize();
        return partials;
    }

    /// <inheritdoc/>
    public void Dispose() => _buffer.Dispose();
}

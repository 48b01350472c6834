using System;
using System.ComponentModel;
using ILGPU;
using ILGPU.Runtime;

namespace DataParallel.Gpu;

/// <summary>
/// A device copy of one host span, for the span overloads of generated GPU entry points: the span is copied in
/// when made, and (for written spans) copied back once the kernel is done. An empty span needs no allocation.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class DeviceCopy<T> : IDisposable
    where T : unmanaged
{
    private readonly MemoryBuffer1D<T, Stride1D.Dense>? _buffer;

    private DeviceCopy(MemoryBuffer1D<T, Stride1D.Dense>? buffer)
    {
        _buffer = buffer;
    }

    /// <summary>The device copy as the kernel takes it (<see cref="ArrayView{T}.Empty"/> for an empty span).</summary>
    public ArrayView<T> View => _buffer is null ? ArrayView<T>.Empty : _buffer.View;

    /// <summary>Allocates a buffer of <paramref name="data"/>'s length on <paramref name="stream"/>'s accelerator and copies <paramref name="data"/> into it.</summary>
    public static DeviceCopy<T> In(AcceleratorStream stream, ReadOnlySpan<T> data)
    {
        if (data.IsEmpty)
            return new DeviceCopy<T>(null);
        MemoryBuffer1D<T, Stride1D.Dense> buffer = stream.Accelerator.Allocate1D<T>(data.Length);
        try
        {
            buffer.View.CopyFromCPU(stream, data);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
        return new DeviceCopy<T>(buffer);
    }

    /// <summary>Waits for <paramref name="stream"/>, then copies the device data back into <paramref name="destination"/>.</summary>
    public void Back(AcceleratorStream stream, Span<T> destination)
    {
        if (_buffer is null)
            return;
        _buffer.View.CopyToCPU(stream, destination);
        stream.Synchronize();
    }

    /// <inheritdoc/>
    public void Dispose() => _buffer?.Dispose();
}

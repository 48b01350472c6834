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

    /// <summary>Copies <paramref name="view"/> back into <paramref name="destination"/> once <paramref name="stream"/> is done with it, and waits.</summary>
    public static void Back(AcceleratorStream stream, ArrayView<T> view, Span<T> destination)
    {
        if (view.Length == 0)
            return;
        ((ArrayView1D<T, Stride1D.Dense>)view).CopyToCPU(stream, destination);
        stream.Synchronize();
    }

    /// <summary>
    /// Whether two spans are the very same elements: the kernel then gets one device copy for both, as it would get
    /// one memory on the CPU (a kernel proven race-free with the two merged may read what it wrote through the other).
    /// </summary>
    public static bool SameMemory(ReadOnlySpan<T> first, ReadOnlySpan<T> second)
        => first.Length == second.Length && System.Runtime.CompilerServices.Unsafe.AreSame(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(first), ref System.Runtime.InteropServices.MemoryMarshal.GetReference(second));

    /// <inheritdoc/>
    public void Dispose() => _buffer?.Dispose();
}

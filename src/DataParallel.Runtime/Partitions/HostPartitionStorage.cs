using System;
using System.Runtime.InteropServices;

namespace DataParallel;

/// <summary>
/// A host partition's elements in native memory spanning the whole logical array, of which only the partition's
/// rows and halo are ever written or read.
/// </summary>
/// <remarks>
/// The generated runner takes spans whose element <c>i</c> is global element <c>i</c> and whose length is the
/// logical length, so the kernel sees exactly what the plain call gives it. A base pointer shifted back by the
/// partition's origin would make such a span over block+halo alone, but a byref outside any allocation is undefined
/// for the GC. A zeroed allocation of the whole length costs address space, not memory: the operating system maps
/// pages on first touch, and the entry point proves every access stays inside the partition's window, so the pages
/// outside it are never touched. It also makes every window fit, so halos grow without moving anything.
/// </remarks>
internal sealed unsafe class HostPartitionStorage<T> : PartitionStorage<T> where T : unmanaged
{
    private T* _elements;

    public HostPartitionStorage(int length)
        : base(length, 0, length)
    {
        _elements = (T*)NativeMemory.AllocZeroed((nuint)Math.Max(length, 1), (nuint)sizeof(T));
    }

    ~HostPartitionStorage() => Dispose(false);

    public override void Write(int start, ReadOnlySpan<T> source) => source.CopyTo(Elements.Slice(start, source.Length));

    public override void Read(int start, Span<T> destination) => Elements.Slice(start, destination.Length).CopyTo(destination);

    public override bool TryGetHostSpan(out Span<T> span)
    {
        span = Elements;
        return true;
    }

    private Span<T> Elements
    {
        get
        {
            ObjectDisposedException.ThrowIf(_elements is null, this);
            return new Span<T>(_elements, Length);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (_elements is null)
            return;
        NativeMemory.Free(_elements);
        _elements = null;
    }
}

using System;
using System.Threading;

namespace DataParallel.Partitions.Tests.Devices;

/// <summary>
/// Test storage in a managed array, which counts the elements copied into it from other partitions: halo
/// refreshes and re-cuts go through <see cref="CopyFrom"/>, so the count shows when they happen.
/// </summary>
internal sealed class ManagedStorage<T>(int length, int windowStart, int windowEnd, bool hostAddressable, CopyCounter counter)
    : PartitionStorage<T>(length, windowStart, windowEnd) where T : unmanaged
{
    private readonly T[] _elements = new T[length];

    public override void Write(int start, ReadOnlySpan<T> source) => source.CopyTo(_elements.AsSpan(start, source.Length));

    public override void Read(int start, Span<T> destination) => _elements.AsSpan(start, destination.Length).CopyTo(destination);

    public override void CopyFrom(PartitionStorage<T> source, int start, int count)
    {
        counter.Add(count);
        base.CopyFrom(source, start, count);
    }

    public override bool TryGetHostSpan(out Span<T> span)
    {
        span = hostAddressable ? _elements : default;
        return hostAddressable;
    }

    protected override void Dispose(bool disposing)
    {
    }
}

/// <summary>Elements copied between partitions' storage.</summary>
internal sealed class CopyCounter
{
    private long _elements;

    public long Elements => Interlocked.Read(ref _elements);

    public void Add(int count) => Interlocked.Add(ref _elements, count);
}

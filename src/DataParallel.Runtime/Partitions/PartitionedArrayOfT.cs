using System;

namespace DataParallel;

/// <summary>
/// One logical array of <typeparamref name="T"/> spread over the partitions of a <see cref="DeviceSet"/>: partition
/// <c>p</c> owns the rows <c>[RowBoundaries[p], RowBoundaries[p + 1])</c> and keeps, besides them, the halo rows
/// of its neighbours that the kernels it runs read. Indices are global everywhere.
/// </summary>
/// <remarks>
/// A kernel writes only rows its partition owns. After a call writes the array, every partition's halo is stale
/// and is refreshed from its neighbours before the next call that reads across the border (and only then).
/// </remarks>
public sealed class PartitionedArray<T> : PartitionedArray where T : unmanaged
{
    private readonly PartitionStorage<T>?[] _storage;
    // The elements of each partition's storage that hold current data: always its own rows, plus halo rows copied
    // since the array was last written.
    private readonly int[] _validStart, _validEnd;
    private readonly T[]?[] _saved;
    private readonly int[] _savedStart, _savedEnd;
    private int[] _boundaries;
    private int _layoutVersion;
    private bool _disposed;

    internal PartitionedArray(DeviceSet devices, int length, int rowLength)
        : base(devices, length, rowLength)
    {
        int partitions = devices.PartitionCount;
        _storage = new PartitionStorage<T>?[partitions];
        _validStart = new int[partitions];
        _validEnd = new int[partitions];
        _saved = new T[]?[partitions];
        _savedStart = new int[partitions];
        _savedEnd = new int[partitions];
        _boundaries = devices.Boundaries(Rows);
        _layoutVersion = devices.LayoutVersion;
        try
        {
            for (int p = 0; p < partitions; p++)
                Allocate(p);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public override bool IsDisposed => _disposed || Devices.IsDisposed;

    /// <inheritdoc/>
    public override int[] RowBoundaries => (int[])_boundaries.Clone();

    internal override int LayoutVersion => _layoutVersion;

    /// <summary>Copies the logical array to <paramref name="destination"/>, which must be exactly <see cref="PartitionedArray.Length"/> long.</summary>
    public void CopyTo(Span<T> destination)
    {
        ThrowIfDisposed();
        if (destination.Length != Length)
            throw new ArgumentException($"The destination holds {destination.Length} elements but the array has {Length}.", nameof(destination));
        for (int p = 0; p < _storage.Length; p++)
        {
            (int start, int end) = Block(p);
            _storage[p]!.Read(start, destination[start..end]);
        }
    }

    /// <summary>Overwrites the logical array with <paramref name="source"/>, exactly <see cref="PartitionedArray.Length"/> long.</summary>
    public void CopyFrom(ReadOnlySpan<T> source)
    {
        ThrowIfDisposed();
        if (source.Length != Length)
            throw new ArgumentException($"The source holds {source.Length} elements but the array has {Length}.", nameof(source));
        for (int p = 0; p < _storage.Length; p++)
        {
            (int start, int end) = Block(p);
            _storage[p]!.Write(start, source[start..end]);
            _validStart[p] = start;
            _validEnd[p] = end;
        }
    }

    /// <summary>The logical array, gathered into a new array.</summary>
    public T[] ToArray()
    {
        var result = new T[Length];
        CopyTo(result);
        return result;
    }

    /// <summary>
    /// The span the host runner uses for partition <paramref name="partition"/>: element <c>i</c> is global element
    /// <c>i</c>, the length is the logical length; only the partition's current window holds data.
    /// </summary>
    internal Span<T> HostSpan(int partition)
    {
        if (!_storage[partition]!.TryGetHostSpan(out Span<T> span))
            throw new NotSupportedException($"Partition {partition} lives on {Devices.Devices[partition].Name}, whose memory the host cannot address.");
        return span;
    }

    internal override void CutAt(int[] boundaries, int layoutVersion)
    {
        if (!boundaries.AsSpan().SequenceEqual(_boundaries))
        {
            // New storage for every partition, filled from the old owners, before the old storage goes: no row is
            // ever held by nobody, and a failure to allocate leaves the array as it was.
            var fresh = new PartitionStorage<T>?[_storage.Length];
            try
            {
                for (int p = 0; p < fresh.Length; p++)
                {
                    int start = boundaries[p] * RowLength, end = boundaries[p + 1] * RowLength;
                    fresh[p] = Devices.Devices[p].Allocate<T>(Length, start, end);
                    for (int q = 0; q < _storage.Length; q++)
                    {
                        (int ownStart, int ownEnd) = Block(q);
                        int from = Math.Max(start, ownStart), to = Math.Min(end, ownEnd);
                        if (from < to)
                            fresh[p]!.CopyFrom(_storage[q]!, from, to - from);
                    }
                }
            }
            catch
            {
                foreach (PartitionStorage<T>? storage in fresh)
                    storage?.Dispose();
                throw;
            }
            for (int p = 0; p < _storage.Length; p++)
            {
                _storage[p]!.Dispose();
                _storage[p] = fresh[p];
            }
            _boundaries = (int[])boundaries.Clone();
            for (int p = 0; p < _storage.Length; p++)
                (_validStart[p], _validEnd[p]) = Block(p);
        }
        _layoutVersion = layoutVersion;
    }

    internal override void RefreshWindow(int partition, int start, int end)
    {
        int validStart = _validStart[partition], validEnd = _validEnd[partition];
        if (start >= validStart && end <= validEnd)
            return;
        // One contiguous current range: the gap between the window and the rows already current is fetched too.
        int newStart = Math.Min(start, validStart), newEnd = Math.Max(end, validEnd);
        PartitionStorage<T> storage = _storage[partition]!;
        if (newStart < storage.WindowStart || newEnd > storage.WindowEnd)
        {
            // Storage that cannot hold the wider window (a device that allocates block+halo only) grows first.
            PartitionStorage<T> wider = Devices.Devices[partition].Allocate<T>(Length, newStart, newEnd);
            try
            {
                wider.CopyFrom(storage, validStart, validEnd - validStart);
            }
            catch
            {
                wider.Dispose();
                throw;
            }
            storage.Dispose();
            _storage[partition] = storage = wider;
        }
        Fetch(partition, newStart, validStart);
        Fetch(partition, validEnd, newEnd);
        _validStart[partition] = newStart;
        _validEnd[partition] = newEnd;
    }

    /// <summary>Copies elements <c>[start, end)</c> into partition <paramref name="partition"/> from the partitions that own them.</summary>
    private void Fetch(int partition, int start, int end)
    {
        for (int q = 0; q < _storage.Length && start < end; q++)
        {
            (int ownStart, int ownEnd) = Block(q);
            int from = Math.Max(start, ownStart), to = Math.Min(end, ownEnd);
            if (q != partition && from < to)
                _storage[partition]!.CopyFrom(_storage[q]!, from, to - from);
        }
    }

    internal override void InvalidateHalos()
    {
        for (int p = 0; p < _storage.Length; p++)
            (_validStart[p], _validEnd[p]) = Block(p);
    }

    internal override void Save(int partition, int start, int end)
    {
        int count = end - start;
        T[]? saved = _saved[partition];
        if (saved is null || saved.Length < count)
            _saved[partition] = saved = GC.AllocateUninitializedArray<T>(count);
        _storage[partition]!.Read(start, saved.AsSpan(0, count));
        _savedStart[partition] = start;
        _savedEnd[partition] = end;
    }

    internal override void Restore()
    {
        for (int p = 0; p < _storage.Length; p++)
        {
            if (_savedEnd[p] > _savedStart[p])
                _storage[p]!.Write(_savedStart[p], _saved[p].AsSpan(0, _savedEnd[p] - _savedStart[p]));
        }
        DropSaved();
    }

    internal override void DropSaved()
    {
        Array.Clear(_savedStart);
        Array.Clear(_savedEnd);
    }

    private (int Start, int End) Block(int partition) => (_boundaries[partition] * RowLength, _boundaries[partition + 1] * RowLength);

    private void Allocate(int partition)
    {
        (int start, int end) = Block(partition);
        _storage[partition] = Devices.Devices[partition].Allocate<T>(Length, start, end);
        _validStart[partition] = start;
        _validEnd[partition] = end;
    }

    /// <inheritdoc/>
    public override void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        foreach (PartitionStorage<T>? storage in _storage)
            storage?.Dispose();
        Array.Clear(_saved);
        Devices.Forget(this);
    }

    /// <inheritdoc/>
    public override string ToString() => $"PartitionedArray<{typeof(T).Name}>[{Length}] ({Rows} rows of {RowLength}) over {Devices}";
}

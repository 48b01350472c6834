using System;

namespace DataParallel;

/// <summary>
/// What every <see cref="PartitionedArray{T}"/> is, whatever its element type: one logical array of
/// <see cref="Length"/> elements, <see cref="RowLength"/> per row, cut into whole rows over the partitions of the
/// <see cref="DeviceSet"/> that made it.
/// </summary>
public abstract class PartitionedArray : IDisposable
{
    private protected PartitionedArray(DeviceSet devices, int length, int rowLength)
    {
        Devices = devices;
        Length = length;
        RowLength = rowLength;
    }

    /// <summary>The set the array belongs to; kernels accept it only with that set.</summary>
    public DeviceSet Devices { get; }

    /// <summary>The logical length: what <c>span.Length</c> is inside a kernel.</summary>
    public int Length { get; }

    /// <summary>Elements per row: an index of a kernel's outermost dimension owns one whole row.</summary>
    public int RowLength { get; }

    /// <summary>The number of rows.</summary>
    public int Rows => Length / RowLength;

    /// <summary>Whether the array was disposed (directly or with its set).</summary>
    public abstract bool IsDisposed { get; }

    /// <summary>The first row of each partition, then <see cref="Rows"/>: where the array is cut now.</summary>
    public abstract int[] RowBoundaries { get; }

    /// <summary>Cuts the array again at <paramref name="boundaries"/> (rows), moving rows between partitions.</summary>
    internal abstract void CutAt(int[] boundaries, int layoutVersion);

    /// <summary>The <see cref="DeviceSet.LayoutVersion"/> the array was cut under.</summary>
    internal abstract int LayoutVersion { get; }

    /// <summary>Makes elements <c>[start, end)</c> of partition <paramref name="partition"/> current, copying halo rows from their owners.</summary>
    internal abstract void RefreshWindow(int partition, int start, int end);

    /// <summary>Marks every partition's halo stale: the call wrote the array's rows.</summary>
    internal abstract void InvalidateHalos();

    /// <summary>Saves elements <c>[start, end)</c> of partition <paramref name="partition"/> (its own rows), to put back on failure.</summary>
    internal abstract void Save(int partition, int start, int end);

    /// <summary>Puts back what <see cref="Save"/> saved, and forgets it.</summary>
    internal abstract void Restore();

    /// <summary>Forgets what <see cref="Save"/> saved.</summary>
    internal abstract void DropSaved();

    /// <summary>Throws <see cref="ObjectDisposedException"/> when disposed.</summary>
    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(IsDisposed, this);

    /// <summary>Releases every partition's storage.</summary>
    public abstract void Dispose();
}

using System;

namespace DataParallel;

/// <summary>
/// Where one partition of a <see cref="PartitionedArray{T}"/> keeps its elements: its rows and the halo rows it
/// copies from its neighbours. Indices are global: element <c>i</c> here is element <c>i</c> of the logical array,
/// valid inside <c>[WindowStart, WindowEnd)</c>.
/// </summary>
/// <remarks>
/// This is the extension point for memory the host cannot address (a GPU buffer, another MPI rank's memory): the
/// set moves data only through <see cref="Write"/>, <see cref="Read"/> and <see cref="CopyFrom"/>, and asks for a host
/// span only when the device runs host kernels.
/// </remarks>
public abstract class PartitionStorage<T> : IDisposable where T : unmanaged
{
    /// <summary>Creates storage holding the elements <c>[windowStart, windowEnd)</c> of an array of <paramref name="length"/>.</summary>
    protected PartitionStorage(int length, int windowStart, int windowEnd)
    {
        if (windowStart < 0 || windowEnd < windowStart || windowEnd > length)
            throw new ArgumentOutOfRangeException(nameof(windowStart), $"The window [{windowStart}, {windowEnd}) does not fit an array of {length} elements.");
        Length = length;
        WindowStart = windowStart;
        WindowEnd = windowEnd;
    }

    /// <summary>The logical array's length.</summary>
    public int Length { get; }

    /// <summary>The first element this storage can hold.</summary>
    public int WindowStart { get; }

    /// <summary>One past the last element this storage can hold.</summary>
    public int WindowEnd { get; }

    /// <summary>Copies <paramref name="source"/> from the host into elements <c>[start, start + source.Length)</c>.</summary>
    public abstract void Write(int start, ReadOnlySpan<T> source);

    /// <summary>Copies elements <c>[start, start + destination.Length)</c> to the host.</summary>
    public abstract void Read(int start, Span<T> destination);

    /// <summary>
    /// Copies elements <c>[start, start + count)</c> of <paramref name="source"/> (another partition's storage) into the
    /// same elements here: a halo refresh or a re-cut. The default stages through the host; a kind of device with a
    /// direct path (peer copies) overrides it.
    /// </summary>
    public virtual void CopyFrom(PartitionStorage<T> source, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (count == 0)
            return;
        if (source.TryGetHostSpan(out Span<T> from))
        {
            Write(start, from.Slice(start, count));
            return;
        }
        T[] staging = new T[count];
        source.Read(start, staging);
        Write(start, staging);
    }

    /// <summary>
    /// A span over the logical array in which this storage's window is valid, for the host runner; false for memory
    /// the host cannot address.
    /// </summary>
    public virtual bool TryGetHostSpan(out Span<T> span)
    {
        span = default;
        return false;
    }

    /// <summary>Releases the storage.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the storage's memory.</summary>
    protected abstract void Dispose(bool disposing);
}

using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;

namespace DataParallel.CompilerServices;

/// <summary>
/// One call of a generated partitioned entry point: checks the set, its devices and the arrays, collects the
/// windows each partition's sub-domain reaches (from the interval expressions the generator emits), then refreshes
/// halos, saves what the call will write, runs the partitions, and either keeps the results or puts back every
/// written element. Generated code only.
/// </summary>
/// <remarks>
/// The order is the guarantee: everything that can reject the call — the set, its devices, the arrays, the
/// windows, and the runner's own checks for each partition's rows — is checked for every partition before
/// <see cref="Prepare"/>, and nothing is written before it.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class PartitionedCall
{
    private readonly DeviceSet _devices;
    private readonly string _kernel;
    private readonly int _start, _count;
    private readonly List<Operand> _operands = new(4);
    private int[]? _boundaries;
    private bool _mayRunChecked;
    private long[]? _began;
    private double[]? _seconds;

    private PartitionedCall(DeviceSet devices, string kernel, int start, int count)
    {
        _devices = devices;
        _kernel = kernel;
        _start = start;
        _count = count;
    }

    /// <summary>The number of partitions.</summary>
    public int Count => _devices.PartitionCount;

    /// <summary>
    /// Starts a call of <paramref name="kernel"/> whose outermost index runs over <c>[start, start + count)</c>:
    /// checks the set and that every device is available and can run the kernel.
    /// </summary>
    public static PartitionedCall Begin(DeviceSet devices, string kernel, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(devices);
        devices.ThrowIfDisposed();
        for (int p = 0; p < devices.PartitionCount; p++)
        {
            ComputeDevice device = devices.Devices[p];
            if (!device.IsAvailable)
                throw new ObjectDisposedException(device.Name, $"Kernel {kernel} cannot run: device {device.Name} (partition {p}) is no longer available.");
            if (!device.RunsHostKernels)
                throw new NotSupportedException($"Kernel {kernel} cannot run on device {device.Name} (partition {p}): only the host's entry points were generated for it, and that device does not run host code.");
        }
        // Claimed last, so that a call rejected above leaves the set free.
        devices.ClaimCall(kernel);
        return new PartitionedCall(devices, kernel, start, count);
    }

    /// <summary>The call is over, whatever happened: the set may run another.</summary>
    public void End() => _devices.ReleaseCall();

    /// <summary>Adds a partitioned array the kernel takes as <paramref name="name"/>; <paramref name="written"/> when the kernel stores to it.</summary>
    public void Add(PartitionedArray array, string name, bool written)
    {
        if (array is null)
            throw new ArgumentNullException(name, $"Kernel {_kernel}: the partitioned array '{name}' is null.");
        if (array.IsDisposed)
            throw new ObjectDisposedException(name, $"Kernel {_kernel}: the partitioned array '{name}' was disposed.");
        if (!ReferenceEquals(array.Devices, _devices))
            throw new ArgumentException($"Kernel {_kernel}: the partitioned array '{name}' belongs to {array.Devices}, not to the set the call runs on; partition it with that set.", name);
        if (_operands.Count > 0 && _operands[0].Array.Rows != array.Rows)
        {
            Operand first = _operands[0];
            throw new ArgumentException(
                $"Kernel {_kernel}: the partitioned arrays must have the same number of rows, one per index of the outermost dimension: '{first.Name}' has {first.Array.Rows} ({first.Array.Length} elements, rowLength {first.Array.RowLength}) but '{name}' has {array.Rows} ({array.Length} elements, rowLength {array.RowLength}).",
                name);
        }
        _operands.Add(new Operand(array, name, written, new long[_devices.PartitionCount], new long[_devices.PartitionCount]));
    }

    /// <summary>
    /// The outermost indices partition <paramref name="partition"/> runs: the call's range within the rows it owns
    /// under the layout the call will use; false when there are none.
    /// </summary>
    public bool TryGetRows(int partition, out int start, out int count)
    {
        int[] boundaries = _boundaries ??= Layout();
        start = Math.Max(_start, boundaries[partition]);
        int end = Math.Min(_start + _count, boundaries[partition + 1]);
        count = Math.Max(end - start, 0);
        return count > 0;
    }

    /// <summary>
    /// Records that partition <paramref name="partition"/> reaches <paramref name="elements"/> of operand
    /// <paramref name="operand"/> through <paramref name="access"/>. An array the kernel writes must stay inside the
    /// partition's own rows; one it only reads gets that window (in whole rows) as its halo.
    /// </summary>
    public void Window(int partition, int operand, LongInterval elements, string access)
    {
        Operand o = _operands[operand];
        // Outside [0, Length) the kernel's own span checks fault, in the partitioned call as in the plain one; only
        // the part inside can be read, and only that needs to be current.
        long lo = Math.Max(elements.Lo, 0), hi = Math.Min(elements.Hi, (long)o.Array.Length - 1);
        if (elements.IsEmpty || lo > hi)
            return;
        int rowLength = o.Array.RowLength;
        long ownStart = (long)_boundaries![partition] * rowLength, ownEnd = (long)_boundaries[partition + 1] * rowLength;
        if (o.Written && (lo < ownStart || hi >= ownEnd))
        {
            throw new ArgumentException(
                $"Kernel {_kernel} cannot run partitioned: on partition {partition} ({_devices.Devices[partition].Name}), {access} reaches elements {lo}..{hi} of '{o.Name}', "
                + $"outside the rows that partition owns (elements {ownStart}..{ownEnd - 1}). An array a kernel writes must be reached only at the rows of its own outermost index; "
                + $"is '{o.Name}' partitioned with the right rowLength (now {rowLength})?",
                o.Name);
        }
        long start = lo / rowLength * rowLength, end = (hi / rowLength + 1) * rowLength;
        if (o.End[partition] <= o.Start[partition])
        {
            o.Start[partition] = start;
            o.End[partition] = end;
        }
        else
        {
            o.Start[partition] = Math.Min(o.Start[partition], start);
            o.End[partition] = Math.Max(o.End[partition], end);
        }
    }

    /// <summary>
    /// Some partition's bounds were not decided at entry: its runner will run the kernel as written, whose own checks
    /// may throw while partitions run, so what the call writes is saved (when the set restores on failure).
    /// </summary>
    public void MayRunChecked() => _mayRunChecked = true;

    /// <summary>Throws for a window the entry point could not compute (an index expression that may wrap in int).</summary>
    public void ThrowUnbounded(int partition, ArithmeticException reason)
        => throw new ArgumentException(
            $"Kernel {_kernel} cannot run partitioned: the elements partition {partition} reaches cannot be bounded for this call ({reason.Message}).", reason);

    /// <summary>
    /// After every check: moves boundaries to the call's layout, refreshes the halos the windows need, and saves
    /// the elements the call may write, when the set restores on failure and something could fail: the kernel
    /// (<paramref name="kernelMayThrow"/>, decided by the generator) or a device (<see cref="ComputeDevice.MayFailWhileRunning"/>).
    /// </summary>
    public void Prepare(bool kernelMayThrow)
    {
        int[] boundaries = _boundaries ??= Layout();
        bool save = _devices.RestoreOnFailure && (kernelMayThrow || _mayRunChecked || MayFailWhileRunning());
        foreach (Operand o in _operands)
            o.Array.CutAt(boundaries, _devices.LayoutVersion);
        for (int p = 0; p < Count; p++)
        {
            foreach (Operand o in _operands)
            {
                if (o.End[p] <= o.Start[p])
                    continue;
                if (o.Written)
                {
                    if (save)
                        o.Array.Save(p, (int)o.Start[p], (int)o.End[p]);
                }
                else
                {
                    o.Array.RefreshWindow(p, (int)o.Start[p], (int)o.End[p]);
                }
            }
        }
        _began = new long[Count];
        _seconds = new double[Count];
    }

    /// <summary>The span the host runner uses for <paramref name="array"/> on partition <paramref name="partition"/> (indices global).</summary>
    public Span<T> Span<T>(int partition, PartitionedArray<T> array) where T : unmanaged => array.HostSpan(partition);

    /// <summary>Partition <paramref name="partition"/> starts running.</summary>
    public void Enter(int partition) => _began![partition] = Stopwatch.GetTimestamp();

    /// <summary>Partition <paramref name="partition"/> was given all its work: waits for its device, and records the time.</summary>
    public void Exit(int partition)
    {
        _devices.Devices[partition].Synchronize();
        _seconds![partition] = Stopwatch.GetElapsedTime(_began![partition]).TotalSeconds;
    }

    /// <summary>A partition failed: puts back every element the call wrote (when the set restores on failure) and rethrows.</summary>
    public void Abandon()
    {
        foreach (Operand o in _operands)
        {
            if (o.Written && _devices.RestoreOnFailure)
                o.Array.Restore();
        }
        InvalidateWritten();
    }

    /// <summary>Every partition ran: halos of the written arrays are stale, and the times feed the load balancer.</summary>
    public void Complete()
    {
        foreach (Operand o in _operands)
        {
            if (o.Written)
                o.Array.DropSaved();
        }
        InvalidateWritten();
        var rows = new int[Count];
        for (int p = 0; p < Count; p++)
            rows[p] = TryGetRows(p, out _, out int count) ? count : 0;
        _devices.RecordTimes(_kernel, rows, _seconds!);
    }

    /// <summary>The exception a kernel that cannot be partitioned throws from its partitioned entry points.</summary>
    public static NotSupportedException NotPartitionable(string kernel, string reason)
        => new($"Kernel {kernel} cannot run on partitioned arrays: {reason} (DP4001). Nothing was run.");

    private void InvalidateWritten()
    {
        foreach (Operand o in _operands)
        {
            if (o.Written)
                o.Array.InvalidateHalos();
        }
    }

    private bool MayFailWhileRunning()
    {
        foreach (ComputeDevice device in _devices.Devices)
        {
            if (device.MayFailWhileRunning)
                return true;
        }
        return false;
    }

    private int[] Layout()
    {
        if (_operands.Count == 0)
            throw new InvalidOperationException($"Kernel {_kernel}: a partitioned call needs at least one partitioned array.");
        PartitionedArray first = _operands[0].Array;
        if (_start < 0 || (long)_start + _count > first.Rows)
        {
            throw new ArgumentException(
                $"Kernel {_kernel}: its outermost index runs over [{_start}, {(long)_start + _count}) but the partitioned arrays have {first.Rows} rows, one per index; partition with a rowLength that makes one row per index.",
                _operands[0].Name);
        }
        // Arrays cut under the current weights keep their boundaries; the others are cut again in Prepare.
        return first.LayoutVersion == _devices.LayoutVersion ? first.RowBoundaries : _devices.Boundaries(first.Rows);
    }

    private sealed record Operand(PartitionedArray Array, string Name, bool Written, long[] Start, long[] End);
}

using System;
using System.Collections.Generic;
using System.Linq;

namespace DataParallel;

/// <summary>
/// The devices one logical array is spread over, one partition each, and the layout every array of the set shares:
/// arrays with the same number of rows are cut at the same rows, along the kernel's outermost index.
/// </summary>
/// <remarks>
/// <para>
/// Partitions are sized by weights (<see cref="Weights"/>): by default measured from the time each partition took in
/// earlier calls of the same kernel (<see cref="AutoBalance"/>), or pinned by the user (<see cref="PinWeights"/>).
/// New weights take effect at the next call, which moves the boundaries of the arrays it uses before anything
/// runs: re-balancing happens only between calls. Boundaries are multiples of <see cref="BlockRows"/>.
/// </para>
/// <para>
/// <b>Extension point.</b> Another kind of set (an MPI set whose partitions are ranks) derives from this class and
/// passes its devices, one per partition, to the protected constructor; kinds of device plug in through
/// <see cref="ComputeDevice"/>. A set runs one call at a time: a kernel called on a set while another call runs on it
/// (from another thread) throws <see cref="InvalidOperationException"/> before anything runs. Partitioning, copying and
/// disposing arrays are not guarded: do not do them while a call runs.
/// </para>
/// </remarks>
public class DeviceSet : IDisposable
{
    /// <summary>The default <see cref="BlockRows"/>: whole blocks of a deterministic reduction on either side of a boundary.</summary>
    public const int DefaultBlockRows = 1024;

    /// <summary>A weight change smaller than this share of a partition's weight does not move boundaries (noise).</summary>
    private const double Hysteresis = 0.1;

    /// <summary>No partition's weight falls below this share of an even split, so every partition keeps being measured.</summary>
    private const double MinimumShare = 0.05;

    private readonly ComputeDevice[] _devices;
    private readonly List<PartitionedArray> _arrays = new();
    private readonly DeviceTimings _timings;
    private double[] _weights;
    private bool _pinned;
    private bool _disposed;
    private int _callRunning;

    /// <summary>Creates a set with one partition on each of <paramref name="devices"/> (a device may appear more than once).</summary>
    /// <param name="devices">The device of each partition, in order.</param>
    /// <param name="blockRows">Boundaries fall on multiples of this many rows (at least 1).</param>
    /// <param name="autoBalance">Whether weights follow measured times (<see cref="AutoBalance"/>).</param>
    protected DeviceSet(IEnumerable<ComputeDevice> devices, int blockRows, bool autoBalance)
    {
        ArgumentNullException.ThrowIfNull(devices);
        _devices = devices.ToArray();
        if (_devices.Length == 0)
            throw new ArgumentException("A device set needs at least one device.", nameof(devices));
        for (int p = 0; p < _devices.Length; p++)
        {
            if (_devices[p] is null)
                throw new ArgumentNullException(nameof(devices), $"Device {p} of the set is null.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        BlockRows = blockRows;
        AutoBalance = autoBalance;
        _weights = Enumerable.Repeat(1.0, _devices.Length).ToArray();
        _timings = new DeviceTimings(_devices.Length);
    }

    /// <summary>
    /// A set with one partition on each device, weights balanced from measured times when the devices are not all the
    /// same one (partitions of one device share it, so their times say nothing about each other).
    /// </summary>
    public static DeviceSet Create(params ComputeDevice[] devices) => Create(DefaultBlockRows, devices);

    /// <summary>A set with one partition on each device, boundaries on multiples of <paramref name="blockRows"/> rows.</summary>
    public static DeviceSet Create(int blockRows, params ComputeDevice[] devices)
        => new(devices, blockRows, autoBalance: devices is not null && devices.Distinct().Count() > 1);

    /// <summary>
    /// The host alone, split in <paramref name="partitions"/> equal partitions (one per NUMA node, for example). Its
    /// partitions share the host's cores and run one after another, each on every core, so their weights stay even
    /// unless pinned.
    /// </summary>
    public static DeviceSet Host(int partitions, int blockRows = DefaultBlockRows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        return new DeviceSet(Enumerable.Repeat(ComputeDevice.Host, partitions), blockRows, autoBalance: false);
    }

    /// <summary>The device of each partition.</summary>
    public IReadOnlyList<ComputeDevice> Devices => _devices;

    /// <summary>The number of partitions.</summary>
    public int PartitionCount => _devices.Length;

    /// <summary>Partition boundaries are multiples of this many rows.</summary>
    public int BlockRows { get; }

    /// <summary>Whether weights follow the times measured in earlier calls (ignored while weights are pinned).</summary>
    public bool AutoBalance { get; set; }

    /// <summary>
    /// Whether a call that fails while its partitions run puts back every element the kernel wrote (the default).
    /// Off, a failure leaves the partitions that ran with their results; argument errors never write anything either way.
    /// Keeping the guarantee costs one copy of the elements the call writes.
    /// </summary>
    public bool RestoreOnFailure { get; set; } = true;

    /// <summary>The current weight of each partition (they sum to 1); the next call cuts arrays by these.</summary>
    public IReadOnlyList<double> Weights
    {
        get
        {
            double total = _weights.Sum();
            return _weights.Select(w => w / total).ToArray();
        }
    }

    /// <summary>Whether <see cref="IsDisposed"/> the set.</summary>
    public bool IsDisposed => _disposed;

    /// <summary>Incremented whenever the weights change: arrays cut under an older version are cut again at their next call.</summary>
    internal int LayoutVersion { get; private set; }

    /// <summary>Fixes the weights (one per partition, positive); measured times no longer change them until <see cref="UnpinWeights"/>.</summary>
    public void PinWeights(params double[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length != _devices.Length)
            throw new ArgumentException($"The set has {_devices.Length} partitions but {weights.Length} weights were given.", nameof(weights));
        if (weights.Any(w => !(w > 0) || double.IsInfinity(w)))
            throw new ArgumentException("Every weight must be positive and finite.", nameof(weights));
        ThrowIfDisposed();
        _pinned = true;
        SetWeights(weights);
    }

    /// <summary>Lets measured times move the weights again (when <see cref="AutoBalance"/>).</summary>
    public void UnpinWeights() => _pinned = false;

    /// <summary>The first row of each partition, then <paramref name="rows"/>, for an array of that many rows under the current weights.</summary>
    public int[] Boundaries(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        return PartitionCut.Boundaries(rows, _weights, BlockRows);
    }

    /// <summary>Cuts <paramref name="data"/> into the set's partitions: <paramref name="rowLength"/> elements per row, rows kept whole.</summary>
    /// <exception cref="ArgumentException">The length is not a whole number of rows.</exception>
    public PartitionedArray<T> Partition<T>(ReadOnlySpan<T> data, int rowLength = 1) where T : unmanaged
    {
        PartitionedArray<T> array = Allocate<T>(data.Length, rowLength);
        array.CopyFrom(data);
        return array;
    }

    /// <summary>Cuts <paramref name="data"/> into the set's partitions: <paramref name="rowLength"/> elements per row, rows kept whole.</summary>
    /// <exception cref="ArgumentException">The length is not a whole number of rows.</exception>
    public PartitionedArray<T> Partition<T>(T[] data, int rowLength = 1) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(data);
        return Partition((ReadOnlySpan<T>)data, rowLength);
    }

    /// <summary>A partitioned array of <paramref name="length"/> zeros, <paramref name="rowLength"/> elements per row.</summary>
    /// <exception cref="ArgumentException">The length is not a whole number of rows.</exception>
    public PartitionedArray<T> Allocate<T>(int length, int rowLength = 1) where T : unmanaged
    {
        ThrowIfDisposed();
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowLength, 1);
        if (length % rowLength != 0)
            throw new ArgumentException($"A partitioned array holds whole rows: its length {length} is not a multiple of rowLength {rowLength}.", nameof(length));
        var array = new PartitionedArray<T>(this, length, rowLength);
        _arrays.Add(array);
        return array;
    }

    /// <summary>Records a call's times; when they call for other weights, the next call re-balances.</summary>
    internal void RecordTimes(string kernel, ReadOnlySpan<int> rows, ReadOnlySpan<double> seconds)
    {
        _timings.Record(kernel, rows, seconds);
        if (!AutoBalance || _pinned || _devices.Length == 1 || _timings.Weights() is not { } measured)
            return;
        double floor = MinimumShare / _devices.Length;
        for (int p = 0; p < measured.Length; p++)
            measured[p] = Math.Max(measured[p], floor);
        double total = _weights.Sum(), measuredTotal = measured.Sum();
        bool moved = false;
        for (int p = 0; p < measured.Length; p++)
        {
            double current = _weights[p] / total, target = measured[p] / measuredTotal;
            moved |= Math.Abs(target - current) > Hysteresis * current;
        }
        if (moved)
            SetWeights(measured);
    }

    /// <summary>Claims the set for one call; a second call while one runs (from another thread) is refused.</summary>
    internal void ClaimCall(string kernel)
    {
        if (System.Threading.Interlocked.Exchange(ref _callRunning, 1) != 0)
            throw new InvalidOperationException($"Kernel {kernel} cannot start on {this}: another call is running on this set. A set runs one call at a time; use one set per thread.");
    }

    internal void ReleaseCall() => System.Threading.Volatile.Write(ref _callRunning, 0);

    internal void Forget(PartitionedArray array) => _arrays.Remove(array);

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);

    private void SetWeights(double[] weights)
    {
        _weights = (double[])weights.Clone();
        LayoutVersion++;
    }

    /// <summary>Disposes the set and every array it partitioned.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Disposes every array the set partitioned; a derived set releases its own resources too.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
            return;
        _disposed = true;
        if (disposing)
        {
            foreach (PartitionedArray array in _arrays.ToArray())
                array.Dispose();
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"DeviceSet({string.Join(", ", _devices.Select(d => d.Name))})";
}

using System;
using System.Threading;

namespace DataParallel.Partitions.Tests.Devices;

/// <summary>
/// A test-only kind of device: host memory in managed arrays (counting copies between partitions), optionally
/// slow (it waits in <see cref="Synchronize"/> in proportion to the rows it ran, as a slower processor would),
/// optionally unable to run host code (memory the host cannot address), and disposable.
/// </summary>
internal sealed class TestDevice(string name, bool runsHostKernels = true) : HostComputeDevice(name)
{
    public CopyCounter Copies { get; } = new();

    /// <summary>How long each partition call on this device takes extra.</summary>
    public TimeSpan Delay { get; set; }

    public bool Disposed { get; set; }

    /// <summary>Whether the device fails after running a partition (a lost device, a failed launch).</summary>
    public bool Fails { get; set; }

    public override bool MayFailWhileRunning => true;

    /// <summary>Runs inside <see cref="Synchronize"/>: while the set's call is still running.</summary>
    public Action? WhileRunning { get; set; }

    /// <summary>
    /// Whether storage declares only the window asked for (as device memory sized to block+halo would), so that a
    /// wider halo makes the array move the partition to larger storage; otherwise storage holds the whole array.
    /// </summary>
    public bool WindowOnly { get; init; }

    public override bool IsAvailable => !Disposed;

    public override bool RunsHostKernels => runsHostKernels;

    protected override PartitionStorage<T> Allocate<T>(int length, int windowStart, int windowEnd)
        => WindowOnly
            ? new ManagedStorage<T>(length, windowStart, windowEnd, runsHostKernels, Copies)
            : new ManagedStorage<T>(length, 0, length, runsHostKernels, Copies);

    protected override void Synchronize()
    {
        if (Delay > TimeSpan.Zero)
            Thread.Sleep(Delay);
        WhileRunning?.Invoke();
        if (Fails)
            throw new InvalidOperationException($"Device {Name} failed.");
    }
}

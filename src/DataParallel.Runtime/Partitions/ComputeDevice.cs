using System;

namespace DataParallel;

/// <summary>
/// A processor that holds partitions of a <see cref="PartitionedArray{T}"/> and runs kernels over them. Named
/// <c>ComputeDevice</c>, not <c>Device</c>, because ILGPU already has <c>ILGPU.Runtime.Device</c>.
/// </summary>
/// <remarks>
/// <para>
/// <b>Extension point.</b> A kind of device (a GPU in <c>DataParallel.Gpu</c>, an MPI rank) derives from this class
/// and says three things: where a partition's elements live (<see cref="Allocate{T}"/>, which returns a
/// <see cref="PartitionStorage{T}"/> that may be memory the host cannot address), whether it runs the generated
/// host code (<see cref="RunsHostKernels"/>), and when work it was given has finished
/// (<see cref="Synchronize"/>, which the load balancer's timing includes). Everything else — cutting, halos,
/// re-balancing, restoring data after a failure — is the <see cref="DeviceSet"/>'s and works through those members.
/// </para>
/// <para>
/// A kind of device whose memory the host cannot address leaves <see cref="RunsHostKernels"/> false; kernels then
/// need entry points generated for that kind, and a call without them throws <see cref="NotSupportedException"/>
/// naming the device before anything runs.
/// </para>
/// </remarks>
public abstract class ComputeDevice
{
    /// <summary>This library's own SIMD multi-core CPU path (not ILGPU's CPU accelerator).</summary>
    public static ComputeDevice Host { get; } = new HostComputeDevice("Host");

    /// <summary>Creates a device called <paramref name="name"/> (used in messages).</summary>
    protected ComputeDevice(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The device's name, as messages name it.</summary>
    public string Name { get; }

    /// <summary>
    /// Whether the device can still be used (false once what it wraps was disposed). A call on a set with an
    /// unavailable device throws <see cref="ObjectDisposedException"/> before anything runs.
    /// </summary>
    public virtual bool IsAvailable => true;

    /// <summary>
    /// Whether running a partition can fail on this device even when the kernel cannot throw (a lost device, a
    /// failed launch). A partitioned call that writes then saves what it will write, to put it back on failure.
    /// The host runs checked, fault-free kernels to completion, so it says false.
    /// </summary>
    public virtual bool MayFailWhileRunning => true;

    /// <summary>
    /// Whether the generated SIMD multi-core runner can run a partition on this device: its storage must then give a
    /// host span (<see cref="PartitionStorage{T}.TryGetHostSpan"/>).
    /// </summary>
    public abstract bool RunsHostKernels { get; }

    /// <summary>
    /// Storage for one partition of an array of <paramref name="length"/> elements that must hold at least the
    /// elements <c>[windowStart, windowEnd)</c> (the partition's rows and its halo). Element <c>i</c> of the storage is
    /// element <c>i</c> of the logical array: indices are global.
    /// </summary>
    protected internal abstract PartitionStorage<T> Allocate<T>(int length, int windowStart, int windowEnd) where T : unmanaged;

    /// <summary>
    /// Waits until the work given to this device for a partition has finished. The host runs partitions to completion
    /// on the calling thread, so it has nothing to wait for; an asynchronous device waits for its queue here, so the
    /// time the load balancer measures is the device's.
    /// </summary>
    protected internal virtual void Synchronize()
    {
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

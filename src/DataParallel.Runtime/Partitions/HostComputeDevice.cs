namespace DataParallel;

/// <summary>
/// The host: partitions in native memory, run by the generated SIMD multi-core runner on all cores.
/// <see cref="ComputeDevice.Host"/> is the instance to use; derive from this class only for a host-memory device
/// with different behaviour (for example a test device that is deliberately slow in <see cref="ComputeDevice.Synchronize"/>).
/// </summary>
public class HostComputeDevice : ComputeDevice
{
    /// <summary>Creates a host device called <paramref name="name"/>.</summary>
    protected internal HostComputeDevice(string name)
        : base(name)
    {
    }

    /// <inheritdoc/>
    public override bool RunsHostKernels => true;

    /// <inheritdoc/>
    public override bool MayFailWhileRunning => false;

    /// <inheritdoc/>
    protected internal override PartitionStorage<T> Allocate<T>(int length, int windowStart, int windowEnd)
        => new HostPartitionStorage<T>(length);
}

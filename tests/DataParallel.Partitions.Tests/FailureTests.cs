using System;
using DataParallel.Partitions.Tests.Devices;
using Xunit;

#pragma warning disable DP4001 // these tests call the partitioned entry points of kernels that cannot be partitioned

namespace DataParallel.Partitions.Tests;

/// <summary>
/// Bad input, nothing lost: every rejected or failed call leaves every partition's data as it was before it.
/// </summary>
public sealed class FailureTests
{
    private static void AssertUnchanged(float[] before, PartitionedArray<float> array) => Assert.Equal(before, array.ToArray());

    [Fact]
    public void An_array_of_another_set_is_rejected()
    {
        float[] y = RandomData.Floats(100, 21);
        using DeviceSet devices = DeviceSet.Host(2, blockRows: 8);
        using DeviceSet other = DeviceSet.Host(2, blockRows: 8);
        using PartitionedArray<float> px = other.Partition(RandomData.Floats(100, 20));
        using PartitionedArray<float> py = devices.Partition(y);

        var error = Assert.Throws<ArgumentException>(() => PartitionKernels.Saxpy(devices, 2f, px, py));
        Assert.Contains("belongs to", error.Message);
        AssertUnchanged(y, py);
    }

    [Fact]
    public void Disposed_arrays_sets_and_devices_are_rejected()
    {
        float[] y = RandomData.Floats(100, 22);
        var device = new TestDevice("accelerator");
        using DeviceSet devices = DeviceSet.Create(blockRows: 8, ComputeDevice.Host, device);
        PartitionedArray<float> px = devices.Partition(RandomData.Floats(100, 23));
        using PartitionedArray<float> py = devices.Partition(y);

        device.Disposed = true;
        var gone = Assert.Throws<ObjectDisposedException>(() => PartitionKernels.Saxpy(devices, 2f, px, py));
        Assert.Contains("accelerator", gone.Message);
        AssertUnchanged(y, py);
        device.Disposed = false;

        px.Dispose();
        Assert.Throws<ObjectDisposedException>(() => PartitionKernels.Saxpy(devices, 2f, px, py));
        AssertUnchanged(y, py);

        devices.Dispose();
        Assert.True(py.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => PartitionKernels.Saxpy(devices, 2f, py, py));
    }

    [Fact]
    public void A_device_that_cannot_run_host_code_is_named_before_anything_runs()
    {
        float[] y = RandomData.Floats(64, 24);
        using DeviceSet devices = DeviceSet.Create(blockRows: 8, ComputeDevice.Host, new TestDevice("remote", runsHostKernels: false));
        using PartitionedArray<float> px = devices.Partition(RandomData.Floats(64, 25));
        using PartitionedArray<float> py = devices.Partition(y);

        var error = Assert.Throws<NotSupportedException>(() => PartitionKernels.Saxpy(devices, 2f, px, py));
        Assert.Contains("remote", error.Message);
        AssertUnchanged(y, py);
    }

    [Fact]
    public void Lengths_that_disagree_are_rejected()
    {
        float[] y = RandomData.Floats(100, 26), b = RandomData.Floats(12 * 10, 27);
        using DeviceSet devices = DeviceSet.Host(2, blockRows: 2);
        using PartitionedArray<float> px = devices.Partition(RandomData.Floats(99, 28));
        using PartitionedArray<float> py = devices.Partition(y);
        Assert.Throws<ArgumentException>(() => PartitionKernels.Saxpy(devices, 2f, px, py));
        AssertUnchanged(y, py);

        // Same length, but cut in rows of different lengths: the rows an index owns would disagree.
        using PartitionedArray<float> pa = devices.Partition(RandomData.Floats(12 * 10, 29), rowLength: 12);
        using PartitionedArray<float> pb = devices.Partition(b);
        var error = Assert.Throws<ArgumentException>(() => PartitionKernels.Jacobi(devices, 1..^1, 1..^1, 12, pa, pb));
        Assert.Contains("rows", error.Message);
        AssertUnchanged(b, pb);
    }

    [Fact]
    public void A_write_outside_the_partitions_own_rows_is_rejected_on_every_partition_count_but_one()
    {
        float[] x = RandomData.Floats(64, 30), y = RandomData.Floats(64, 31);
        float[] expected = (float[])y.Clone();
        PartitionKernels.ShiftRight(0..^1, x, expected);

        using DeviceSet single = DeviceSet.Host(1);
        using PartitionedArray<float> sy = single.Partition(y);
        PartitionKernels.ShiftRight(single, 0..^1, single.Partition(x), sy);
        Assert.Equal(expected, sy.ToArray());

        using DeviceSet devices = DeviceSet.Host(2, blockRows: 8);
        using PartitionedArray<float> py = devices.Partition(y);
        var error = Assert.Throws<ArgumentException>(() => PartitionKernels.ShiftRight(devices, 0..^1, devices.Partition(x), py));
        Assert.Contains("outside the rows that partition owns", error.Message);
        AssertUnchanged(y, py);
    }

    [Fact]
    public void Kernels_that_cannot_be_partitioned_throw_before_anything_runs()
    {
        float[] y = RandomData.Floats(64, 32);
        using DeviceSet devices = DeviceSet.Host(2, blockRows: 8);
        using PartitionedArray<float> px = devices.Partition(RandomData.Floats(64, 33));
        using PartitionedArray<float> py = devices.Partition(y);
        using PartitionedArray<int> index = devices.Partition(new int[64]);

        Assert.Contains("reductions", Assert.Throws<NotSupportedException>(() => PartitionKernels.Sum(devices, px)).Message);
        Assert.Contains("DP4001", Assert.Throws<NotSupportedException>(() => PartitionKernels.Scatter(devices, index, px, py)).Message);
        AssertUnchanged(y, py);
    }

    [Fact]
    public void A_gather_out_of_range_on_the_last_partition_puts_everything_back()
    {
        int[] index = new int[64];
        index[^1] = 1000; // outside the table: only the scalar kernel's own check catches it, while partitions run
        float[] table = RandomData.Floats(16, 34), y = RandomData.Floats(64, 35);
        using DeviceSet devices = DeviceSet.Host(3, blockRows: 8);
        using PartitionedArray<int> pindex = devices.Partition(index);
        using PartitionedArray<float> py = devices.Partition(y);

        Assert.Throws<IndexOutOfRangeException>(() => PartitionKernels.Lookup(devices, pindex, table, py));
        AssertUnchanged(y, py);
    }

    [Fact]
    public void A_device_that_fails_after_its_partition_ran_loses_nothing()
    {
        float[] x = RandomData.Floats(128, 36), y = RandomData.Floats(128, 37);
        var failing = new TestDevice("flaky") { Fails = true };
        using DeviceSet devices = DeviceSet.Create(blockRows: 8, ComputeDevice.Host, failing);
        using PartitionedArray<float> px = devices.Partition(x);
        using PartitionedArray<float> py = devices.Partition(y);

        // The host partition ran first and wrote its rows; the second device then failed.
        Assert.Throws<InvalidOperationException>(() => PartitionKernels.Saxpy(devices, 3f, px, py));
        AssertUnchanged(y, py);

        failing.Fails = false;
        float[] expected = (float[])y.Clone();
        PartitionKernels.Saxpy(3f, x, expected);
        PartitionKernels.Saxpy(devices, 3f, px, py);
        Assert.Equal(expected, py.ToArray());
    }

    [Fact]
    public void A_second_call_while_one_runs_on_the_set_is_refused_and_the_set_is_free_after()
    {
        float[] x = RandomData.Floats(64, 38), y = RandomData.Floats(64, 39);
        var device = new TestDevice("busy");
        using DeviceSet devices = DeviceSet.Create(blockRows: 8, ComputeDevice.Host, device);
        using PartitionedArray<float> px = devices.Partition(x);
        using PartitionedArray<float> py = devices.Partition(y);
        Exception? refused = null;
        device.WhileRunning = () => refused = Record.Exception(() => PartitionKernels.Saxpy(devices, 1f, px, py));

        PartitionKernels.Saxpy(devices, 2f, px, py);

        Assert.IsType<InvalidOperationException>(refused);
        float[] expected = (float[])y.Clone();
        PartitionKernels.Saxpy(2f, x, expected);
        Assert.Equal(expected, py.ToArray()); // the refused call changed nothing
        device.WhileRunning = null;
        Assert.Throws<ArgumentException>(() => PartitionKernels.Saxpy(devices, 2f, px, devices.Partition(new float[3])));
        PartitionKernels.Saxpy(devices, 2f, px, py); // a rejected call released the set too
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_failure_on_one_partition_puts_back_what_the_others_wrote(int partitions)
    {
        const int length = 96;
        int[] x = new int[length], d = new int[length], y = new int[length];
        for (int i = 0; i < length; i++)
        {
            x[i] = i * 7;
            d[i] = 1 + i % 5;
            y[i] = -i;
        }
        d[length - 1] = 0; // only the last partition meets it, after the others have run

        using DeviceSet devices = DeviceSet.Host(partitions, blockRows: 8);
        using PartitionedArray<int> px = devices.Partition(x), pd = devices.Partition(d), py = devices.Partition(y);
        Assert.Throws<DivideByZeroException>(() => PartitionKernels.Divide(devices, px, pd, py));
        Assert.Equal(y, py.ToArray());

        // Without the guarantee, the partitions that ran before the failure keep their results.
        devices.RestoreOnFailure = false;
        Assert.Throws<DivideByZeroException>(() => PartitionKernels.Divide(devices, px, pd, py));
        int[] after = py.ToArray();
        for (int i = 0; i < py.RowBoundaries[1]; i++)
            Assert.Equal(x[i] / d[i], after[i]);
    }
}

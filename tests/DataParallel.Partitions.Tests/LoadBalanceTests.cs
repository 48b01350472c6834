using System;
using DataParallel.Partitions.Tests.Devices;
using Xunit;

namespace DataParallel.Partitions.Tests;

/// <summary>
/// Partitions are sized by weights measured from earlier calls of the same kernel, re-balanced between calls, or
/// pinned by the user. (No timing is asserted: a deliberately slowed device makes the direction certain.)
/// </summary>
public sealed class LoadBalanceTests
{
    [Fact]
    public void A_slowed_device_loses_rows_between_calls_and_results_stay_exact()
    {
        const int length = 1 << 14;
        var slow = new TestDevice("slow") { Delay = TimeSpan.FromMilliseconds(30) };
        using DeviceSet devices = DeviceSet.Create(blockRows: 256, ComputeDevice.Host, slow);
        float[] x = RandomData.Floats(length, 40), y = RandomData.Floats(length, 41);
        using PartitionedArray<float> px = devices.Partition(x);
        using PartitionedArray<float> py = devices.Partition(y);
        Assert.Equal(length / 2, py.RowBoundaries[1]);

        float[] expected = (float[])y.Clone();
        for (int call = 0; call < 4; call++)
        {
            PartitionKernels.Saxpy(1.25f, x, expected);
            PartitionKernels.Saxpy(devices, 1.25f, px, py);
        }

        Assert.True(devices.Weights[1] < 0.25, $"the slow device keeps weight {devices.Weights[1]}");
        Assert.True(py.RowBoundaries[1] > length * 3 / 4, $"the boundary stays at row {py.RowBoundaries[1]}");
        Assert.Equal(0, py.RowBoundaries[1] % 256);
        Assert.Equal(expected, py.ToArray());
        // An array not used since keeps its cut until its next call, and its data either way.
        Assert.Equal(x, px.ToArray());
    }

    [Fact]
    public void Pinned_weights_stay_whatever_the_times()
    {
        const int length = 4096;
        var slow = new TestDevice("slow") { Delay = TimeSpan.FromMilliseconds(20) };
        using DeviceSet devices = DeviceSet.Create(blockRows: 64, ComputeDevice.Host, slow);
        devices.PinWeights(1, 3);
        using PartitionedArray<float> px = devices.Partition(RandomData.Floats(length, 42));
        using PartitionedArray<float> py = devices.Partition(RandomData.Floats(length, 43));

        for (int call = 0; call < 3; call++)
            PartitionKernels.Saxpy(devices, 1f, px, py);

        Assert.Equal(1024, py.RowBoundaries[1]);
        Assert.Equal(0.75, devices.Weights[1], 6);
    }

    [Fact]
    public void A_host_only_set_does_not_balance_by_default()
    {
        using DeviceSet devices = DeviceSet.Host(3);
        Assert.False(devices.AutoBalance);
        using DeviceSet mixed = DeviceSet.Create(ComputeDevice.Host, new TestDevice("other"));
        Assert.True(mixed.AutoBalance);
        using DeviceSet twice = DeviceSet.Create(ComputeDevice.Host, ComputeDevice.Host);
        Assert.False(twice.AutoBalance);
    }
}

using System;
using System.Linq;
using Xunit;

namespace DataParallel.Partitions.Tests;

/// <summary>
/// A partitioned call means the plain call over the whole arrays: element-wise kernels, replicated spans and gathers
/// give the plain entry point's results bit for bit on host sets of 1 to 4 partitions.
/// </summary>
public sealed class ElementwiseTests
{
    public static TheoryData<int> Partitions => new() { 1, 2, 3, 4 };

    [Theory]
    [MemberData(nameof(Partitions))]
    public void Saxpy_equals_the_plain_call(int partitions)
    {
        float[] x = RandomData.Floats(1000, 1), y = RandomData.Floats(1000, 2);
        float[] expected = (float[])y.Clone();
        PartitionKernels.Saxpy(2.5f, x, expected);

        using DeviceSet devices = DeviceSet.Host(partitions, blockRows: 16);
        using PartitionedArray<float> px = devices.Partition(x);
        using PartitionedArray<float> py = devices.Partition(y);
        PartitionKernels.Saxpy(devices, 2.5f, px, py);
        var result = new float[y.Length];
        py.CopyTo(result);

        Assert.Equal(expected, result);
        Assert.Equal(partitions, devices.PartitionCount);
        if (partitions > 1)
            Assert.True(py.RowBoundaries[1] > 0 && py.RowBoundaries[1] % 16 == 0, "the first boundary is a multiple of the block rows");
    }

    [Theory]
    [MemberData(nameof(Partitions))]
    public void A_range_runs_only_its_indices(int partitions)
    {
        float[] x = RandomData.Floats(333, 3), y = RandomData.Floats(333, 4);
        float[] expected = (float[])y.Clone();
        PartitionKernels.Saxpy(17..^40, -1.5f, x, expected);

        using DeviceSet devices = DeviceSet.Host(partitions, blockRows: 8);
        using PartitionedArray<float> px = devices.Partition(x);
        using PartitionedArray<float> py = devices.Partition(y);
        PartitionKernels.Saxpy(devices, 17..^40, -1.5f, px, py);

        Assert.Equal(expected, py.ToArray());
    }

    [Theory]
    [MemberData(nameof(Partitions))]
    public void A_replicated_weight_vector_is_read_whole_by_every_partition(int partitions)
    {
        const int rows = 97, k = 13;
        float[] a = RandomData.Floats(rows * k, 5), w = RandomData.Floats(k, 6);
        var expected = new float[rows];
        PartitionKernels.RowDot(k, a, w, expected);

        using DeviceSet devices = DeviceSet.Host(partitions, blockRows: 4);
        using PartitionedArray<float> pa = devices.Partition(a, rowLength: k);
        using PartitionedArray<float> py = devices.Allocate<float>(rows);
        PartitionKernels.RowDot(devices, k, pa, w, py);

        Assert.Equal(expected, py.ToArray());
    }

    [Theory]
    [MemberData(nameof(Partitions))]
    public void A_gather_reads_its_table_replicated(int partitions)
    {
        var random = new Random(7);
        int[] index = Enumerable.Range(0, 500).Select(_ => random.Next(64)).ToArray();
        float[] table = RandomData.Floats(64, 8);
        var expected = new float[500];
        PartitionKernels.Lookup(index, table, expected);

        using DeviceSet devices = DeviceSet.Host(partitions, blockRows: 8);
        using PartitionedArray<int> pindex = devices.Partition(index);
        using PartitionedArray<float> py = devices.Allocate<float>(500);
        PartitionKernels.Lookup(devices, pindex, table, py);

        Assert.Equal(expected, py.ToArray());
    }

    [Fact]
    public void Copying_in_and_out_gives_the_data_back_and_rows_stay_whole()
    {
        float[] data = RandomData.Floats(7 * 30, 9);
        using DeviceSet devices = DeviceSet.Host(3, blockRows: 1);
        using PartitionedArray<float> array = devices.Partition(data, rowLength: 7);

        Assert.Equal(data, array.ToArray());
        Assert.Equal(30, array.Rows);
        Assert.Equal([0, 10, 20, 30], array.RowBoundaries);
        Assert.Throws<ArgumentException>(() => devices.Partition(new float[20], rowLength: 7));
        Assert.Throws<ArgumentException>(() => array.CopyTo(new float[data.Length - 1]));
    }

    [Fact]
    public void Boundaries_are_multiples_of_the_block_and_follow_the_weights()
    {
        using DeviceSet devices = DeviceSet.Host(3, blockRows: 64);
        devices.PinWeights(1, 2, 1);

        Assert.Equal([0, 256, 768, 1000], devices.Boundaries(1000));
        Assert.Equal([0, 0, 0, 10], devices.Boundaries(10));
        Assert.Throws<ArgumentException>(() => devices.PinWeights(1, 2));
        Assert.Throws<ArgumentException>(() => devices.PinWeights(1, 0, 1));
    }
}

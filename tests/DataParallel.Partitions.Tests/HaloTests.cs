using System;
using DataParallel.Partitions.Tests.Devices;
using Xunit;

namespace DataParallel.Partitions.Tests;

/// <summary>
/// Halos from the compiler: a stencil's partitions read their neighbours' border rows, refreshed after every write
/// and only before a call that reads across the border. Iterated stencils equal the plain entry point bit for bit.
/// </summary>
public sealed class HaloTests
{
    public static TheoryData<int> Partitions => new() { 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Partitions))]
    public void Jacobi_over_100_steps_equals_the_plain_call_bit_for_bit(int partitions)
    {
        const int n = 37, rows = 29, steps = 100;
        float[] a = RandomData.Floats(n * rows, 11), b = (float[])a.Clone();
        float[] plainA = (float[])a.Clone(), plainB = (float[])b.Clone();
        for (int step = 0; step < steps; step++)
        {
            if (step % 2 == 0)
                PartitionKernels.Jacobi(1..^1, 1..^1, n, plainA, plainB);
            else
                PartitionKernels.Jacobi(1..^1, 1..^1, n, plainB, plainA);
        }

        using DeviceSet devices = DeviceSet.Host(partitions, blockRows: 2);
        using PartitionedArray<float> pa = devices.Partition(a, rowLength: n);
        using PartitionedArray<float> pb = devices.Partition(b, rowLength: n);
        for (int step = 0; step < steps; step++)
        {
            if (step % 2 == 0)
                PartitionKernels.Jacobi(devices, 1..^1, 1..^1, n, pa, pb);
            else
                PartitionKernels.Jacobi(devices, 1..^1, 1..^1, n, pb, pa);
        }

        Assert.Equal(plainA, pa.ToArray());
        Assert.Equal(plainB, pb.ToArray());
    }

    [Theory]
    [MemberData(nameof(Partitions))]
    public void A_three_point_stencil_iterated_equals_the_plain_call_bit_for_bit(int partitions)
    {
        float[] x = RandomData.Floats(203, 12), y = (float[])x.Clone();
        float[] plainX = (float[])x.Clone(), plainY = (float[])y.Clone();
        using DeviceSet devices = DeviceSet.Host(partitions, blockRows: 8);
        using PartitionedArray<float> px = devices.Partition(x);
        using PartitionedArray<float> py = devices.Partition(y);
        for (int step = 0; step < 60; step++)
        {
            bool even = step % 2 == 0;
            PartitionKernels.Smooth(1..^1, even ? plainX : plainY, even ? plainY : plainX);
            PartitionKernels.Smooth(devices, 1..^1, even ? px : py, even ? py : px);
        }

        Assert.Equal(plainX, px.ToArray());
        Assert.Equal(plainY, py.ToArray());
    }

    [Theory]
    [MemberData(nameof(Partitions))]
    public void A_3D_stencil_over_slabs_equals_the_plain_call_bit_for_bit(int partitions)
    {
        const int nz = 14, ny = 9, nx = 11, steps = 10;
        float[] a = RandomData.Floats(nz * ny * nx, 16), b = (float[])a.Clone();
        float[] plainA = (float[])a.Clone(), plainB = (float[])b.Clone();
        using DeviceSet devices = DeviceSet.Host(partitions, blockRows: 2);
        using PartitionedArray<float> pa = devices.Partition(a, rowLength: ny * nx);
        using PartitionedArray<float> pb = devices.Partition(b, rowLength: ny * nx);
        for (int step = 0; step < steps; step++)
        {
            bool even = step % 2 == 0;
            PartitionKernels.Heat(1..^1, 1..^1, 1..^1, ny, nx, even ? plainA : plainB, even ? plainB : plainA);
            PartitionKernels.Heat(devices, 1..^1, 1..^1, 1..^1, ny, nx, even ? pa : pb, even ? pb : pa);
        }

        Assert.Equal(plainA, pa.ToArray());
        Assert.Equal(plainB, pb.ToArray());
    }

    [Theory]
    [MemberData(nameof(Partitions))]
    public void A_blur_over_whole_rows_equals_the_plain_call(int partitions)
    {
        const int width = 45, height = 31;
        float[] image = RandomData.Floats(width * height, 13);
        var expected = new float[image.Length];
        PartitionKernels.Blur(1..^1, 1..^1, width, image, expected);

        using DeviceSet devices = DeviceSet.Host(partitions, blockRows: 4);
        using PartitionedArray<float> src = devices.Partition(image, rowLength: width);
        using PartitionedArray<float> dst = devices.Allocate<float>(image.Length, rowLength: width);
        PartitionKernels.Blur(devices, 1..^1, 1..^1, width, src, dst);

        Assert.Equal(expected, dst.ToArray());
    }

    [Fact]
    public void Halos_are_refreshed_after_a_write_and_only_before_a_read_across_the_border()
    {
        const int n = 16, rows = 32;
        var left = new TestDevice("left");
        var right = new TestDevice("right");
        using DeviceSet devices = DeviceSet.Create(blockRows: 1, left, right);
        devices.AutoBalance = false;
        using PartitionedArray<float> a = devices.Partition(RandomData.Floats(n * rows, 14), rowLength: n);
        using PartitionedArray<float> b = devices.Allocate<float>(n * rows, rowLength: n);
        long Copies() => left.Copies.Elements + right.Copies.Elements;

        PartitionKernels.Jacobi(devices, 1..^1, 1..^1, n, a, b);
        // One row from each neighbour: the row above the right partition and the row below the left one.
        Assert.Equal(2 * n, Copies());

        PartitionKernels.Jacobi(devices, 1..^1, 1..^1, n, a, b);
        Assert.Equal(2 * n, Copies()); // a was not written: its halos are still current.

        PartitionKernels.Scale(devices, 0..rows, 0..n, n, 0.5f, a);
        Assert.Equal(2 * n, Copies()); // Scale reads no neighbour's rows.

        PartitionKernels.Jacobi(devices, 1..^1, 1..^1, n, a, b);
        Assert.Equal(4 * n, Copies()); // a was written: its halos are stale and refreshed.
    }

    [Fact]
    public void Storage_sized_to_its_window_grows_when_a_halo_is_needed()
    {
        const int n = 16, rows = 32;
        var left = new TestDevice("left") { WindowOnly = true };
        var right = new TestDevice("right") { WindowOnly = true };
        using DeviceSet devices = DeviceSet.Create(blockRows: 1, left, right);
        devices.AutoBalance = false;
        float[] a = RandomData.Floats(n * rows, 15);
        var expected = new float[a.Length];
        PartitionKernels.Jacobi(1..^1, 1..^1, n, a, expected);
        using PartitionedArray<float> pa = devices.Partition(a, rowLength: n);
        using PartitionedArray<float> pb = devices.Allocate<float>(n * rows, rowLength: n);

        PartitionKernels.Jacobi(devices, 1..^1, 1..^1, n, pa, pb);

        Assert.Equal(expected, pb.ToArray());
        // Each partition moved its own rows to larger storage, then fetched one halo row.
        Assert.Equal(n * rows + 2 * n, left.Copies.Elements + right.Copies.Elements);
    }
}

using System.Collections.Generic;

namespace DataParallel.Benchmarks;

/// <summary>
/// Partitioned calls against the plain entry point, for <see cref="InterleavedHarness"/> (<c>--interleaved Partition</c>):
/// a host set of 2 partitions on 16M-float SAXPY (with and without the copy that restores data on failure) and the
/// 2048² blur, and the halo refresh's share of a 2048² Jacobi step. Ratio = plain time / partitioned time.
/// </summary>
internal static class PartitionCases
{
    private const float A = 2.5f;
    private const int Image = 2048;

    public static IEnumerable<InterleavedHarness.Case> All()
    {
        float[] x = RandomFloats.Uniform(Sizes.Memory, -1f, 1f, seed: 1), y = RandomFloats.Uniform(Sizes.Memory, -1f, 1f, seed: 2);
        var devices = DeviceSet.Host(2);
        PartitionedArray<float> px = devices.Partition(x), py = devices.Partition(y);
        yield return new("Partition Saxpy 16M", "plain entry point", Sizes.Memory,
            () => Kernels.Saxpy(devices, A, px, py), () => Kernels.Saxpy(A, x, y));
        var unguarded = DeviceSet.Host(2);
        unguarded.RestoreOnFailure = false;
        PartitionedArray<float> ux = unguarded.Partition(x), uy = unguarded.Partition(y);
        yield return new("Partition Saxpy 16M norestore", "plain entry point", Sizes.Memory,
            () => Kernels.Saxpy(unguarded, A, ux, uy), () => Kernels.Saxpy(A, x, y));

        float[] picture = RandomFloats.Uniform(Image * Image, 0f, 1f, seed: 6), blurred = new float[Image * Image];
        var grid = DeviceSet.Host(2);
        grid.RestoreOnFailure = false;
        PartitionedArray<float> src = grid.Partition(picture, rowLength: Image), dst = grid.Allocate<float>(Image * Image, rowLength: Image);
        yield return new("Partition Blur 2048² norestore", "plain entry point", Image * Image,
            () => Kernels.Blur(grid, 1..^1, 1..^1, Image, src, dst), () => Kernels.Blur(1..^1, 1..^1, Image, picture, blurred));
        var guarded = DeviceSet.Host(2);
        PartitionedArray<float> gsrc = guarded.Partition(picture, rowLength: Image), gdst = guarded.Allocate<float>(Image * Image, rowLength: Image);
        yield return new("Partition Blur 2048²", "plain entry point", Image * Image,
            () => Kernels.Blur(guarded, 1..^1, 1..^1, Image, gsrc, gdst), () => Kernels.Blur(1..^1, 1..^1, Image, picture, blurred));

        // Two steps per sample. Ping-pong: each step reads what the previous one wrote, so both refresh a halo row
        // on each side of the border. One way: a is never written, so its halo stays current and nothing is copied.
        // The ratio is (steps without refresh) / (steps with refresh): 1 - ratio is the refresh's share of a step.
        var jacobi = DeviceSet.Host(2);
        jacobi.RestoreOnFailure = false;
        PartitionedArray<float> a = jacobi.Partition(picture, rowLength: Image), b = jacobi.Allocate<float>(Image * Image, rowLength: Image);
        yield return new("Partition Jacobi halo", "same steps, no refresh", Image * Image,
            () =>
            {
                StencilKernels.Jacobi(jacobi, 1..^1, 1..^1, Image, a, b);
                StencilKernels.Jacobi(jacobi, 1..^1, 1..^1, Image, b, a);
            },
            () =>
            {
                StencilKernels.Jacobi(jacobi, 1..^1, 1..^1, Image, a, b);
                StencilKernels.Jacobi(jacobi, 1..^1, 1..^1, Image, a, b);
            });
    }
}

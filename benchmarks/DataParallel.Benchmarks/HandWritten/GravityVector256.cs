using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DataParallel.Benchmarks.HandWritten;

/// <summary>
/// All-pairs gravity as a developer writes it by hand: eight bodies per vector, the pull of each body j broadcast
/// to all eight, the bodies split over cores with <see cref="ChunkedParallelFor"/>. Sums run over j in order, as
/// in the kernel.
/// </summary>
public static class GravityVector256
{
    public static void Run(float softening, float[] x, float[] y, float[] z, float[] mass, float[] ax, float[] ay, float[] az)
        => ChunkedParallelFor.Run(x.Length, (start, length) => Chunk(softening, x, y, z, mass, ax, ay, az, start, length));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Chunk(float softening, float[] x, float[] y, float[] z, float[] mass, float[] ax, float[] ay, float[] az, int start, int length)
    {
        ref float xs = ref MemoryMarshal.GetArrayDataReference(x);
        ref float ys = ref MemoryMarshal.GetArrayDataReference(y);
        ref float zs = ref MemoryMarshal.GetArrayDataReference(z);
        ref float ms = ref MemoryMarshal.GetArrayDataReference(mass);
        int n = x.Length, end = start + length, i = start;
        Vector256<float> soft = Vector256.Create(softening), one = Vector256<float>.One;
        for (; i + 8 <= end; i += 8)
        {
            Vector256<float> xi = Vector256.LoadUnsafe(ref xs, (nuint)i), yi = Vector256.LoadUnsafe(ref ys, (nuint)i), zi = Vector256.LoadUnsafe(ref zs, (nuint)i);
            Vector256<float> sumX = Vector256<float>.Zero, sumY = Vector256<float>.Zero, sumZ = Vector256<float>.Zero;
            for (int j = 0; j < n; j++)
            {
                Vector256<float> dx = Vector256.Create(Unsafe.Add(ref xs, j)) - xi;
                Vector256<float> dy = Vector256.Create(Unsafe.Add(ref ys, j)) - yi;
                Vector256<float> dz = Vector256.Create(Unsafe.Add(ref zs, j)) - zi;
                Vector256<float> inverse = one / Vector256.Sqrt(dx * dx + dy * dy + dz * dz + soft);
                Vector256<float> strength = Vector256.Create(Unsafe.Add(ref ms, j)) * inverse * inverse * inverse;
                sumX += strength * dx;
                sumY += strength * dy;
                sumZ += strength * dz;
            }
            sumX.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(ax), (nuint)i);
            sumY.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(ay), (nuint)i);
            sumZ.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(az), (nuint)i);
        }
        // The last few bodies: the kernel method itself, one body at a time.
        for (; i < end; i++)
            Kernels.Gravity(i, softening, x, y, z, mass, ax, ay, az);
    }
}

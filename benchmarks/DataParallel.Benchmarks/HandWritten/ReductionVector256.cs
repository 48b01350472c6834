using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Threading;
using System.Threading.Tasks;

namespace DataParallel.Benchmarks.HandWritten;

/// <summary>
/// Dot product and max-abs as written by hand: Vector256 with four accumulators on each chunk, chunks on
/// <see cref="Parallel.For(int, int, Action{int})"/>, partials combined under a lock.
/// </summary>
public static class ReductionVector256
{
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float yr = ref MemoryMarshal.GetReference(y);
        nuint n = (nuint)x.Length, i = 0, w = (nuint)Vector256<float>.Count;
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (; i + 4 * w <= n; i += 4 * w)
        {
            a0 += Vector256.LoadUnsafe(ref xr, i) * Vector256.LoadUnsafe(ref yr, i);
            a1 += Vector256.LoadUnsafe(ref xr, i + w) * Vector256.LoadUnsafe(ref yr, i + w);
            a2 += Vector256.LoadUnsafe(ref xr, i + 2 * w) * Vector256.LoadUnsafe(ref yr, i + 2 * w);
            a3 += Vector256.LoadUnsafe(ref xr, i + 3 * w) * Vector256.LoadUnsafe(ref yr, i + 3 * w);
        }
        for (; i + w <= n; i += w)
            a0 += Vector256.LoadUnsafe(ref xr, i) * Vector256.LoadUnsafe(ref yr, i);
        float sum = Vector256.Sum((a0 + a1) + (a2 + a3));
        for (; i < n; i++)
            sum += Unsafe.Add(ref xr, i) * Unsafe.Add(ref yr, i);
        return sum;
    }

    public static float MaxAbs(ReadOnlySpan<float> x)
    {
        ref float xr = ref MemoryMarshal.GetReference(x);
        nuint n = (nuint)x.Length, i = 0, w = (nuint)Vector256<float>.Count;
        Vector256<float> m0 = Vector256.Create(float.NegativeInfinity), m1 = m0;
        for (; i + 2 * w <= n; i += 2 * w)
        {
            m0 = Vector256.Max(m0, Vector256.Abs(Vector256.LoadUnsafe(ref xr, i)));
            m1 = Vector256.Max(m1, Vector256.Abs(Vector256.LoadUnsafe(ref xr, i + w)));
        }
        m0 = Vector256.Max(m0, m1);
        float max = float.NegativeInfinity;
        for (int lane = 0; lane < Vector256<float>.Count; lane++)
            max = Math.Max(max, m0[lane]);
        for (; i < n; i++)
            max = Math.Max(max, Math.Abs(Unsafe.Add(ref xr, i)));
        return max;
    }

    /// <summary>Runs <paramref name="partial"/> on chunks in parallel and combines the partials.</summary>
    public static float Parallel(float[] x, float[] y, Func<float[], float[], int, int, float> partial, Func<float, float, float> combine, float identity)
    {
        object gate = new();
        float total = identity;
        ChunkedParallelFor.Run(x.Length, (start, length) =>
        {
            float value = partial(x, y, start, length);
            lock (gate)
                total = combine(total, value);
        });
        return total;
    }
}

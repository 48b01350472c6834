using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DataParallel.Benchmarks.HandWritten;

/// <summary>
/// One logistic-regression training step written by hand the way the generated code runs it: a forward pass over
/// the samples (eight per vector, chunks on every core), then one reduction over the samples per gradient
/// component (four Vector256 accumulators per chunk). Samples are feature-major: feature f of sample i at
/// <c>f * count + i</c>.
/// </summary>
public static class LogisticVector256
{
    public static void Step(int count, int features, float[] samples, float[] labels, float[] probabilities, float[] weights, float learningRate)
    {
        ChunkedParallelFor.Run(count, (start, length) => Predict(start, length, count, features, samples, weights, probabilities));
        for (int f = 0; f < features; f++)
        {
            int feature = f;
            float gradient = ReductionVector256.Parallel(probabilities, labels,
                (p, y, start, length) => Gradient(feature, count, samples, p, y, start, length), static (a, b) => a + b, 0f);
            weights[f] -= learningRate * gradient / count;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Predict(int start, int length, int count, int features, float[] samples, float[] weights, float[] probabilities)
    {
        ref float s = ref MemoryMarshal.GetArrayDataReference(samples);
        ref float p = ref MemoryMarshal.GetArrayDataReference(probabilities);
        int i = start, end = start + length;
        for (; i + Vector256<float>.Count <= end; i += Vector256<float>.Count)
        {
            Vector256<float> z = Vector256<float>.Zero;
            for (int f = 0; f < features; f++)
                z += Vector256.LoadUnsafe(ref s, (nuint)(f * count + i)) * Vector256.Create(weights[f]);
            (Vector256<float>.One / (Vector256<float>.One + Vector256.Exp(-z))).StoreUnsafe(ref p, (nuint)i);
        }
        for (; i < end; i++)
            Kernels.Predict(i, count, features, samples, weights, probabilities);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Gradient(int feature, int count, float[] samples, float[] probabilities, float[] labels, int start, int length)
    {
        ref float x = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(samples), feature * count);
        ref float p = ref MemoryMarshal.GetArrayDataReference(probabilities);
        ref float y = ref MemoryMarshal.GetArrayDataReference(labels);
        nuint i = (nuint)start, end = (nuint)(start + length), w = (nuint)Vector256<float>.Count;
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
        for (; i + 4 * w <= end; i += 4 * w)
        {
            a0 += (Vector256.LoadUnsafe(ref p, i) - Vector256.LoadUnsafe(ref y, i)) * Vector256.LoadUnsafe(ref x, i);
            a1 += (Vector256.LoadUnsafe(ref p, i + w) - Vector256.LoadUnsafe(ref y, i + w)) * Vector256.LoadUnsafe(ref x, i + w);
            a2 += (Vector256.LoadUnsafe(ref p, i + 2 * w) - Vector256.LoadUnsafe(ref y, i + 2 * w)) * Vector256.LoadUnsafe(ref x, i + 2 * w);
            a3 += (Vector256.LoadUnsafe(ref p, i + 3 * w) - Vector256.LoadUnsafe(ref y, i + 3 * w)) * Vector256.LoadUnsafe(ref x, i + 3 * w);
        }
        for (; i + w <= end; i += w)
            a0 += (Vector256.LoadUnsafe(ref p, i) - Vector256.LoadUnsafe(ref y, i)) * Vector256.LoadUnsafe(ref x, i);
        float sum = Vector256.Sum((a0 + a1) + (a2 + a3));
        for (; i < end; i++)
            sum += (Unsafe.Add(ref p, i) - Unsafe.Add(ref y, i)) * Unsafe.Add(ref x, i);
        return sum;
    }
}

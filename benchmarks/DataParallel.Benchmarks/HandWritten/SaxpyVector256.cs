using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DataParallel.Benchmarks.HandWritten;

/// <summary>SAXPY as a developer writes it by hand with <see cref="Vector256{T}"/>, on the calling thread.</summary>
public static class SaxpyVector256
{
    /// <summary>y ← a·x + y over the whole of <paramref name="y"/>.</summary>
    // Measured as a call, like the generated entry point (see FusedVector256.Run for why it matters).
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Run(float a, ReadOnlySpan<float> x, Span<float> y)
    {
        // One check up front, so the loop below may read x without bounds checks.
        ArgumentOutOfRangeException.ThrowIfLessThan(x.Length, y.Length, nameof(x));
        ref float xRef = ref MemoryMarshal.GetReference(x);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        nuint length = (nuint)y.Length;
        nuint i = 0;

        // Multiply, then add, as the scalar kernel does: no fused multiply-add, so the results are the same bits.
        Vector256<float> va = Vector256.Create(a);
        for (; i + (nuint)Vector256<float>.Count <= length; i += (nuint)Vector256<float>.Count)
        {
            Vector256<float> result = va * Vector256.LoadUnsafe(ref xRef, i) + Vector256.LoadUnsafe(ref yRef, i);
            result.StoreUnsafe(ref yRef, i);
        }
        for (; i < length; i++)
            Unsafe.Add(ref yRef, i) = a * Unsafe.Add(ref xRef, i) + Unsafe.Add(ref yRef, i);
    }
}

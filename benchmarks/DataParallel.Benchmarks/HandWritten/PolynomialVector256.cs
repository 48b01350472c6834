using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DataParallel.Benchmarks.HandWritten;

/// <summary>A degree-5 polynomial by Horner's rule, written by hand with <see cref="Vector256{T}"/>, on the calling thread.</summary>
public static class PolynomialVector256
{
    // Measured as a call, like the generated entry point (see FusedVector256.Run for why it matters).
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Run(float c0, float c1, float c2, float c3, float c4, float c5, ReadOnlySpan<float> x, Span<float> y)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(x.Length, y.Length, nameof(x));
        ref float xRef = ref MemoryMarshal.GetReference(x);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        nuint length = (nuint)y.Length;
        nuint i = 0;

        // Broadcast once, outside the loop. Separate multiplies and adds, as in the scalar kernel, keep the results
        // bit-identical to it; iterations are independent, so the out-of-order core overlaps their dependency chains.
        Vector256<float> vc0 = Vector256.Create(c0), vc1 = Vector256.Create(c1), vc2 = Vector256.Create(c2);
        Vector256<float> vc3 = Vector256.Create(c3), vc4 = Vector256.Create(c4), vc5 = Vector256.Create(c5);
        for (; i + (nuint)Vector256<float>.Count <= length; i += (nuint)Vector256<float>.Count)
        {
            Vector256<float> t = Vector256.LoadUnsafe(ref xRef, i);
            Vector256<float> result = ((((vc5 * t + vc4) * t + vc3) * t + vc2) * t + vc1) * t + vc0;
            result.StoreUnsafe(ref yRef, i);
        }
        for (; i < length; i++)
        {
            float t = Unsafe.Add(ref xRef, i);
            Unsafe.Add(ref yRef, i) = ((((c5 * t + c4) * t + c3) * t + c2) * t + c1) * t + c0;
        }
    }
}

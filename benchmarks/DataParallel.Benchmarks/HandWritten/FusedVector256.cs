using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DataParallel.Benchmarks.HandWritten;

/// <summary>y ← √(x² + 1) · e⁻ˣ as a developer writes it by hand with <see cref="Vector256{T}"/>, on the calling thread.</summary>
public static class FusedVector256
{
    // Measured as a call, like the generated entry point: inlined into BenchmarkDotNet's unrolled loop, the
    // JIT compiled the fused loop about three times slower (13.6 µs rather than 4.2 µs at 4K), which would
    // flatter the generated code.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Run(ReadOnlySpan<float> x, Span<float> y)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(x.Length, y.Length, nameof(x));
        ref float xRef = ref MemoryMarshal.GetReference(x);
        ref float yRef = ref MemoryMarshal.GetReference(y);
        nuint length = (nuint)y.Length;
        nuint i = 0;

        Vector256<float> one = Vector256<float>.One;
        for (; i + (nuint)Vector256<float>.Count <= length; i += (nuint)Vector256<float>.Count)
        {
            Vector256<float> v = Vector256.LoadUnsafe(ref xRef, i);
            Vector256<float> result = Vector256.Sqrt(v * v + one) * Vector256.Exp(-v);
            result.StoreUnsafe(ref yRef, i);
        }
        for (; i < length; i++)
        {
            float v = Unsafe.Add(ref xRef, i);
            Unsafe.Add(ref yRef, i) = MathF.Sqrt(v * v + 1f) * MathF.Exp(-v);
        }
    }
}

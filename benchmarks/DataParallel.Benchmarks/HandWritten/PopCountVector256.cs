using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DataParallel.Benchmarks.HandWritten;

/// <summary>Population count of 32-bit values, written by hand with <see cref="Vector256{T}"/> (the classic bit-slicing sums), on the calling thread.</summary>
public static class PopCountVector256
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Run(ReadOnlySpan<uint> x, Span<int> counts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(x.Length, counts.Length, nameof(x));
        ref uint xRef = ref MemoryMarshal.GetReference(x);
        ref int cRef = ref MemoryMarshal.GetReference(counts);
        nuint length = (nuint)counts.Length;
        nuint i = 0;
        Vector256<uint> m1 = Vector256.Create(0x5555_5555u), m2 = Vector256.Create(0x3333_3333u), m4 = Vector256.Create(0x0F0F_0F0Fu);
        Vector256<uint> h01 = Vector256.Create(0x0101_0101u);
        for (; i + (nuint)Vector256<uint>.Count <= length; i += (nuint)Vector256<uint>.Count)
        {
            Vector256<uint> v = Vector256.LoadUnsafe(ref xRef, i);
            v -= (v >> 1) & m1;
            v = (v & m2) + ((v >> 2) & m2);
            v = (v + (v >> 4)) & m4;
            ((v * h01) >> 24).AsInt32().StoreUnsafe(ref cRef, i);
        }
        for (; i < length; i++)
            Unsafe.Add(ref cRef, i) = BitOperations.PopCount(Unsafe.Add(ref xRef, i));
    }
}

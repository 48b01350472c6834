using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DataParallel.CompilerServices;

/// <summary>
/// <c>BitOperations.PopCount</c>, <c>LeadingZeroCount</c> and <c>TrailingZeroCount</c> per lane: the vector ISAs
/// .NET targets have no per-lane bit count below AVX-512 (and <c>VectorN</c> exposes none), so the counts are the
/// classic branch-free bit-slicing sums (Hacker's Delight, figure 5-2), exact for every input (0 included: 32 or 64
/// leading or trailing zeros). Each takes unsigned lanes and returns the counts as <c>int</c>, as the scalar methods
/// do; 64-bit lanes give a vector of half the width.
/// </summary>
/// <remarks>
/// Leading zeros are the count of the complement of the value with every bit below its highest set bit set; trailing
/// zeros the count of the bits below its lowest set bit, <c>~v &amp; (v - 1)</c> (all of them for 0).
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class BitLanes
{
    /// <summary><c>BitOperations.PopCount</c> per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector64<int> PopCount(Vector64<uint> value) => Count(value).AsInt32();

    /// <summary><c>BitOperations.LeadingZeroCount</c> per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector64<int> LeadingZeroCount(Vector64<uint> value) => Count(~Smear(value)).AsInt32();

    /// <summary><c>BitOperations.TrailingZeroCount</c> per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector64<int> TrailingZeroCount(Vector64<uint> value) => Count(~value & (value - Vector64<uint>.One)).AsInt32();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector64<T> Count<T>(Vector64<T> v) where T : unmanaged, IBinaryInteger<T>
    {
        v -= (v >> 1) & Vector64.Create(T.CreateTruncating(0x5555_5555_5555_5555ul));
        v = (v & Vector64.Create(T.CreateTruncating(0x3333_3333_3333_3333ul))) + ((v >> 2) & Vector64.Create(T.CreateTruncating(0x3333_3333_3333_3333ul)));
        v = (v + (v >> 4)) & Vector64.Create(T.CreateTruncating(0x0F0F_0F0F_0F0F_0F0Ful));
        // The byte sums folded into the top byte by one multiply where lanes are 32 bits (a single instruction from
        // SSE4.1 on); 64-bit lanes have no such multiply below AVX-512, so they fold by shifts.
        if (Unsafe.SizeOf<T>() == 4)
            return (v * Vector64.Create(T.CreateTruncating(0x0101_0101ul))) >> 24;
        v += v >> 8;
        v += v >> 16;
        v += v >> 32;
        return v & Vector64.Create(T.CreateTruncating(0x7Ful));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector64<T> Smear<T>(Vector64<T> v) where T : unmanaged, IBinaryInteger<T>
    {
        v |= v >> 1;
        v |= v >> 2;
        v |= v >> 4;
        v |= v >> 8;
        v |= v >> 16;
        if (Unsafe.SizeOf<T>() == 8)
            v |= v >> 32;
        return v;
    }

    /// <inheritdoc cref="PopCount(Vector64{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> PopCount(Vector128<uint> value) => Count(value).AsInt32();

    /// <inheritdoc cref="PopCount(Vector64{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector64<int> PopCount(Vector128<ulong> value) => Narrow(Count(value));

    /// <inheritdoc cref="LeadingZeroCount(Vector64{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> LeadingZeroCount(Vector128<uint> value) => Count(~Smear(value)).AsInt32();

    /// <inheritdoc cref="LeadingZeroCount(Vector64{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector64<int> LeadingZeroCount(Vector128<ulong> value) => Narrow(Count(~Smear(value)));

    /// <inheritdoc cref="TrailingZeroCount(Vector64{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> TrailingZeroCount(Vector128<uint> value) => Count(~value & (value - Vector128<uint>.One)).AsInt32();

    /// <inheritdoc cref="TrailingZeroCount(Vector64{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector64<int> TrailingZeroCount(Vector128<ulong> value) => Narrow(Count(~value & (value - Vector128<ulong>.One)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> Count<T>(Vector128<T> v) where T : unmanaged, IBinaryInteger<T>
    {
        v -= (v >> 1) & Vector128.Create(T.CreateTruncating(0x5555_5555_5555_5555ul));
        v = (v & Vector128.Create(T.CreateTruncating(0x3333_3333_3333_3333ul))) + ((v >> 2) & Vector128.Create(T.CreateTruncating(0x3333_3333_3333_3333ul)));
        v = (v + (v >> 4)) & Vector128.Create(T.CreateTruncating(0x0F0F_0F0F_0F0F_0F0Ful));
        // The byte sums folded into the top byte by one multiply where lanes are 32 bits (a single instruction from
        // SSE4.1 on); 64-bit lanes have no such multiply below AVX-512, so they fold by shifts.
        if (Unsafe.SizeOf<T>() == 4)
            return (v * Vector128.Create(T.CreateTruncating(0x0101_0101ul))) >> 24;
        v += v >> 8;
        v += v >> 16;
        v += v >> 32;
        return v & Vector128.Create(T.CreateTruncating(0x7Ful));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> Smear<T>(Vector128<T> v) where T : unmanaged, IBinaryInteger<T>
    {
        v |= v >> 1;
        v |= v >> 2;
        v |= v >> 4;
        v |= v >> 8;
        v |= v >> 16;
        if (Unsafe.SizeOf<T>() == 8)
            v |= v >> 32;
        return v;
    }

    // Counts of 64-bit lanes are at most 64: the low half of each lane holds one.
    private static Vector64<int> Narrow(Vector128<ulong> counts) => Vector128.Narrow(counts, counts).GetLower().AsInt32();

    /// <inheritdoc cref="PopCount(Vector64{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> PopCount(Vector256<uint> value) => Count(value).AsInt32();

    /// <inheritdoc cref="PopCount(Vector64{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> PopCount(Vector256<ulong> value) => Narrow(Count(value));

    /// <inheritdoc cref="LeadingZeroCount(Vector64{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> LeadingZeroCount(Vector256<uint> value) => Count(~Smear(value)).AsInt32();

    /// <inheritdoc cref="LeadingZeroCount(Vector64{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> LeadingZeroCount(Vector256<ulong> value) => Narrow(Count(~Smear(value)));

    /// <inheritdoc cref="TrailingZeroCount(Vector64{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> TrailingZeroCount(Vector256<uint> value) => Count(~value & (value - Vector256<uint>.One)).AsInt32();

    /// <inheritdoc cref="TrailingZeroCount(Vector64{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> TrailingZeroCount(Vector256<ulong> value) => Narrow(Count(~value & (value - Vector256<ulong>.One)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Count<T>(Vector256<T> v) where T : unmanaged, IBinaryInteger<T>
    {
        v -= (v >> 1) & Vector256.Create(T.CreateTruncating(0x5555_5555_5555_5555ul));
        v = (v & Vector256.Create(T.CreateTruncating(0x3333_3333_3333_3333ul))) + ((v >> 2) & Vector256.Create(T.CreateTruncating(0x3333_3333_3333_3333ul)));
        v = (v + (v >> 4)) & Vector256.Create(T.CreateTruncating(0x0F0F_0F0F_0F0F_0F0Ful));
        // The byte sums folded into the top byte by one multiply where lanes are 32 bits (a single instruction from
        // SSE4.1 on); 64-bit lanes have no such multiply below AVX-512, so they fold by shifts.
        if (Unsafe.SizeOf<T>() == 4)
            return (v * Vector256.Create(T.CreateTruncating(0x0101_0101ul))) >> 24;
        v += v >> 8;
        v += v >> 16;
        v += v >> 32;
        return v & Vector256.Create(T.CreateTruncating(0x7Ful));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> Smear<T>(Vector256<T> v) where T : unmanaged, IBinaryInteger<T>
    {
        v |= v >> 1;
        v |= v >> 2;
        v |= v >> 4;
        v |= v >> 8;
        v |= v >> 16;
        if (Unsafe.SizeOf<T>() == 8)
            v |= v >> 32;
        return v;
    }

    // Counts of 64-bit lanes are at most 64: the low half of each lane holds one.
    private static Vector128<int> Narrow(Vector256<ulong> counts) => Vector256.Narrow(counts, counts).GetLower().AsInt32();

    /// <inheritdoc cref="PopCount(Vector64{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> PopCount(Vector512<uint> value) => Count(value).AsInt32();

    /// <inheritdoc cref="PopCount(Vector64{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> PopCount(Vector512<ulong> value) => Narrow(Count(value));

    /// <inheritdoc cref="LeadingZeroCount(Vector64{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> LeadingZeroCount(Vector512<uint> value) => Count(~Smear(value)).AsInt32();

    /// <inheritdoc cref="LeadingZeroCount(Vector64{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> LeadingZeroCount(Vector512<ulong> value) => Narrow(Count(~Smear(value)));

    /// <inheritdoc cref="TrailingZeroCount(Vector64{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<int> TrailingZeroCount(Vector512<uint> value) => Count(~value & (value - Vector512<uint>.One)).AsInt32();

    /// <inheritdoc cref="TrailingZeroCount(Vector64{uint})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> TrailingZeroCount(Vector512<ulong> value) => Narrow(Count(~value & (value - Vector512<ulong>.One)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Count<T>(Vector512<T> v) where T : unmanaged, IBinaryInteger<T>
    {
        v -= (v >> 1) & Vector512.Create(T.CreateTruncating(0x5555_5555_5555_5555ul));
        v = (v & Vector512.Create(T.CreateTruncating(0x3333_3333_3333_3333ul))) + ((v >> 2) & Vector512.Create(T.CreateTruncating(0x3333_3333_3333_3333ul)));
        v = (v + (v >> 4)) & Vector512.Create(T.CreateTruncating(0x0F0F_0F0F_0F0F_0F0Ful));
        // The byte sums folded into the top byte by one multiply where lanes are 32 bits (a single instruction from
        // SSE4.1 on); 64-bit lanes have no such multiply below AVX-512, so they fold by shifts.
        if (Unsafe.SizeOf<T>() == 4)
            return (v * Vector512.Create(T.CreateTruncating(0x0101_0101ul))) >> 24;
        v += v >> 8;
        v += v >> 16;
        v += v >> 32;
        return v & Vector512.Create(T.CreateTruncating(0x7Ful));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Smear<T>(Vector512<T> v) where T : unmanaged, IBinaryInteger<T>
    {
        v |= v >> 1;
        v |= v >> 2;
        v |= v >> 4;
        v |= v >> 8;
        v |= v >> 16;
        if (Unsafe.SizeOf<T>() == 8)
            v |= v >> 32;
        return v;
    }

    // Counts of 64-bit lanes are at most 64: the low half of each lane holds one.
    private static Vector256<int> Narrow(Vector512<ulong> counts) => Vector512.Narrow(counts, counts).GetLower().AsInt32();
}

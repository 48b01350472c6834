using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DataParallel.CompilerServices;

/// <summary>
/// Vector loads and stores the generated code needs beyond <c>VectorN.LoadUnsafe</c>/<c>StoreUnsafe</c>: the
/// last, partial vector of a domain, and 8/16-bit elements carried in 32-bit lanes.
/// </summary>
/// <remarks>
/// The last vector of a domain runs the same vector code as every other. Its inactive lanes load a copy of the
/// last active element (so they can raise no fault the active lanes would not) and are never stored: an element's
/// result never depends on where it falls in the domain.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Lanes
{
    // The tail loads and stores are inlined and, where AVX2 has masked moves for the element size, branch-free:
    // a call left in a kernel's method makes the JIT keep the vectors that live across it (broadcast uniforms,
    // accumulators) in stack slots, and it reloads them inside the hot loop, not only around the call.

    /// <summary>Loads <paramref name="active"/> elements (1..Count) at <paramref name="offset"/>; the other lanes repeat the last one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> LoadTail128<T>(ref readonly T source, nuint offset, int active)
    {
        ref T from = ref Unsafe.Add(ref Unsafe.AsRef(in source), offset);
        if (Avx2.IsSupported && Unsafe.SizeOf<T>() == sizeof(int))
        {
            Vector128<int> live = Vector128.LessThan(Vector128<int>.Indices, Vector128.Create(active));
            Vector128<int> last = Vector128.Create(Unsafe.As<T, int>(ref Unsafe.Add(ref from, active - 1)));
            unsafe
            {
                fixed (byte* p = &Unsafe.As<T, byte>(ref from))
                    return Vector128.ConditionalSelect(live, Avx2.MaskLoad((int*)p, live), last).As<int, T>();
            }
        }
        if (Avx2.IsSupported && Unsafe.SizeOf<T>() == sizeof(long))
        {
            Vector128<long> live = Vector128.LessThan(Vector128<long>.Indices, Vector128.Create((long)active));
            Vector128<long> last = Vector128.Create(Unsafe.As<T, long>(ref Unsafe.Add(ref from, active - 1)));
            unsafe
            {
                fixed (byte* p = &Unsafe.As<T, byte>(ref from))
                    return Vector128.ConditionalSelect(live, Avx2.MaskLoad((long*)p, live), last).As<long, T>();
            }
        }
        Unsafe.SkipInit(out Vector128<T> v);
        FillTail(ref Unsafe.As<Vector128<T>, T>(ref v), Vector128<T>.Count, ref from, active);
        return v;
    }

    /// <inheritdoc cref="LoadTail128{T}(ref readonly T, nuint, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LoadTail256<T>(ref readonly T source, nuint offset, int active)
    {
        ref T from = ref Unsafe.Add(ref Unsafe.AsRef(in source), offset);
        if (Avx2.IsSupported && Unsafe.SizeOf<T>() == sizeof(int))
        {
            Vector256<int> live = Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(active));
            Vector256<int> last = Vector256.Create(Unsafe.As<T, int>(ref Unsafe.Add(ref from, active - 1)));
            unsafe
            {
                fixed (byte* p = &Unsafe.As<T, byte>(ref from))
                    return Vector256.ConditionalSelect(live, Avx2.MaskLoad((int*)p, live), last).As<int, T>();
            }
        }
        if (Avx2.IsSupported && Unsafe.SizeOf<T>() == sizeof(long))
        {
            Vector256<long> live = Vector256.LessThan(Vector256<long>.Indices, Vector256.Create((long)active));
            Vector256<long> last = Vector256.Create(Unsafe.As<T, long>(ref Unsafe.Add(ref from, active - 1)));
            unsafe
            {
                fixed (byte* p = &Unsafe.As<T, byte>(ref from))
                    return Vector256.ConditionalSelect(live, Avx2.MaskLoad((long*)p, live), last).As<long, T>();
            }
        }
        Unsafe.SkipInit(out Vector256<T> v);
        FillTail(ref Unsafe.As<Vector256<T>, T>(ref v), Vector256<T>.Count, ref from, active);
        return v;
    }

    /// <inheritdoc cref="LoadTail128{T}(ref readonly T, nuint, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LoadTail512<T>(ref readonly T source, nuint offset, int active)
    {
        Unsafe.SkipInit(out Vector512<T> v);
        FillTail(ref Unsafe.As<Vector512<T>, T>(ref v), Vector512<T>.Count, ref Unsafe.Add(ref Unsafe.AsRef(in source), offset), active);
        return v;
    }

    /// <summary>Stores the first <paramref name="active"/> lanes of <paramref name="value"/> at <paramref name="offset"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreTail128<T>(Vector128<T> value, ref T destination, nuint offset, int active)
    {
        ref T to = ref Unsafe.Add(ref destination, offset);
        if (Avx2.IsSupported && Unsafe.SizeOf<T>() == sizeof(int))
        {
            unsafe
            {
                fixed (byte* p = &Unsafe.As<T, byte>(ref to))
                    Avx2.MaskStore((int*)p, Vector128.LessThan(Vector128<int>.Indices, Vector128.Create(active)), value.As<T, int>());
            }
            return;
        }
        if (Avx2.IsSupported && Unsafe.SizeOf<T>() == sizeof(long))
        {
            unsafe
            {
                fixed (byte* p = &Unsafe.As<T, byte>(ref to))
                    Avx2.MaskStore((long*)p, Vector128.LessThan(Vector128<long>.Indices, Vector128.Create((long)active)), value.As<T, long>());
            }
            return;
        }
        CopyLanes(ref Unsafe.As<Vector128<T>, T>(ref value), ref to, active);
    }

    /// <inheritdoc cref="StoreTail128{T}(Vector128{T}, ref T, nuint, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreTail256<T>(Vector256<T> value, ref T destination, nuint offset, int active)
    {
        ref T to = ref Unsafe.Add(ref destination, offset);
        if (Avx2.IsSupported && Unsafe.SizeOf<T>() == sizeof(int))
        {
            unsafe
            {
                fixed (byte* p = &Unsafe.As<T, byte>(ref to))
                    Avx2.MaskStore((int*)p, Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(active)), value.As<T, int>());
            }
            return;
        }
        if (Avx2.IsSupported && Unsafe.SizeOf<T>() == sizeof(long))
        {
            unsafe
            {
                fixed (byte* p = &Unsafe.As<T, byte>(ref to))
                    Avx2.MaskStore((long*)p, Vector256.LessThan(Vector256<long>.Indices, Vector256.Create((long)active)), value.As<T, long>());
            }
            return;
        }
        CopyLanes(ref Unsafe.As<Vector256<T>, T>(ref value), ref to, active);
    }

    /// <inheritdoc cref="StoreTail128{T}(Vector128{T}, ref T, nuint, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreTail512<T>(Vector512<T> value, ref T destination, nuint offset, int active)
        => CopyLanes(ref Unsafe.As<Vector512<T>, T>(ref value), ref Unsafe.Add(ref destination, offset), active);

    /// <summary>
    /// Stores the lanes of <paramref name="value"/> whose <paramref name="mask"/> lane has any bit set, and leaves
    /// the other elements untouched in memory (not rewritten with their old value: another index may own them).
    /// </summary>
    public static void StoreMasked128<T>(Vector128<T> value, ref T destination, nuint offset, Vector128<T> mask)
        => StoreSelected(ref Unsafe.As<Vector128<T>, T>(ref value), ref Unsafe.As<Vector128<T>, T>(ref mask), Vector128<T>.Count, ref destination, offset);

    /// <inheritdoc cref="StoreMasked128{T}(Vector128{T}, ref T, nuint, Vector128{T})"/>
    public static void StoreMasked256<T>(Vector256<T> value, ref T destination, nuint offset, Vector256<T> mask)
    {
        if (Avx2.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(int) || typeof(T) == typeof(uint)))
        {
            unsafe
            {
                fixed (byte* p = &Unsafe.As<T, byte>(ref Unsafe.Add(ref destination, offset)))
                    Avx2.MaskStore((int*)p, mask.AsInt32(), value.AsInt32());
            }
            return;
        }
        if (Avx2.IsSupported && (typeof(T) == typeof(double) || typeof(T) == typeof(long) || typeof(T) == typeof(ulong)))
        {
            unsafe
            {
                fixed (byte* p = &Unsafe.As<T, byte>(ref Unsafe.Add(ref destination, offset)))
                    Avx2.MaskStore((long*)p, mask.AsInt64(), value.AsInt64());
            }
            return;
        }
        StoreSelected(ref Unsafe.As<Vector256<T>, T>(ref value), ref Unsafe.As<Vector256<T>, T>(ref mask), Vector256<T>.Count, ref destination, offset);
    }

    /// <inheritdoc cref="StoreMasked128{T}(Vector128{T}, ref T, nuint, Vector128{T})"/>
    public static void StoreMasked512<T>(Vector512<T> value, ref T destination, nuint offset, Vector512<T> mask)
        => StoreSelected(ref Unsafe.As<Vector512<T>, T>(ref value), ref Unsafe.As<Vector512<T>, T>(ref mask), Vector512<T>.Count, ref destination, offset);

    /// <summary>
    /// Loads the lanes whose <paramref name="mask"/> lane is set from <paramref name="offset"/> on; the other lanes
    /// are zero and their elements are never read (they may lie outside the span).
    /// </summary>
    public static TVector LoadMasked<TVector, T>(ref T source, nuint offset, TVector mask) where TVector : struct
    {
        if (Avx.IsSupported && Unsafe.SizeOf<TVector>() is 16 or 32 && Unsafe.SizeOf<T>() is 4 or 8)
        {
            // VMASKMOV reads only the selected lanes and suppresses faults on the others. The lanes' bits are moved
            // unchanged, so 32/64-bit integers load through the float/double forms.
            unsafe
            {
                fixed (byte* start = &Unsafe.As<T, byte>(ref source))
                {
                    byte* at = start + offset * (nuint)Unsafe.SizeOf<T>();
                    if (Unsafe.SizeOf<TVector>() == 32 && Unsafe.SizeOf<T>() == 4)
                    {
                        Vector256<float> loaded = Avx.MaskLoad((float*)at, Unsafe.As<TVector, Vector256<float>>(ref mask));
                        return Unsafe.As<Vector256<float>, TVector>(ref loaded);
                    }
                    if (Unsafe.SizeOf<TVector>() == 32)
                    {
                        Vector256<double> loaded = Avx.MaskLoad((double*)at, Unsafe.As<TVector, Vector256<double>>(ref mask));
                        return Unsafe.As<Vector256<double>, TVector>(ref loaded);
                    }
                    if (Unsafe.SizeOf<T>() == 4)
                    {
                        Vector128<float> loaded = Avx.MaskLoad((float*)at, Unsafe.As<TVector, Vector128<float>>(ref mask));
                        return Unsafe.As<Vector128<float>, TVector>(ref loaded);
                    }
                    Vector128<double> loaded128 = Avx.MaskLoad((double*)at, Unsafe.As<TVector, Vector128<double>>(ref mask));
                    return Unsafe.As<Vector128<double>, TVector>(ref loaded128);
                }
            }
        }
        Unsafe.SkipInit(out TVector values);
        ref T lanes = ref Unsafe.As<TVector, T>(ref values);
        ref T selected = ref Unsafe.As<TVector, T>(ref mask);
        ref T from = ref Unsafe.Add(ref source, offset);
        int count = Unsafe.SizeOf<TVector>() / Unsafe.SizeOf<T>();
        for (int lane = 0; lane < count; lane++)
            Unsafe.Add(ref lanes, lane) = IsZero(Unsafe.Add(ref selected, lane)) ? default! : Unsafe.Add(ref from, lane);
        return values;
    }

    /// <summary>The lane numbers 0, 1, 2, … of a domain's vector starting at <paramref name="first"/>, for kernels that use the index as a value.</summary>
    public static Vector128<int> Indices128(int first) => Vector128.Create(first) + Vector128<int>.Indices;

    /// <inheritdoc cref="Indices128(int)"/>
    public static Vector256<int> Indices256(int first) => Vector256.Create(first) + Vector256<int>.Indices;

    /// <inheritdoc cref="Indices128(int)"/>
    public static Vector512<int> Indices512(int first) => Vector512.Create(first) + Vector512<int>.Indices;

    /// <summary>The index lanes of a partial last vector: inactive lanes repeat the last active index.</summary>
    public static Vector128<int> IndicesTail128(int first, int active) => Vector128.Min(Indices128(first), Vector128.Create(first + active - 1));

    /// <inheritdoc cref="IndicesTail128(int, int)"/>
    public static Vector256<int> IndicesTail256(int first, int active) => Vector256.Min(Indices256(first), Vector256.Create(first + active - 1));

    /// <inheritdoc cref="IndicesTail128(int, int)"/>
    public static Vector512<int> IndicesTail512(int first, int active) => Vector512.Min(Indices512(first), Vector512.Create(first + active - 1));

    /// <summary>All bits set in the first <paramref name="active"/> lanes, zero in the rest: the live lanes of a partial last vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector64<T> TailMask64<T>(int active) where T : INumberBase<T>
        => Vector64.LessThan(Vector64<T>.Indices, Vector64.Create(T.CreateTruncating(active)));

    /// <inheritdoc cref="TailMask64{T}(int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> TailMask128<T>(int active) where T : INumberBase<T>
        => Vector128.LessThan(Vector128<T>.Indices, Vector128.Create(T.CreateTruncating(active)));

    /// <inheritdoc cref="TailMask128{T}(int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> TailMask256<T>(int active) where T : INumberBase<T>
        => Vector256.LessThan(Vector256<T>.Indices, Vector256.Create(T.CreateTruncating(active)));

    /// <inheritdoc cref="TailMask128{T}(int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> TailMask512<T>(int active) where T : INumberBase<T>
        => Vector512.LessThan(Vector512<T>.Indices, Vector512.Create(T.CreateTruncating(active)));

    /// <summary>64-bit vectors: the 32-bit values of a kernel whose lanes are 64 bits wide, at the 128-bit width.</summary>
    public static Vector64<T> LoadTail64<T>(ref readonly T source, nuint offset, int active)
    {
        Unsafe.SkipInit(out Vector64<T> v);
        FillTail(ref Unsafe.As<Vector64<T>, T>(ref v), Vector64<T>.Count, ref Unsafe.Add(ref Unsafe.AsRef(in source), offset), active);
        return v;
    }

    /// <inheritdoc cref="StoreTail128{T}(Vector128{T}, ref T, nuint, int)"/>
    public static void StoreTail64<T>(Vector64<T> value, ref T destination, nuint offset, int active)
        => CopyLanes(ref Unsafe.As<Vector64<T>, T>(ref value), ref Unsafe.Add(ref destination, offset), active);

    /// <inheritdoc cref="StoreMasked128{T}(Vector128{T}, ref T, nuint, Vector128{T})"/>
    public static void StoreMasked64<T>(Vector64<T> value, ref T destination, nuint offset, Vector64<T> mask)
        => StoreSelected(ref Unsafe.As<Vector64<T>, T>(ref value), ref Unsafe.As<Vector64<T>, T>(ref mask), Vector64<T>.Count, ref destination, offset);

    /// <inheritdoc cref="Indices128(int)"/>
    public static Vector64<int> Indices64(int first) => Vector64.Create(first) + Vector64<int>.Indices;

    /// <inheritdoc cref="IndicesTail128(int, int)"/>
    public static Vector64<int> IndicesTail64(int first, int active) => Vector64.Min(Indices64(first), Vector64.Create(first + active - 1));

    /// <inheritdoc cref="Remainder{T}(Vector128{T}, Vector128{T})"/>
    public static Vector64<T> Remainder<T>(Vector64<T> left, Vector64<T> right) => left - left / right * right;

    /// <summary>
    /// A mask of 64-bit lanes as a mask of the same lanes 32 bits wide (for selecting 32-bit values in a kernel
    /// whose lanes are 64 bits): each lane keeps its low half, which is all ones or all zeros like the whole.
    /// </summary>
    public static Vector64<int> NarrowMask(Vector128<long> mask) => Vector128.Narrow(mask, mask).GetLower();

    /// <inheritdoc cref="NarrowMask(Vector128{long})"/>
    public static Vector128<int> NarrowMask(Vector256<long> mask) => Vector256.Narrow(mask, mask).GetLower();

    /// <inheritdoc cref="NarrowMask(Vector128{long})"/>
    public static Vector256<int> NarrowMask(Vector512<long> mask) => Vector512.Narrow(mask, mask).GetLower();

    /// <summary>A mask of 32-bit lanes widened (sign-extended) to 64-bit lanes: the inverse of <see cref="NarrowMask(Vector128{long})"/>.</summary>
    public static Vector128<long> WidenMask(Vector64<int> mask) => Vector128.WidenLower(mask.ToVector128Unsafe());

    /// <inheritdoc cref="WidenMask(Vector64{int})"/>
    public static Vector256<long> WidenMask(Vector128<int> mask) => Vector256.WidenLower(mask.ToVector256Unsafe());

    /// <inheritdoc cref="WidenMask(Vector64{int})"/>
    public static Vector512<long> WidenMask(Vector256<int> mask) => Vector512.WidenLower(mask.ToVector512Unsafe());

    /// <summary>
    /// Applies a scalar function lane by lane: the vector form of a <c>Math</c> method that has no vector
    /// equivalent, bit-identical to the scalar kernel.
    /// </summary>
    public static TVector Map<TVector, T>(TVector value, Func<T, T> function) where TVector : struct
    {
        ref T lanes = ref Unsafe.As<TVector, T>(ref value);
        int count = Unsafe.SizeOf<TVector>() / Unsafe.SizeOf<T>();
        for (int lane = 0; lane < count; lane++)
            Unsafe.Add(ref lanes, lane) = function(Unsafe.Add(ref lanes, lane));
        return value;
    }

    /// <inheritdoc cref="Map{TVector, T}(TVector, Func{T, T})"/>
    public static TVector Map<TVector, T>(TVector left, TVector right, Func<T, T, T> function) where TVector : struct
    {
        ref T a = ref Unsafe.As<TVector, T>(ref left);
        ref T b = ref Unsafe.As<TVector, T>(ref right);
        int count = Unsafe.SizeOf<TVector>() / Unsafe.SizeOf<T>();
        for (int lane = 0; lane < count; lane++)
            Unsafe.Add(ref a, lane) = function(Unsafe.Add(ref a, lane), Unsafe.Add(ref b, lane));
        return left;
    }

    /// <summary>
    /// C#'s <c>%</c> on <c>float</c>/<c>double</c> lanes (fmod, exact): no vector instruction computes it, so it runs
    /// lane by lane like <see cref="Map{TVector, T}(TVector, TVector, Func{T, T, T})"/>, without the delegate call.
    /// </summary>
    public static TVector FloatingRemainder<TVector, T>(TVector left, TVector right) where TVector : struct where T : IModulusOperators<T, T, T>
    {
        ref T a = ref Unsafe.As<TVector, T>(ref left);
        ref T b = ref Unsafe.As<TVector, T>(ref right);
        int count = Unsafe.SizeOf<TVector>() / Unsafe.SizeOf<T>();
        for (int lane = 0; lane < count; lane++)
            Unsafe.Add(ref a, lane) %= Unsafe.Add(ref b, lane);
        return left;
    }

    /// <summary>
    /// Shifts each lane left by its own count, masked to the lane's width as C# masks a shift count (<c>&amp; 31</c>
    /// or <c>&amp; 63</c>). <typeparamref name="TVector"/> is any vector of integer lanes <typeparamref name="T"/>;
    /// <c>counts</c> has the same type.
    /// </summary>
    public static TVector ShiftLeft<TVector, T>(TVector value, TVector counts) where TVector : struct
    {
        if (Avx2.IsSupported && typeof(TVector) == typeof(Vector256<int>))
        {
            Vector256<int> v = Unsafe.As<TVector, Vector256<int>>(ref value), c = Unsafe.As<TVector, Vector256<int>>(ref counts);
            Vector256<int> r = Avx2.ShiftLeftLogicalVariable(v, (c & Vector256.Create(31)).AsUInt32());
            return Unsafe.As<Vector256<int>, TVector>(ref r);
        }
        return ShiftLanes<TVector, T>(value, counts, ShiftKind.Left);
    }

    /// <summary>Shifts each lane right by its own count, filling with the sign bit (signed lanes); counts masked as in C#.</summary>
    public static TVector ShiftRightArithmetic<TVector, T>(TVector value, TVector counts) where TVector : struct
    {
        if (Avx2.IsSupported && typeof(TVector) == typeof(Vector256<int>))
        {
            Vector256<int> v = Unsafe.As<TVector, Vector256<int>>(ref value), c = Unsafe.As<TVector, Vector256<int>>(ref counts);
            Vector256<int> r = Avx2.ShiftRightArithmeticVariable(v, (c & Vector256.Create(31)).AsUInt32());
            return Unsafe.As<Vector256<int>, TVector>(ref r);
        }
        return ShiftLanes<TVector, T>(value, counts, ShiftKind.RightArithmetic);
    }

    /// <summary>Shifts each lane right by its own count, filling with zeros; counts masked as in C#.</summary>
    public static TVector ShiftRightLogical<TVector, T>(TVector value, TVector counts) where TVector : struct
    {
        if (Avx2.IsSupported && (typeof(TVector) == typeof(Vector256<int>) || typeof(TVector) == typeof(Vector256<uint>)))
        {
            Vector256<int> v = Unsafe.As<TVector, Vector256<int>>(ref value), c = Unsafe.As<TVector, Vector256<int>>(ref counts);
            Vector256<int> r = Avx2.ShiftRightLogicalVariable(v, (c & Vector256.Create(31)).AsUInt32());
            return Unsafe.As<Vector256<int>, TVector>(ref r);
        }
        return ShiftLanes<TVector, T>(value, counts, ShiftKind.RightLogical);
    }

    private enum ShiftKind
    {
        Left,
        RightArithmetic,
        RightLogical,
    }

    private static TVector ShiftLanes<TVector, T>(TVector value, TVector counts, ShiftKind kind) where TVector : struct
    {
        // Lanes are 4 or 8 bytes; shifting their bits as int or long gives every integer type's shifts (the
        // arithmetic shift is only asked for signed lanes).
        bool wide = Unsafe.SizeOf<T>() == 8;
        int count = Unsafe.SizeOf<TVector>() / Unsafe.SizeOf<T>();
        for (int lane = 0; lane < count; lane++)
        {
            if (wide)
            {
                ref long v = ref Unsafe.Add(ref Unsafe.As<TVector, long>(ref value), lane);
                int c = (int)Unsafe.Add(ref Unsafe.As<TVector, long>(ref counts), lane) & 63;
                v = kind switch { ShiftKind.Left => v << c, ShiftKind.RightArithmetic => v >> c, _ => (long)((ulong)v >> c) };
            }
            else
            {
                ref int v = ref Unsafe.Add(ref Unsafe.As<TVector, int>(ref value), lane);
                int c = Unsafe.Add(ref Unsafe.As<TVector, int>(ref counts), lane) & 31;
                v = kind switch { ShiftKind.Left => v << c, ShiftKind.RightArithmetic => v >> c, _ => (int)((uint)v >> c) };
            }
        }
        return value;
    }

    /// <summary>Integer remainder with C#'s semantics (truncated division; the same exceptions as the division).</summary>
    public static Vector128<T> Remainder<T>(Vector128<T> left, Vector128<T> right) => left - left / right * right;

    /// <inheritdoc cref="Remainder{T}(Vector128{T}, Vector128{T})"/>
    public static Vector256<T> Remainder<T>(Vector256<T> left, Vector256<T> right) => left - left / right * right;

    /// <inheritdoc cref="Remainder{T}(Vector128{T}, Vector128{T})"/>
    public static Vector512<T> Remainder<T>(Vector512<T> left, Vector512<T> right) => left - left / right * right;

    private static void StoreSelected<T>(ref T lanes, ref T mask, int count, ref T destination, nuint offset)
    {
        ref T to = ref Unsafe.Add(ref destination, offset);
        for (int lane = 0; lane < count; lane++)
        {
            if (!IsZero(Unsafe.Add(ref mask, lane)))
                Unsafe.Add(ref to, lane) = Unsafe.Add(ref lanes, lane);
        }
    }

    // A mask lane is all ones or all zeros; compare its bits, since an all-ones float lane is a NaN.
    private static bool IsZero<T>(T lane)
    {
        if (Unsafe.SizeOf<T>() == 8)
            return Unsafe.As<T, long>(ref lane) == 0;
        if (Unsafe.SizeOf<T>() == 4)
            return Unsafe.As<T, int>(ref lane) == 0;
        if (Unsafe.SizeOf<T>() == 2)
            return Unsafe.As<T, short>(ref lane) == 0;
        return Unsafe.As<T, byte>(ref lane) == 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FillTail<T>(ref T lanes, int count, ref T from, int active)
    {
        int lane = 0;
        for (; lane < active; lane++)
            Unsafe.Add(ref lanes, lane) = Unsafe.Add(ref from, lane);
        T last = Unsafe.Add(ref from, active - 1);
        for (; lane < count; lane++)
            Unsafe.Add(ref lanes, lane) = last;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyLanes<T>(ref T lanes, ref T to, int active)
    {
        for (int lane = 0; lane < active; lane++)
            Unsafe.Add(ref to, lane) = Unsafe.Add(ref lanes, lane);
    }
}

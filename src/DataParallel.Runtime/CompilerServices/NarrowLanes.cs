using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DataParallel.CompilerServices;

/// <summary>
/// 8- and 16-bit elements (<see cref="byte"/>, <see cref="sbyte"/>, <see cref="short"/>, <see cref="ushort"/>)
/// travel through generated vector code in 32-bit lanes, the type C# promotes them to for arithmetic: loads
/// widen (zero- or sign-extending), stores narrow (truncating, as the C# cast the kernel wrote already did).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class NarrowLanes
{
    /// <summary>Loads <c>Vector64&lt;int&gt;.Count</c> elements at <paramref name="offset"/>, widened to 32 bits.</summary>
    public static Vector64<int> LoadWidened64<T>(ref readonly T source, nuint offset) where T : unmanaged, IBinaryInteger<T>
        => LoadWidenedTail64(in source, offset, Vector64<int>.Count);

    /// <inheritdoc cref="LoadWidenedTail128{T}(ref readonly T, nuint, int)"/>
    public static Vector64<int> LoadWidenedTail64<T>(ref readonly T source, nuint offset, int active) where T : unmanaged, IBinaryInteger<T>
    {
        Unsafe.SkipInit(out Vector64<int> v);
        Widen(ref Unsafe.As<Vector64<int>, int>(ref v), Vector64<int>.Count, in source, offset, active);
        return v;
    }

    /// <inheritdoc cref="StoreNarrowed128{T}(Vector128{int}, ref T, nuint)"/>
    public static void StoreNarrowed64<T>(Vector64<int> value, ref T destination, nuint offset) where T : unmanaged, IBinaryInteger<T>
        => Narrow(ref Unsafe.As<Vector64<int>, int>(ref value), ref destination, offset, Vector64<int>.Count);

    /// <inheritdoc cref="StoreNarrowedTail128{T}(Vector128{int}, ref T, nuint, int)"/>
    public static void StoreNarrowedTail64<T>(Vector64<int> value, ref T destination, nuint offset, int active) where T : unmanaged, IBinaryInteger<T>
        => Narrow(ref Unsafe.As<Vector64<int>, int>(ref value), ref destination, offset, active);

    /// <inheritdoc cref="StoreNarrowedMasked128{T}(Vector128{int}, ref T, nuint, Vector128{int})"/>
    public static void StoreNarrowedMasked64<T>(Vector64<int> value, ref T destination, nuint offset, Vector64<int> mask) where T : unmanaged, IBinaryInteger<T>
        => NarrowSelected(ref Unsafe.As<Vector64<int>, int>(ref value), ref Unsafe.As<Vector64<int>, int>(ref mask), Vector64<int>.Count, ref destination, offset);

    /// <summary>Loads <c>Vector128&lt;int&gt;.Count</c> elements at <paramref name="offset"/>, widened to 32 bits.</summary>
    public static Vector128<int> LoadWidened128<T>(ref readonly T source, nuint offset) where T : unmanaged, IBinaryInteger<T>
        => LoadWidenedTail128(in source, offset, Vector128<int>.Count);

    /// <inheritdoc cref="LoadWidened128{T}(ref readonly T, nuint)"/>
    public static Vector256<int> LoadWidened256<T>(ref readonly T source, nuint offset) where T : unmanaged, IBinaryInteger<T>
    {
        if (typeof(T) == typeof(byte) || typeof(T) == typeof(sbyte))
        {
            Vector128<byte> bytes = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<T, byte>(ref Unsafe.Add(ref Unsafe.AsRef(in source), offset)))).AsByte();
            if (typeof(T) == typeof(byte))
            {
                Vector128<ushort> wide = Vector128.WidenLower(bytes);
                return Vector256.Create(Vector128.WidenLower(wide), Vector128.WidenUpper(wide)).AsInt32();
            }
            Vector128<short> signed = Vector128.WidenLower(bytes.AsSByte());
            return Vector256.Create(Vector128.WidenLower(signed), Vector128.WidenUpper(signed));
        }
        if (typeof(T) == typeof(short) || typeof(T) == typeof(ushort))
        {
            Vector128<ushort> halves = Vector128.LoadUnsafe(ref Unsafe.As<T, ushort>(ref Unsafe.AsRef(in source)), offset);
            return typeof(T) == typeof(ushort)
                ? Vector256.Create(Vector128.WidenLower(halves), Vector128.WidenUpper(halves)).AsInt32()
                : Vector256.Create(Vector128.WidenLower(halves.AsInt16()), Vector128.WidenUpper(halves.AsInt16()));
        }
        return LoadWidenedTail256(in source, offset, Vector256<int>.Count);
    }

    /// <inheritdoc cref="LoadWidened128{T}(ref readonly T, nuint)"/>
    public static Vector512<int> LoadWidened512<T>(ref readonly T source, nuint offset) where T : unmanaged, IBinaryInteger<T>
        => Vector512.Create(LoadWidened256(in source, offset), LoadWidened256(in source, offset + (nuint)Vector256<int>.Count));

    /// <summary>Loads <paramref name="active"/> elements widened to 32 bits; the other lanes repeat the last one.</summary>
    public static Vector128<int> LoadWidenedTail128<T>(ref readonly T source, nuint offset, int active) where T : unmanaged, IBinaryInteger<T>
    {
        Unsafe.SkipInit(out Vector128<int> v);
        Widen(ref Unsafe.As<Vector128<int>, int>(ref v), Vector128<int>.Count, in source, offset, active);
        return v;
    }

    /// <inheritdoc cref="LoadWidenedTail128{T}(ref readonly T, nuint, int)"/>
    public static Vector256<int> LoadWidenedTail256<T>(ref readonly T source, nuint offset, int active) where T : unmanaged, IBinaryInteger<T>
    {
        Unsafe.SkipInit(out Vector256<int> v);
        Widen(ref Unsafe.As<Vector256<int>, int>(ref v), Vector256<int>.Count, in source, offset, active);
        return v;
    }

    /// <inheritdoc cref="LoadWidenedTail128{T}(ref readonly T, nuint, int)"/>
    public static Vector512<int> LoadWidenedTail512<T>(ref readonly T source, nuint offset, int active) where T : unmanaged, IBinaryInteger<T>
    {
        Unsafe.SkipInit(out Vector512<int> v);
        Widen(ref Unsafe.As<Vector512<int>, int>(ref v), Vector512<int>.Count, in source, offset, active);
        return v;
    }

    /// <summary>Stores the 32-bit lanes of <paramref name="value"/> as <typeparamref name="T"/> (truncating).</summary>
    public static void StoreNarrowed128<T>(Vector128<int> value, ref T destination, nuint offset) where T : unmanaged, IBinaryInteger<T>
        => StoreNarrowedTail128(value, ref destination, offset, Vector128<int>.Count);

    /// <inheritdoc cref="StoreNarrowed128{T}(Vector128{int}, ref T, nuint)"/>
    public static void StoreNarrowed256<T>(Vector256<int> value, ref T destination, nuint offset) where T : unmanaged, IBinaryInteger<T>
        => StoreNarrowedTail256(value, ref destination, offset, Vector256<int>.Count);

    /// <inheritdoc cref="StoreNarrowed128{T}(Vector128{int}, ref T, nuint)"/>
    public static void StoreNarrowed512<T>(Vector512<int> value, ref T destination, nuint offset) where T : unmanaged, IBinaryInteger<T>
        => StoreNarrowedTail512(value, ref destination, offset, Vector512<int>.Count);

    /// <summary>Stores the first <paramref name="active"/> 32-bit lanes of <paramref name="value"/> as <typeparamref name="T"/>.</summary>
    public static void StoreNarrowedTail128<T>(Vector128<int> value, ref T destination, nuint offset, int active) where T : unmanaged, IBinaryInteger<T>
        => Narrow(ref Unsafe.As<Vector128<int>, int>(ref value), ref destination, offset, active);

    /// <inheritdoc cref="StoreNarrowedTail128{T}(Vector128{int}, ref T, nuint, int)"/>
    public static void StoreNarrowedTail256<T>(Vector256<int> value, ref T destination, nuint offset, int active) where T : unmanaged, IBinaryInteger<T>
        => Narrow(ref Unsafe.As<Vector256<int>, int>(ref value), ref destination, offset, active);

    /// <inheritdoc cref="StoreNarrowedTail128{T}(Vector128{int}, ref T, nuint, int)"/>
    public static void StoreNarrowedTail512<T>(Vector512<int> value, ref T destination, nuint offset, int active) where T : unmanaged, IBinaryInteger<T>
        => Narrow(ref Unsafe.As<Vector512<int>, int>(ref value), ref destination, offset, active);

    /// <summary>Stores, narrowed, the 32-bit lanes of <paramref name="value"/> whose <paramref name="mask"/> lane is set; other elements stay untouched.</summary>
    public static void StoreNarrowedMasked128<T>(Vector128<int> value, ref T destination, nuint offset, Vector128<int> mask) where T : unmanaged, IBinaryInteger<T>
        => NarrowSelected(ref Unsafe.As<Vector128<int>, int>(ref value), ref Unsafe.As<Vector128<int>, int>(ref mask), Vector128<int>.Count, ref destination, offset);

    /// <inheritdoc cref="StoreNarrowedMasked128{T}(Vector128{int}, ref T, nuint, Vector128{int})"/>
    public static void StoreNarrowedMasked256<T>(Vector256<int> value, ref T destination, nuint offset, Vector256<int> mask) where T : unmanaged, IBinaryInteger<T>
        => NarrowSelected(ref Unsafe.As<Vector256<int>, int>(ref value), ref Unsafe.As<Vector256<int>, int>(ref mask), Vector256<int>.Count, ref destination, offset);

    /// <inheritdoc cref="StoreNarrowedMasked128{T}(Vector128{int}, ref T, nuint, Vector128{int})"/>
    public static void StoreNarrowedMasked512<T>(Vector512<int> value, ref T destination, nuint offset, Vector512<int> mask) where T : unmanaged, IBinaryInteger<T>
        => NarrowSelected(ref Unsafe.As<Vector512<int>, int>(ref value), ref Unsafe.As<Vector512<int>, int>(ref mask), Vector512<int>.Count, ref destination, offset);

    private static void NarrowSelected<T>(ref int lanes, ref int mask, int count, ref T destination, nuint offset) where T : unmanaged, IBinaryInteger<T>
    {
        ref T to = ref Unsafe.Add(ref destination, offset);
        for (int lane = 0; lane < count; lane++)
        {
            if (Unsafe.Add(ref mask, lane) != 0)
                Unsafe.Add(ref to, lane) = T.CreateTruncating(Unsafe.Add(ref lanes, lane));
        }
    }

    /// <summary>Loads, widened to 32 bits, the elements of the lanes whose mask is set; the others are zero and never read.</summary>
    public static Vector64<int> LoadWidenedMasked64<T>(ref readonly T source, nuint offset, Vector64<int> mask) where T : unmanaged, IBinaryInteger<T>
        => WidenSelected<Vector64<int>, T>(in source, offset, mask);

    /// <inheritdoc cref="LoadWidenedMasked64{T}(ref readonly T, nuint, Vector64{int})"/>
    public static Vector128<int> LoadWidenedMasked128<T>(ref readonly T source, nuint offset, Vector128<int> mask) where T : unmanaged, IBinaryInteger<T>
        => WidenSelected<Vector128<int>, T>(in source, offset, mask);

    /// <inheritdoc cref="LoadWidenedMasked64{T}(ref readonly T, nuint, Vector64{int})"/>
    public static Vector256<int> LoadWidenedMasked256<T>(ref readonly T source, nuint offset, Vector256<int> mask) where T : unmanaged, IBinaryInteger<T>
        => WidenSelected<Vector256<int>, T>(in source, offset, mask);

    /// <inheritdoc cref="LoadWidenedMasked64{T}(ref readonly T, nuint, Vector64{int})"/>
    public static Vector512<int> LoadWidenedMasked512<T>(ref readonly T source, nuint offset, Vector512<int> mask) where T : unmanaged, IBinaryInteger<T>
        => WidenSelected<Vector512<int>, T>(in source, offset, mask);

    private static TVector WidenSelected<TVector, T>(ref readonly T source, nuint offset, TVector mask) where TVector : struct where T : unmanaged, IBinaryInteger<T>
    {
        Unsafe.SkipInit(out TVector values);
        ref int lanes = ref Unsafe.As<TVector, int>(ref values);
        ref int selected = ref Unsafe.As<TVector, int>(ref mask);
        ref T from = ref Unsafe.Add(ref Unsafe.AsRef(in source), offset);
        for (int lane = 0; lane < Unsafe.SizeOf<TVector>() / sizeof(int); lane++)
            Unsafe.Add(ref lanes, lane) = Unsafe.Add(ref selected, lane) != 0 ? int.CreateTruncating(Unsafe.Add(ref from, lane)) : 0;
        return values;
    }

    private static void Widen<T>(ref int lanes, int count, ref readonly T source, nuint offset, int active) where T : unmanaged, IBinaryInteger<T>
    {
        ref T from = ref Unsafe.Add(ref Unsafe.AsRef(in source), offset);
        int lane = 0;
        for (; lane < active; lane++)
            Unsafe.Add(ref lanes, lane) = int.CreateTruncating(Unsafe.Add(ref from, lane));
        int last = int.CreateTruncating(Unsafe.Add(ref from, active - 1));
        for (; lane < count; lane++)
            Unsafe.Add(ref lanes, lane) = last;
    }

    private static void Narrow<T>(ref int lanes, ref T destination, nuint offset, int active) where T : unmanaged, IBinaryInteger<T>
    {
        ref T to = ref Unsafe.Add(ref destination, offset);
        for (int lane = 0; lane < active; lane++)
            Unsafe.Add(ref to, lane) = T.CreateTruncating(Unsafe.Add(ref lanes, lane));
    }
}

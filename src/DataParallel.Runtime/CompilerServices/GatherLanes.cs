using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DataParallel.CompilerServices;

/// <summary>
/// Per-lane accesses at indices that are not consecutive: gathers and scatters. Checked forms index the span like
/// the scalar kernel does (an index out of range throws <see cref="IndexOutOfRangeException"/>) and touch only the
/// lanes of the mask; unchecked forms are for indices the entry point proved in bounds, and use the AVX2 gather
/// instruction where there is one.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GatherLanes
{
    /// <summary>Loads <c>span[indices[l]]</c> for every lane whose mask is set; other lanes get <c>default</c>.</summary>
    public static Vector64<T> Gather64<T>(ReadOnlySpan<T> span, Vector64<int> indices, Vector64<int> mask)
    {
        Unsafe.SkipInit(out Vector64<T> v);
        GatherChecked(span, ref Unsafe.As<Vector64<int>, int>(ref indices), ref Unsafe.As<Vector64<int>, int>(ref mask), ref Unsafe.As<Vector64<T>, T>(ref v), Vector64<T>.Count);
        return v;
    }

    /// <inheritdoc cref="Gather64{T}(ReadOnlySpan{T}, Vector64{int}, Vector64{int})"/>
    public static Vector128<T> Gather128<T>(ReadOnlySpan<T> span, Vector128<int> indices, Vector128<int> mask)
    {
        Unsafe.SkipInit(out Vector128<T> v);
        GatherChecked(span, ref Unsafe.As<Vector128<int>, int>(ref indices), ref Unsafe.As<Vector128<int>, int>(ref mask), ref Unsafe.As<Vector128<T>, T>(ref v), Vector128<T>.Count);
        return v;
    }

    /// <inheritdoc cref="Gather64{T}(ReadOnlySpan{T}, Vector64{int}, Vector64{int})"/>
    public static Vector256<T> Gather256<T>(ReadOnlySpan<T> span, Vector128<int> indices, Vector128<int> mask)
    {
        Unsafe.SkipInit(out Vector256<T> v);
        GatherChecked(span, ref Unsafe.As<Vector128<int>, int>(ref indices), ref Unsafe.As<Vector128<int>, int>(ref mask), ref Unsafe.As<Vector256<T>, T>(ref v), Vector256<T>.Count);
        return v;
    }

    /// <inheritdoc cref="Gather64{T}(ReadOnlySpan{T}, Vector64{int}, Vector64{int})"/>
    public static Vector256<T> Gather256<T>(ReadOnlySpan<T> span, Vector256<int> indices, Vector256<int> mask)
    {
        Unsafe.SkipInit(out Vector256<T> v);
        GatherChecked(span, ref Unsafe.As<Vector256<int>, int>(ref indices), ref Unsafe.As<Vector256<int>, int>(ref mask), ref Unsafe.As<Vector256<T>, T>(ref v), Vector256<T>.Count);
        return v;
    }

    /// <inheritdoc cref="Gather64{T}(ReadOnlySpan{T}, Vector64{int}, Vector64{int})"/>
    public static Vector128<T> Gather128<T>(ReadOnlySpan<T> span, Vector64<int> indices, Vector64<int> mask)
    {
        Unsafe.SkipInit(out Vector128<T> v);
        GatherChecked(span, ref Unsafe.As<Vector64<int>, int>(ref indices), ref Unsafe.As<Vector64<int>, int>(ref mask), ref Unsafe.As<Vector128<T>, T>(ref v), Vector128<T>.Count);
        return v;
    }

    /// <inheritdoc cref="Gather64{T}(ReadOnlySpan{T}, Vector64{int}, Vector64{int})"/>
    public static Vector512<T> Gather512<T>(ReadOnlySpan<T> span, Vector512<int> indices, Vector512<int> mask)
    {
        Unsafe.SkipInit(out Vector512<T> v);
        GatherChecked(span, ref Unsafe.As<Vector512<int>, int>(ref indices), ref Unsafe.As<Vector512<int>, int>(ref mask), ref Unsafe.As<Vector512<T>, T>(ref v), Vector512<T>.Count);
        return v;
    }

    /// <inheritdoc cref="Gather64{T}(ReadOnlySpan{T}, Vector64{int}, Vector64{int})"/>
    public static Vector512<T> Gather512<T>(ReadOnlySpan<T> span, Vector256<int> indices, Vector256<int> mask)
    {
        Unsafe.SkipInit(out Vector512<T> v);
        GatherChecked(span, ref Unsafe.As<Vector256<int>, int>(ref indices), ref Unsafe.As<Vector256<int>, int>(ref mask), ref Unsafe.As<Vector512<T>, T>(ref v), Vector512<T>.Count);
        return v;
    }

    /// <summary>Stores <c>span[indices[l]] = values[l]</c> for every lane whose mask is set, in lane order.</summary>
    public static void Scatter<TVector, TIndices, T>(Span<T> span, TIndices indices, TVector values, TIndices mask)
        where TVector : struct where TIndices : struct
    {
        int count = Unsafe.SizeOf<TVector>() / Unsafe.SizeOf<T>();
        ref int index = ref Unsafe.As<TIndices, int>(ref indices);
        ref int active = ref Unsafe.As<TIndices, int>(ref mask);
        ref T value = ref Unsafe.As<TVector, T>(ref values);
        for (int lane = 0; lane < count; lane++)
        {
            if (Unsafe.Add(ref active, lane) != 0)
                span[Unsafe.Add(ref index, lane)] = Unsafe.Add(ref value, lane);
        }
    }

    /// <summary>Loads <c>source[indices[l]]</c> for every lane, the indices proven in bounds at entry.</summary>
    public static Vector256<T> GatherUnchecked256<T>(ref T source, Vector256<int> indices)
    {
        if (Avx2.IsSupported && (typeof(T) == typeof(float) || typeof(T) == typeof(int) || typeof(T) == typeof(uint)))
        {
            unsafe
            {
                fixed (byte* p = &Unsafe.As<T, byte>(ref source))
                    return Avx2.GatherVector256((int*)p, indices, 4).As<int, T>();
            }
        }
        Unsafe.SkipInit(out Vector256<T> v);
        GatherProven(ref source, ref Unsafe.As<Vector256<int>, int>(ref indices), ref Unsafe.As<Vector256<T>, T>(ref v), Vector256<T>.Count);
        return v;
    }

    /// <inheritdoc cref="GatherUnchecked256{T}(ref T, Vector256{int})"/>
    public static Vector256<T> GatherUnchecked256<T>(ref T source, Vector128<int> indices)
    {
        if (Avx2.IsSupported && (typeof(T) == typeof(double) || typeof(T) == typeof(long) || typeof(T) == typeof(ulong)))
        {
            unsafe
            {
                fixed (byte* p = &Unsafe.As<T, byte>(ref source))
                    return Avx2.GatherVector256((long*)p, indices, 8).As<long, T>();
            }
        }
        Unsafe.SkipInit(out Vector256<T> v);
        GatherProven(ref source, ref Unsafe.As<Vector128<int>, int>(ref indices), ref Unsafe.As<Vector256<T>, T>(ref v), Vector256<T>.Count);
        return v;
    }

    /// <inheritdoc cref="GatherUnchecked256{T}(ref T, Vector256{int})"/>
    public static Vector64<T> GatherUnchecked64<T>(ref T source, Vector64<int> indices)
    {
        Unsafe.SkipInit(out Vector64<T> v);
        GatherProven(ref source, ref Unsafe.As<Vector64<int>, int>(ref indices), ref Unsafe.As<Vector64<T>, T>(ref v), Vector64<T>.Count);
        return v;
    }

    /// <inheritdoc cref="GatherUnchecked256{T}(ref T, Vector256{int})"/>
    public static Vector128<T> GatherUnchecked128<T>(ref T source, Vector128<int> indices)
    {
        Unsafe.SkipInit(out Vector128<T> v);
        GatherProven(ref source, ref Unsafe.As<Vector128<int>, int>(ref indices), ref Unsafe.As<Vector128<T>, T>(ref v), Vector128<T>.Count);
        return v;
    }

    /// <inheritdoc cref="GatherUnchecked256{T}(ref T, Vector256{int})"/>
    public static Vector128<T> GatherUnchecked128<T>(ref T source, Vector64<int> indices)
    {
        Unsafe.SkipInit(out Vector128<T> v);
        GatherProven(ref source, ref Unsafe.As<Vector64<int>, int>(ref indices), ref Unsafe.As<Vector128<T>, T>(ref v), Vector128<T>.Count);
        return v;
    }

    /// <inheritdoc cref="GatherUnchecked256{T}(ref T, Vector256{int})"/>
    public static Vector512<T> GatherUnchecked512<T>(ref T source, Vector512<int> indices)
    {
        Unsafe.SkipInit(out Vector512<T> v);
        GatherProven(ref source, ref Unsafe.As<Vector512<int>, int>(ref indices), ref Unsafe.As<Vector512<T>, T>(ref v), Vector512<T>.Count);
        return v;
    }

    /// <inheritdoc cref="GatherUnchecked256{T}(ref T, Vector256{int})"/>
    public static Vector512<T> GatherUnchecked512<T>(ref T source, Vector256<int> indices)
    {
        Unsafe.SkipInit(out Vector512<T> v);
        GatherProven(ref source, ref Unsafe.As<Vector256<int>, int>(ref indices), ref Unsafe.As<Vector512<T>, T>(ref v), Vector512<T>.Count);
        return v;
    }

    private static void GatherChecked<T>(ReadOnlySpan<T> span, ref int indices, ref int mask, ref T lanes, int count)
    {
        for (int lane = 0; lane < count; lane++)
            Unsafe.Add(ref lanes, lane) = Unsafe.Add(ref mask, lane) != 0 ? span[Unsafe.Add(ref indices, lane)] : default!;
    }

    private static void GatherProven<T>(ref T source, ref int indices, ref T lanes, int count)
    {
        for (int lane = 0; lane < count; lane++)
            Unsafe.Add(ref lanes, lane) = Unsafe.Add(ref source, Unsafe.Add(ref indices, lane));
    }
}

using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DataParallel.CompilerServices;

/// <summary>
/// Per-lane accesses at indices that are not consecutive: gathers and scatters. <c>TVector</c> is
/// the vector of values (e.g. <c>Vector256&lt;double&gt;</c>) and <c>TIndices</c> the vector of
/// int indices with as many lanes (e.g. <c>Vector128&lt;int&gt;</c>). Checked forms index the span as the scalar
/// kernel does (an index out of range throws <see cref="IndexOutOfRangeException"/>) and touch only the lanes of
/// the mask; the unchecked form is for indices the entry point proved in bounds, and uses the AVX2 gather
/// instruction where there is one.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GatherLanes
{
    /// <summary>Loads <c>span[indices[l]]</c> for every lane whose mask is set; other lanes get <c>default</c>.</summary>
    public static TVector Gather<TVector, TIndices, T>(ReadOnlySpan<T> span, TIndices indices, TIndices mask)
        where TVector : struct where TIndices : struct
    {
        Unsafe.SkipInit(out TVector values);
        ref T lanes = ref Unsafe.As<TVector, T>(ref values);
        ref int index = ref Unsafe.As<TIndices, int>(ref indices);
        ref int active = ref Unsafe.As<TIndices, int>(ref mask);
        for (int lane = 0; lane < LaneCount<TVector, T>(); lane++)
            Unsafe.Add(ref lanes, lane) = Unsafe.Add(ref active, lane) != 0 ? span[Unsafe.Add(ref index, lane)] : default!;
        return values;
    }

    /// <summary>Loads <c>source[indices[l]]</c> for every lane, the indices proven in bounds at entry.</summary>
    public static TVector GatherUnchecked<TVector, TIndices, T>(ref T source, TIndices indices)
        where TVector : struct where TIndices : struct
    {
        if (Avx2.IsSupported && typeof(TIndices) == typeof(Vector256<int>) && (typeof(T) == typeof(float) || typeof(T) == typeof(int) || typeof(T) == typeof(uint)))
        {
            unsafe
            {
                fixed (byte* p = &Unsafe.As<T, byte>(ref source))
                {
                    Vector256<int> gathered = Avx2.GatherVector256((int*)p, Unsafe.As<TIndices, Vector256<int>>(ref indices), 4);
                    return Unsafe.As<Vector256<int>, TVector>(ref gathered);
                }
            }
        }
        if (Avx2.IsSupported && typeof(TIndices) == typeof(Vector128<int>) && (typeof(T) == typeof(double) || typeof(T) == typeof(long) || typeof(T) == typeof(ulong)))
        {
            unsafe
            {
                fixed (byte* p = &Unsafe.As<T, byte>(ref source))
                {
                    Vector256<long> gathered = Avx2.GatherVector256((long*)p, Unsafe.As<TIndices, Vector128<int>>(ref indices), 8);
                    return Unsafe.As<Vector256<long>, TVector>(ref gathered);
                }
            }
        }
        Unsafe.SkipInit(out TVector values);
        ref T lanes = ref Unsafe.As<TVector, T>(ref values);
        ref int index = ref Unsafe.As<TIndices, int>(ref indices);
        for (int lane = 0; lane < LaneCount<TVector, T>(); lane++)
            Unsafe.Add(ref lanes, lane) = Unsafe.Add(ref source, Unsafe.Add(ref index, lane));
        return values;
    }

    /// <summary>Stores <c>span[indices[l]] = values[l]</c> for every lane whose mask is set, in lane order.</summary>
    public static void Scatter<TVector, TIndices, T>(Span<T> span, TIndices indices, TVector values, TIndices mask)
        where TVector : struct where TIndices : struct
    {
        ref int index = ref Unsafe.As<TIndices, int>(ref indices);
        ref int active = ref Unsafe.As<TIndices, int>(ref mask);
        ref T value = ref Unsafe.As<TVector, T>(ref values);
        for (int lane = 0; lane < LaneCount<TVector, T>(); lane++)
        {
            if (Unsafe.Add(ref active, lane) != 0)
                span[Unsafe.Add(ref index, lane)] = Unsafe.Add(ref value, lane);
        }
    }

    /// <summary>
    /// <see cref="Gather{TVector, TIndices, T}"/> for 8/16-bit elements, which ride in int lanes: each loaded element
    /// is widened to int exactly as C# widens it (sign- or zero-extended), in a vector shaped like the indices.
    /// </summary>
    public static TIndices GatherWidened<TIndices, T>(ReadOnlySpan<T> span, TIndices indices, TIndices mask)
        where TIndices : struct where T : IBinaryInteger<T>
    {
        Unsafe.SkipInit(out TIndices values);
        ref int lanes = ref Unsafe.As<TIndices, int>(ref values);
        ref int index = ref Unsafe.As<TIndices, int>(ref indices);
        ref int active = ref Unsafe.As<TIndices, int>(ref mask);
        for (int lane = 0; lane < Unsafe.SizeOf<TIndices>() / sizeof(int); lane++)
            Unsafe.Add(ref lanes, lane) = Unsafe.Add(ref active, lane) != 0 ? int.CreateTruncating(span[Unsafe.Add(ref index, lane)]) : 0;
        return values;
    }

    /// <summary><see cref="GatherWidened{TIndices, T}"/> for indices proven in bounds at entry.</summary>
    public static TIndices GatherWidenedUnchecked<TIndices, T>(ref T source, TIndices indices)
        where TIndices : struct where T : IBinaryInteger<T>
    {
        Unsafe.SkipInit(out TIndices values);
        ref int lanes = ref Unsafe.As<TIndices, int>(ref values);
        ref int index = ref Unsafe.As<TIndices, int>(ref indices);
        for (int lane = 0; lane < Unsafe.SizeOf<TIndices>() / sizeof(int); lane++)
            Unsafe.Add(ref lanes, lane) = int.CreateTruncating(Unsafe.Add(ref source, Unsafe.Add(ref index, lane)));
        return values;
    }

    /// <summary>
    /// <see cref="Scatter{TVector, TIndices, T}"/> for 8/16-bit elements riding in int lanes (their values already in
    /// the element type's range): each active lane is narrowed and stored, in lane order.
    /// </summary>
    public static void ScatterNarrowed<TIndices, T>(Span<T> span, TIndices indices, TIndices values, TIndices mask)
        where TIndices : struct where T : IBinaryInteger<T>
    {
        ref int index = ref Unsafe.As<TIndices, int>(ref indices);
        ref int active = ref Unsafe.As<TIndices, int>(ref mask);
        ref int value = ref Unsafe.As<TIndices, int>(ref values);
        for (int lane = 0; lane < Unsafe.SizeOf<TIndices>() / sizeof(int); lane++)
        {
            if (Unsafe.Add(ref active, lane) != 0)
                span[Unsafe.Add(ref index, lane)] = T.CreateTruncating(Unsafe.Add(ref value, lane));
        }
    }

    private static int LaneCount<TVector, T>() => Unsafe.SizeOf<TVector>() / Unsafe.SizeOf<T>();
}

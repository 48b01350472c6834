using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DataParallel.CompilerServices;

/// <summary>
/// Conversions between 32- and 64-bit lanes in a kernel whose lanes are 64 bits wide: a 32-bit value rides in a
/// vector half as wide as a 64-bit one, with the same number of lanes. Every lane converts exactly as the C# cast
/// does (<c>CreateTruncating</c> is C#'s unchecked cast: saturating for floating point to integer, round to
/// nearest for floating point to narrower floating point); common pairs use one AVX instruction.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LaneConvert
{
    /// <summary>Converts every 32-bit lane to a 64-bit one.</summary>
    public static Vector128<TTo> Widen<TFrom, TTo>(Vector64<TFrom> value) where TFrom : INumberBase<TFrom> where TTo : INumberBase<TTo>
    {
        Unsafe.SkipInit(out Vector128<TTo> result);
        Convert(ref Unsafe.As<Vector64<TFrom>, TFrom>(ref value), ref Unsafe.As<Vector128<TTo>, TTo>(ref result), Vector128<TTo>.Count);
        return result;
    }

    /// <inheritdoc cref="Widen{TFrom, TTo}(Vector64{TFrom})"/>
    public static Vector256<TTo> Widen<TFrom, TTo>(Vector128<TFrom> value) where TFrom : INumberBase<TFrom> where TTo : INumberBase<TTo>
    {
        if (Avx.IsSupported && typeof(TTo) == typeof(double))
        {
            if (typeof(TFrom) == typeof(int))
                return Avx.ConvertToVector256Double(value.AsInt32()).As<double, TTo>();
            if (typeof(TFrom) == typeof(float))
                return Avx.ConvertToVector256Double(value.AsSingle()).As<double, TTo>();
        }
        if (Avx2.IsSupported && typeof(TTo) == typeof(long) && typeof(TFrom) == typeof(int))
            return Avx2.ConvertToVector256Int64(value.AsInt32()).As<long, TTo>();
        Unsafe.SkipInit(out Vector256<TTo> result);
        Convert(ref Unsafe.As<Vector128<TFrom>, TFrom>(ref value), ref Unsafe.As<Vector256<TTo>, TTo>(ref result), Vector256<TTo>.Count);
        return result;
    }

    /// <inheritdoc cref="Widen{TFrom, TTo}(Vector64{TFrom})"/>
    public static Vector512<TTo> Widen<TFrom, TTo>(Vector256<TFrom> value) where TFrom : INumberBase<TFrom> where TTo : INumberBase<TTo>
        => Vector512.Create(Widen<TFrom, TTo>(value.GetLower()), Widen<TFrom, TTo>(value.GetUpper()));

    /// <summary>Converts every 64-bit lane to a 32-bit one.</summary>
    public static Vector64<TTo> Narrow<TFrom, TTo>(Vector128<TFrom> value) where TFrom : INumberBase<TFrom> where TTo : INumberBase<TTo>
    {
        Unsafe.SkipInit(out Vector64<TTo> result);
        Convert(ref Unsafe.As<Vector128<TFrom>, TFrom>(ref value), ref Unsafe.As<Vector64<TTo>, TTo>(ref result), Vector64<TTo>.Count);
        return result;
    }

    /// <inheritdoc cref="Narrow{TFrom, TTo}(Vector128{TFrom})"/>
    public static Vector128<TTo> Narrow<TFrom, TTo>(Vector256<TFrom> value) where TFrom : INumberBase<TFrom> where TTo : INumberBase<TTo>
    {
        if (Avx.IsSupported && typeof(TFrom) == typeof(double) && typeof(TTo) == typeof(float))
            return Avx.ConvertToVector128Single(value.AsDouble()).As<float, TTo>();
        Unsafe.SkipInit(out Vector128<TTo> result);
        Convert(ref Unsafe.As<Vector256<TFrom>, TFrom>(ref value), ref Unsafe.As<Vector128<TTo>, TTo>(ref result), Vector128<TTo>.Count);
        return result;
    }

    /// <inheritdoc cref="Narrow{TFrom, TTo}(Vector128{TFrom})"/>
    public static Vector256<TTo> Narrow<TFrom, TTo>(Vector512<TFrom> value) where TFrom : INumberBase<TFrom> where TTo : INumberBase<TTo>
        => Vector256.Create(Narrow<TFrom, TTo>(value.GetLower()), Narrow<TFrom, TTo>(value.GetUpper()));

    private static void Convert<TFrom, TTo>(ref TFrom from, ref TTo to, int count) where TFrom : INumberBase<TFrom> where TTo : INumberBase<TTo>
    {
        for (int lane = 0; lane < count; lane++)
            Unsafe.Add(ref to, lane) = TTo.CreateTruncating(Unsafe.Add(ref from, lane));
    }
}

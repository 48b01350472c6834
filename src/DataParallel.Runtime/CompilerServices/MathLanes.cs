using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DataParallel.CompilerServices;

/// <summary>
/// Vector forms of <c>Math</c>/<c>MathF</c> methods whose scalar semantics no single <c>VectorN</c> method has:
/// bit-identical results, and the same exception where the scalar method throws for an active lane.
/// </summary>
/// <remarks>
/// A throw from vector code, like one from the scalar kernel run on several cores, leaves the elements other
/// indices already wrote; only the exception is guaranteed.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class MathLanes
{
    /// <summary>
    /// <c>Math.Clamp</c> per lane, exactly: a lane below <paramref name="min"/> becomes min, one above
    /// <paramref name="max"/> becomes max, any other (NaN included) stays. Unlike <c>Vector64.Clamp</c> (a Min of a Max),
    /// <c>Clamp(-0.0, 0.0, 1.0)</c> stays -0.0. The caller guarantees min &lt;= max (or a NaN bound), as the scalar
    /// method would otherwise throw.
    /// </summary>
    public static Vector64<T> Clamp<T>(Vector64<T> value, Vector64<T> min, Vector64<T> max)
        => Vector64.ConditionalSelect(Vector64.LessThan(value, min), min, Vector64.ConditionalSelect(Vector64.GreaterThan(value, max), max, value));

    /// <summary>
    /// <c>Math.Abs</c> on signed integer lanes, exactly: a lane of <paramref name="active"/> that holds the type's
    /// <paramref name="minValue"/> (which has no positive counterpart) raises the <see cref="OverflowException"/> the
    /// scalar method raises. Inactive lanes never throw.
    /// </summary>
    public static Vector64<T> AbsChecked<T>(Vector64<T> value, T minValue, Vector64<T> active)
    {
        if ((Vector64.Equals(value, Vector64.Create(minValue)) & active) != Vector64<T>.Zero)
            ThrowAbsOverflow();
        return Vector64.Abs(value);
    }

    /// <summary>
    /// <c>Math.Sign</c> on 32-bit lanes: -1, 0 or 1 per lane (0 for ±0). A NaN in a lane of <paramref name="active"/>
    /// raises the <see cref="ArithmeticException"/> the scalar method raises; inactive lanes never throw.
    /// </summary>
    public static Vector64<int> Sign<T>(Vector64<T> value, Vector64<T> active)
    {
        if ((Vector64.IsNaN(value) & active) != Vector64<T>.Zero)
            ThrowSignOfNaN();
        return Vector64.LessThan(value, Vector64<T>.Zero).As<T, int>() - Vector64.GreaterThan(value, Vector64<T>.Zero).As<T, int>();
    }

    /// <summary>
    /// <c>Math.Clamp</c> per lane, exactly: a lane below <paramref name="min"/> becomes min, one above
    /// <paramref name="max"/> becomes max, any other (NaN included) stays. Unlike <c>Vector128.Clamp</c> (a Min of a Max),
    /// <c>Clamp(-0.0, 0.0, 1.0)</c> stays -0.0. The caller guarantees min &lt;= max (or a NaN bound), as the scalar
    /// method would otherwise throw.
    /// </summary>
    public static Vector128<T> Clamp<T>(Vector128<T> value, Vector128<T> min, Vector128<T> max)
        => Vector128.ConditionalSelect(Vector128.LessThan(value, min), min, Vector128.ConditionalSelect(Vector128.GreaterThan(value, max), max, value));

    /// <summary>
    /// <c>Math.Abs</c> on signed integer lanes, exactly: a lane of <paramref name="active"/> that holds the type's
    /// <paramref name="minValue"/> (which has no positive counterpart) raises the <see cref="OverflowException"/> the
    /// scalar method raises. Inactive lanes never throw.
    /// </summary>
    public static Vector128<T> AbsChecked<T>(Vector128<T> value, T minValue, Vector128<T> active)
    {
        if ((Vector128.Equals(value, Vector128.Create(minValue)) & active) != Vector128<T>.Zero)
            ThrowAbsOverflow();
        return Vector128.Abs(value);
    }

    /// <summary>
    /// <c>Math.Sign</c> on 32-bit lanes: -1, 0 or 1 per lane (0 for ±0). A NaN in a lane of <paramref name="active"/>
    /// raises the <see cref="ArithmeticException"/> the scalar method raises; inactive lanes never throw.
    /// </summary>
    public static Vector128<int> Sign<T>(Vector128<T> value, Vector128<T> active)
    {
        if ((Vector128.IsNaN(value) & active) != Vector128<T>.Zero)
            ThrowSignOfNaN();
        return Vector128.LessThan(value, Vector128<T>.Zero).As<T, int>() - Vector128.GreaterThan(value, Vector128<T>.Zero).As<T, int>();
    }

    /// <summary><c>Math.Sign</c> on 64-bit lanes, its int results in a vector half as wide (same number of lanes).</summary>
    /// <inheritdoc cref="Sign{T}(Vector128{T}, Vector128{T})"/>
    public static Vector64<int> SignNarrowed<T>(Vector128<T> value, Vector128<T> active)
    {
        if ((Vector128.IsNaN(value) & active) != Vector128<T>.Zero)
            ThrowSignOfNaN();
        return Lanes.NarrowMask(Vector128.LessThan(value, Vector128<T>.Zero).As<T, long>()) - Lanes.NarrowMask(Vector128.GreaterThan(value, Vector128<T>.Zero).As<T, long>());
    }

    /// <summary>
    /// <c>Math.Clamp</c> per lane, exactly: a lane below <paramref name="min"/> becomes min, one above
    /// <paramref name="max"/> becomes max, any other (NaN included) stays. Unlike <c>Vector256.Clamp</c> (a Min of a Max),
    /// <c>Clamp(-0.0, 0.0, 1.0)</c> stays -0.0. The caller guarantees min &lt;= max (or a NaN bound), as the scalar
    /// method would otherwise throw.
    /// </summary>
    public static Vector256<T> Clamp<T>(Vector256<T> value, Vector256<T> min, Vector256<T> max)
        => Vector256.ConditionalSelect(Vector256.LessThan(value, min), min, Vector256.ConditionalSelect(Vector256.GreaterThan(value, max), max, value));

    /// <summary>
    /// <c>Math.Abs</c> on signed integer lanes, exactly: a lane of <paramref name="active"/> that holds the type's
    /// <paramref name="minValue"/> (which has no positive counterpart) raises the <see cref="OverflowException"/> the
    /// scalar method raises. Inactive lanes never throw.
    /// </summary>
    public static Vector256<T> AbsChecked<T>(Vector256<T> value, T minValue, Vector256<T> active)
    {
        if ((Vector256.Equals(value, Vector256.Create(minValue)) & active) != Vector256<T>.Zero)
            ThrowAbsOverflow();
        return Vector256.Abs(value);
    }

    /// <summary>
    /// <c>Math.Sign</c> on 32-bit lanes: -1, 0 or 1 per lane (0 for ±0). A NaN in a lane of <paramref name="active"/>
    /// raises the <see cref="ArithmeticException"/> the scalar method raises; inactive lanes never throw.
    /// </summary>
    public static Vector256<int> Sign<T>(Vector256<T> value, Vector256<T> active)
    {
        if ((Vector256.IsNaN(value) & active) != Vector256<T>.Zero)
            ThrowSignOfNaN();
        return Vector256.LessThan(value, Vector256<T>.Zero).As<T, int>() - Vector256.GreaterThan(value, Vector256<T>.Zero).As<T, int>();
    }

    /// <summary><c>Math.Sign</c> on 64-bit lanes, its int results in a vector half as wide (same number of lanes).</summary>
    /// <inheritdoc cref="Sign{T}(Vector256{T}, Vector256{T})"/>
    public static Vector128<int> SignNarrowed<T>(Vector256<T> value, Vector256<T> active)
    {
        if ((Vector256.IsNaN(value) & active) != Vector256<T>.Zero)
            ThrowSignOfNaN();
        return Lanes.NarrowMask(Vector256.LessThan(value, Vector256<T>.Zero).As<T, long>()) - Lanes.NarrowMask(Vector256.GreaterThan(value, Vector256<T>.Zero).As<T, long>());
    }

    /// <summary>
    /// <c>Math.Clamp</c> per lane, exactly: a lane below <paramref name="min"/> becomes min, one above
    /// <paramref name="max"/> becomes max, any other (NaN included) stays. Unlike <c>Vector512.Clamp</c> (a Min of a Max),
    /// <c>Clamp(-0.0, 0.0, 1.0)</c> stays -0.0. The caller guarantees min &lt;= max (or a NaN bound), as the scalar
    /// method would otherwise throw.
    /// </summary>
    public static Vector512<T> Clamp<T>(Vector512<T> value, Vector512<T> min, Vector512<T> max)
        => Vector512.ConditionalSelect(Vector512.LessThan(value, min), min, Vector512.ConditionalSelect(Vector512.GreaterThan(value, max), max, value));

    /// <summary>
    /// <c>Math.Abs</c> on signed integer lanes, exactly: a lane of <paramref name="active"/> that holds the type's
    /// <paramref name="minValue"/> (which has no positive counterpart) raises the <see cref="OverflowException"/> the
    /// scalar method raises. Inactive lanes never throw.
    /// </summary>
    public static Vector512<T> AbsChecked<T>(Vector512<T> value, T minValue, Vector512<T> active)
    {
        if ((Vector512.Equals(value, Vector512.Create(minValue)) & active) != Vector512<T>.Zero)
            ThrowAbsOverflow();
        return Vector512.Abs(value);
    }

    /// <summary>
    /// <c>Math.Sign</c> on 32-bit lanes: -1, 0 or 1 per lane (0 for ±0). A NaN in a lane of <paramref name="active"/>
    /// raises the <see cref="ArithmeticException"/> the scalar method raises; inactive lanes never throw.
    /// </summary>
    public static Vector512<int> Sign<T>(Vector512<T> value, Vector512<T> active)
    {
        if ((Vector512.IsNaN(value) & active) != Vector512<T>.Zero)
            ThrowSignOfNaN();
        return Vector512.LessThan(value, Vector512<T>.Zero).As<T, int>() - Vector512.GreaterThan(value, Vector512<T>.Zero).As<T, int>();
    }

    /// <summary><c>Math.Sign</c> on 64-bit lanes, its int results in a vector half as wide (same number of lanes).</summary>
    /// <inheritdoc cref="Sign{T}(Vector512{T}, Vector512{T})"/>
    public static Vector256<int> SignNarrowed<T>(Vector512<T> value, Vector512<T> active)
    {
        if ((Vector512.IsNaN(value) & active) != Vector512<T>.Zero)
            ThrowSignOfNaN();
        return Lanes.NarrowMask(Vector512.LessThan(value, Vector512<T>.Zero).As<T, long>()) - Lanes.NarrowMask(Vector512.GreaterThan(value, Vector512<T>.Zero).As<T, long>());
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowAbsOverflow() => Math.Abs(int.MinValue);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSignOfNaN() => Math.Sign(double.NaN);
}

using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DataParallel.CompilerServices;

/// <summary>
/// Integer <c>/</c> and <c>%</c> by a constant power of two, with C#'s truncating semantics, as shifts: vector
/// integer division has no instruction (it runs lane by lane, or through double for 32-bit lanes), a shift is one.
/// </summary>
/// <remarks>
/// Truncation rounds negative quotients toward zero where an arithmetic shift rounds them down, so a negative
/// dividend is first biased by <c>2^shift - 1</c>: the sign (all ones or zero) shifted logically right by
/// <c>bits - shift</c>. For unsigned lanes <c>&gt;&gt;</c> is logical, the bias is zero and this is a plain shift.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PowerOfTwoDivision
{
    /// <summary><c>left / 2^shift</c> in every lane, for 1 ≤ <paramref name="shift"/> &lt; the lane's bit width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Divide<T>(Vector128<T> left, int shift)
    {
        int bits = Unsafe.SizeOf<T>() * 8;
        return (left + ((left >> (bits - 1)) >>> (bits - shift))) >> shift;
    }

    /// <inheritdoc cref="Divide{T}(Vector128{T}, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Divide<T>(Vector256<T> left, int shift)
    {
        int bits = Unsafe.SizeOf<T>() * 8;
        return (left + ((left >> (bits - 1)) >>> (bits - shift))) >> shift;
    }

    /// <inheritdoc cref="Divide{T}(Vector128{T}, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Divide<T>(Vector512<T> left, int shift)
    {
        int bits = Unsafe.SizeOf<T>() * 8;
        return (left + ((left >> (bits - 1)) >>> (bits - shift))) >> shift;
    }

    /// <inheritdoc cref="Divide{T}(Vector128{T}, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector64<T> Divide<T>(Vector64<T> left, int shift)
    {
        int bits = Unsafe.SizeOf<T>() * 8;
        return (left + ((left >> (bits - 1)) >>> (bits - shift))) >> shift;
    }

    /// <summary><c>left % 2^shift</c> in every lane (the sign of the dividend, as in C#).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Remainder<T>(Vector128<T> left, int shift) => left - (Divide(left, shift) << shift);

    /// <inheritdoc cref="Remainder{T}(Vector128{T}, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Remainder<T>(Vector256<T> left, int shift) => left - (Divide(left, shift) << shift);

    /// <inheritdoc cref="Remainder{T}(Vector128{T}, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Remainder<T>(Vector512<T> left, int shift) => left - (Divide(left, shift) << shift);

    /// <inheritdoc cref="Remainder{T}(Vector128{T}, int)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector64<T> Remainder<T>(Vector64<T> left, int shift) => left - (Divide(left, shift) << shift);
}

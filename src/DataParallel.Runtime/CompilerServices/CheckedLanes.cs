using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DataParallel.CompilerServices;

/// <summary>
/// <c>checked</c> integer arithmetic and narrowing conversions on vectors: the wrapped result, and the
/// <see cref="OverflowException"/> the scalar kernel raises when a lane it evaluates (a lane of <c>active</c>)
/// overflows. Small integers ride in int lanes, where C# computes on them anyway.
/// </summary>
/// <remarks>
/// A throw from vector code, like one from the scalar kernel run on several cores, leaves the elements other
/// indices already wrote; only the exception is guaranteed.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CheckedLanes
{
    /// <summary><c>checked(left + right)</c> per lane: an active lane that overflows raises the scalar <see cref="OverflowException"/>.</summary>
    public static Vector64<T> Add<T>(Vector64<T> left, Vector64<T> right, Vector64<T> active) where T : IBinaryInteger<T>
    {
        Vector64<T> sum = left + right;
        // Signed: both operands' signs differ from the sum's; unsigned: the sum wrapped below an operand.
        Vector64<T> overflow = IsSigned<T>() ? Vector64.IsNegative((left ^ sum) & (right ^ sum)) : Vector64.LessThan(sum, left);
        if ((overflow & active) != Vector64<T>.Zero)
            ThrowOverflow();
        return sum;
    }

    /// <summary><c>checked(left - right)</c> per lane: an active lane that overflows raises the scalar <see cref="OverflowException"/>.</summary>
    public static Vector64<T> Subtract<T>(Vector64<T> left, Vector64<T> right, Vector64<T> active) where T : IBinaryInteger<T>
    {
        Vector64<T> difference = left - right;
        Vector64<T> overflow = IsSigned<T>() ? Vector64.IsNegative((left ^ right) & (left ^ difference)) : Vector64.LessThan(left, right);
        if ((overflow & active) != Vector64<T>.Zero)
            ThrowOverflow();
        return difference;
    }

    /// <summary>
    /// <c>checked(left * right)</c> per lane, lane by lane through the scalar checked operator (no vector instruction
    /// reports a multiplication's overflow); inactive lanes multiply unchecked and never throw.
    /// </summary>
    public static Vector64<T> Multiply<T>(Vector64<T> left, Vector64<T> right, Vector64<T> active) where T : IBinaryInteger<T>
    {
        Unsafe.SkipInit(out Vector64<T> product);
        for (int lane = 0; lane < Vector64<T>.Count; lane++)
        {
            T a = left.GetElement(lane), b = right.GetElement(lane);
            product = product.WithElement(lane, active.GetElement(lane) != T.Zero ? checked(a * b) : unchecked(a * b));
        }
        return product;
    }

    /// <summary><c>checked(-value)</c> per lane: an active lane holding <paramref name="minValue"/> raises the scalar <see cref="OverflowException"/>.</summary>
    public static Vector64<T> Negate<T>(Vector64<T> value, T minValue, Vector64<T> active) where T : IBinaryInteger<T>
    {
        if ((Vector64.Equals(value, Vector64.Create(minValue)) & active) != Vector64<T>.Zero)
            ThrowOverflow();
        return -value;
    }

    /// <summary><c>checked(left + right)</c> per lane: an active lane that overflows raises the scalar <see cref="OverflowException"/>.</summary>
    public static Vector128<T> Add<T>(Vector128<T> left, Vector128<T> right, Vector128<T> active) where T : IBinaryInteger<T>
    {
        Vector128<T> sum = left + right;
        // Signed: both operands' signs differ from the sum's; unsigned: the sum wrapped below an operand.
        Vector128<T> overflow = IsSigned<T>() ? Vector128.IsNegative((left ^ sum) & (right ^ sum)) : Vector128.LessThan(sum, left);
        if ((overflow & active) != Vector128<T>.Zero)
            ThrowOverflow();
        return sum;
    }

    /// <summary><c>checked(left - right)</c> per lane: an active lane that overflows raises the scalar <see cref="OverflowException"/>.</summary>
    public static Vector128<T> Subtract<T>(Vector128<T> left, Vector128<T> right, Vector128<T> active) where T : IBinaryInteger<T>
    {
        Vector128<T> difference = left - right;
        Vector128<T> overflow = IsSigned<T>() ? Vector128.IsNegative((left ^ right) & (left ^ difference)) : Vector128.LessThan(left, right);
        if ((overflow & active) != Vector128<T>.Zero)
            ThrowOverflow();
        return difference;
    }

    /// <summary>
    /// <c>checked(left * right)</c> per lane, lane by lane through the scalar checked operator (no vector instruction
    /// reports a multiplication's overflow); inactive lanes multiply unchecked and never throw.
    /// </summary>
    public static Vector128<T> Multiply<T>(Vector128<T> left, Vector128<T> right, Vector128<T> active) where T : IBinaryInteger<T>
    {
        Unsafe.SkipInit(out Vector128<T> product);
        for (int lane = 0; lane < Vector128<T>.Count; lane++)
        {
            T a = left.GetElement(lane), b = right.GetElement(lane);
            product = product.WithElement(lane, active.GetElement(lane) != T.Zero ? checked(a * b) : unchecked(a * b));
        }
        return product;
    }

    /// <summary><c>checked(-value)</c> per lane: an active lane holding <paramref name="minValue"/> raises the scalar <see cref="OverflowException"/>.</summary>
    public static Vector128<T> Negate<T>(Vector128<T> value, T minValue, Vector128<T> active) where T : IBinaryInteger<T>
    {
        if ((Vector128.Equals(value, Vector128.Create(minValue)) & active) != Vector128<T>.Zero)
            ThrowOverflow();
        return -value;
    }

    /// <summary><c>checked(left + right)</c> per lane: an active lane that overflows raises the scalar <see cref="OverflowException"/>.</summary>
    public static Vector256<T> Add<T>(Vector256<T> left, Vector256<T> right, Vector256<T> active) where T : IBinaryInteger<T>
    {
        Vector256<T> sum = left + right;
        // Signed: both operands' signs differ from the sum's; unsigned: the sum wrapped below an operand.
        Vector256<T> overflow = IsSigned<T>() ? Vector256.IsNegative((left ^ sum) & (right ^ sum)) : Vector256.LessThan(sum, left);
        if ((overflow & active) != Vector256<T>.Zero)
            ThrowOverflow();
        return sum;
    }

    /// <summary><c>checked(left - right)</c> per lane: an active lane that overflows raises the scalar <see cref="OverflowException"/>.</summary>
    public static Vector256<T> Subtract<T>(Vector256<T> left, Vector256<T> right, Vector256<T> active) where T : IBinaryInteger<T>
    {
        Vector256<T> difference = left - right;
        Vector256<T> overflow = IsSigned<T>() ? Vector256.IsNegative((left ^ right) & (left ^ difference)) : Vector256.LessThan(left, right);
        if ((overflow & active) != Vector256<T>.Zero)
            ThrowOverflow();
        return difference;
    }

    /// <summary>
    /// <c>checked(left * right)</c> per lane, lane by lane through the scalar checked operator (no vector instruction
    /// reports a multiplication's overflow); inactive lanes multiply unchecked and never throw.
    /// </summary>
    public static Vector256<T> Multiply<T>(Vector256<T> left, Vector256<T> right, Vector256<T> active) where T : IBinaryInteger<T>
    {
        Unsafe.SkipInit(out Vector256<T> product);
        for (int lane = 0; lane < Vector256<T>.Count; lane++)
        {
            T a = left.GetElement(lane), b = right.GetElement(lane);
            product = product.WithElement(lane, active.GetElement(lane) != T.Zero ? checked(a * b) : unchecked(a * b));
        }
        return product;
    }

    /// <summary><c>checked(-value)</c> per lane: an active lane holding <paramref name="minValue"/> raises the scalar <see cref="OverflowException"/>.</summary>
    public static Vector256<T> Negate<T>(Vector256<T> value, T minValue, Vector256<T> active) where T : IBinaryInteger<T>
    {
        if ((Vector256.Equals(value, Vector256.Create(minValue)) & active) != Vector256<T>.Zero)
            ThrowOverflow();
        return -value;
    }

    /// <summary><c>checked(left + right)</c> per lane: an active lane that overflows raises the scalar <see cref="OverflowException"/>.</summary>
    public static Vector512<T> Add<T>(Vector512<T> left, Vector512<T> right, Vector512<T> active) where T : IBinaryInteger<T>
    {
        Vector512<T> sum = left + right;
        // Signed: both operands' signs differ from the sum's; unsigned: the sum wrapped below an operand.
        Vector512<T> overflow = IsSigned<T>() ? Vector512.IsNegative((left ^ sum) & (right ^ sum)) : Vector512.LessThan(sum, left);
        if ((overflow & active) != Vector512<T>.Zero)
            ThrowOverflow();
        return sum;
    }

    /// <summary><c>checked(left - right)</c> per lane: an active lane that overflows raises the scalar <see cref="OverflowException"/>.</summary>
    public static Vector512<T> Subtract<T>(Vector512<T> left, Vector512<T> right, Vector512<T> active) where T : IBinaryInteger<T>
    {
        Vector512<T> difference = left - right;
        Vector512<T> overflow = IsSigned<T>() ? Vector512.IsNegative((left ^ right) & (left ^ difference)) : Vector512.LessThan(left, right);
        if ((overflow & active) != Vector512<T>.Zero)
            ThrowOverflow();
        return difference;
    }

    /// <summary>
    /// <c>checked(left * right)</c> per lane, lane by lane through the scalar checked operator (no vector instruction
    /// reports a multiplication's overflow); inactive lanes multiply unchecked and never throw.
    /// </summary>
    public static Vector512<T> Multiply<T>(Vector512<T> left, Vector512<T> right, Vector512<T> active) where T : IBinaryInteger<T>
    {
        Unsafe.SkipInit(out Vector512<T> product);
        for (int lane = 0; lane < Vector512<T>.Count; lane++)
        {
            T a = left.GetElement(lane), b = right.GetElement(lane);
            product = product.WithElement(lane, active.GetElement(lane) != T.Zero ? checked(a * b) : unchecked(a * b));
        }
        return product;
    }

    /// <summary><c>checked(-value)</c> per lane: an active lane holding <paramref name="minValue"/> raises the scalar <see cref="OverflowException"/>.</summary>
    public static Vector512<T> Negate<T>(Vector512<T> value, T minValue, Vector512<T> active) where T : IBinaryInteger<T>
    {
        if ((Vector512.Equals(value, Vector512.Create(minValue)) & active) != Vector512<T>.Zero)
            ThrowOverflow();
        return -value;
    }

    /// <summary>
    /// The test of <c>checked((TTarget)value)</c> per lane: an active lane whose value <typeparamref name="TTarget"/>
    /// cannot hold (NaN, infinite, or out of range once truncated toward zero) raises the scalar
    /// <see cref="OverflowException"/>. Returns <paramref name="value"/>; the unchecked conversion that follows gives
    /// every lane that passed the same result as the checked cast.
    /// </summary>
    public static Vector64<TFrom> ConvertibleTo<TFrom, TTarget>(Vector64<TFrom> value, Vector64<TFrom> active)
        where TFrom : unmanaged, INumber<TFrom> where TTarget : INumberBase<TTarget>, IMinMaxValue<TTarget>
    {
        Vector64<TFrom> lower = Vector64.Create(ConversionBounds<TFrom, TTarget>.Lower), upper = Vector64.Create(ConversionBounds<TFrom, TTarget>.Upper);
        Vector64<TFrom> inside = ConversionBounds<TFrom, TTarget>.FromFloatingPoint
            ? Vector64.GreaterThan(value, lower) & Vector64.LessThan(value, upper)
            : Vector64.GreaterThanOrEqual(value, lower) & Vector64.LessThanOrEqual(value, upper);
        if ((active & ~inside) != Vector64<TFrom>.Zero)
            ConvertLanesChecked<TFrom, TTarget>(ref Unsafe.As<Vector64<TFrom>, TFrom>(ref value), ref Unsafe.As<Vector64<TFrom>, TFrom>(ref active), Vector64<TFrom>.Count);
        return value;
    }

    /// <inheritdoc cref="ConvertibleTo{TFrom, TTarget}(Vector64{TFrom}, Vector64{TFrom})"/>
    public static Vector128<TFrom> ConvertibleTo<TFrom, TTarget>(Vector128<TFrom> value, Vector128<TFrom> active)
        where TFrom : unmanaged, INumber<TFrom> where TTarget : INumberBase<TTarget>, IMinMaxValue<TTarget>
    {
        Vector128<TFrom> lower = Vector128.Create(ConversionBounds<TFrom, TTarget>.Lower), upper = Vector128.Create(ConversionBounds<TFrom, TTarget>.Upper);
        Vector128<TFrom> inside = ConversionBounds<TFrom, TTarget>.FromFloatingPoint
            ? Vector128.GreaterThan(value, lower) & Vector128.LessThan(value, upper)
            : Vector128.GreaterThanOrEqual(value, lower) & Vector128.LessThanOrEqual(value, upper);
        if ((active & ~inside) != Vector128<TFrom>.Zero)
            ConvertLanesChecked<TFrom, TTarget>(ref Unsafe.As<Vector128<TFrom>, TFrom>(ref value), ref Unsafe.As<Vector128<TFrom>, TFrom>(ref active), Vector128<TFrom>.Count);
        return value;
    }

    /// <inheritdoc cref="ConvertibleTo{TFrom, TTarget}(Vector64{TFrom}, Vector64{TFrom})"/>
    public static Vector256<TFrom> ConvertibleTo<TFrom, TTarget>(Vector256<TFrom> value, Vector256<TFrom> active)
        where TFrom : unmanaged, INumber<TFrom> where TTarget : INumberBase<TTarget>, IMinMaxValue<TTarget>
    {
        Vector256<TFrom> lower = Vector256.Create(ConversionBounds<TFrom, TTarget>.Lower), upper = Vector256.Create(ConversionBounds<TFrom, TTarget>.Upper);
        Vector256<TFrom> inside = ConversionBounds<TFrom, TTarget>.FromFloatingPoint
            ? Vector256.GreaterThan(value, lower) & Vector256.LessThan(value, upper)
            : Vector256.GreaterThanOrEqual(value, lower) & Vector256.LessThanOrEqual(value, upper);
        if ((active & ~inside) != Vector256<TFrom>.Zero)
            ConvertLanesChecked<TFrom, TTarget>(ref Unsafe.As<Vector256<TFrom>, TFrom>(ref value), ref Unsafe.As<Vector256<TFrom>, TFrom>(ref active), Vector256<TFrom>.Count);
        return value;
    }

    /// <inheritdoc cref="ConvertibleTo{TFrom, TTarget}(Vector64{TFrom}, Vector64{TFrom})"/>
    public static Vector512<TFrom> ConvertibleTo<TFrom, TTarget>(Vector512<TFrom> value, Vector512<TFrom> active)
        where TFrom : unmanaged, INumber<TFrom> where TTarget : INumberBase<TTarget>, IMinMaxValue<TTarget>
    {
        Vector512<TFrom> lower = Vector512.Create(ConversionBounds<TFrom, TTarget>.Lower), upper = Vector512.Create(ConversionBounds<TFrom, TTarget>.Upper);
        Vector512<TFrom> inside = ConversionBounds<TFrom, TTarget>.FromFloatingPoint
            ? Vector512.GreaterThan(value, lower) & Vector512.LessThan(value, upper)
            : Vector512.GreaterThanOrEqual(value, lower) & Vector512.LessThanOrEqual(value, upper);
        if ((active & ~inside) != Vector512<TFrom>.Zero)
            ConvertLanesChecked<TFrom, TTarget>(ref Unsafe.As<Vector512<TFrom>, TFrom>(ref value), ref Unsafe.As<Vector512<TFrom>, TFrom>(ref active), Vector512<TFrom>.Count);
        return value;
    }

    /// <summary>The lanes the vector test could not clear, through the scalar checked conversion.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ConvertLanesChecked<TFrom, TTarget>(ref TFrom value, ref TFrom active, int count)
        where TFrom : INumber<TFrom> where TTarget : INumberBase<TTarget>
    {
        for (int lane = 0; lane < count; lane++)
        {
            // Mask lanes are all ones (NaN in floating-point lanes) or all zeros (+0).
            if (!TFrom.IsZero(Unsafe.Add(ref active, lane)))
                _ = TTarget.CreateChecked(Unsafe.Add(ref value, lane));
        }
    }

    /// <summary>
    /// Bounds inside which a lane converts without overflow for certain: <typeparamref name="TTarget"/>'s range as
    /// <typeparamref name="TFrom"/>. Exact for integer sources (compared inclusively); for floating-point sources the
    /// minimum is exact (0 or a power of two) and the maximum may round up to one past it, so both are compared
    /// strictly, and a lane just inside the range (say 2147483647.5 to int) goes to the scalar test.
    /// </summary>
    private static class ConversionBounds<TFrom, TTarget>
        where TFrom : INumber<TFrom> where TTarget : INumberBase<TTarget>, IMinMaxValue<TTarget>
    {
        public static readonly TFrom Lower = TFrom.CreateSaturating(TTarget.MinValue);
        public static readonly TFrom Upper = TFrom.CreateSaturating(TTarget.MaxValue);
        public static readonly bool FromFloatingPoint = typeof(TFrom) == typeof(float) || typeof(TFrom) == typeof(double);
    }

    private static bool IsSigned<T>() => typeof(T) == typeof(int) || typeof(T) == typeof(long) || typeof(T) == typeof(short) || typeof(T) == typeof(sbyte);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOverflow()
    {
        int max = int.MaxValue;
        _ = checked(max + 1);
    }
}

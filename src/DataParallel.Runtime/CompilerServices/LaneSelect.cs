using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DataParallel.CompilerServices;

/// <summary>
/// Per-lane selection for the generated code's masked assignments: <c>mask ? whenTrue : whenFalse</c> lane by
/// lane, where every mask lane is all ones or all zeros.
/// </summary>
/// <remarks>
/// <c>VectorN.ConditionalSelect</c> is a bitwise select; unless the JIT sees that the mask came straight from a
/// comparison it emits three instructions (and, and-not, or) on the assignment's dependency chain. A mask carried
/// in a local (a loop's active lanes) never looks like a comparison to it, so these helpers say so with one
/// variable blend, which reads only each lane's top bit: the same result for all-or-nothing lanes.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LaneSelect
{
    /// <summary>Lanes of <paramref name="whenTrue"/> where <paramref name="mask"/> is set, of <paramref name="whenFalse"/> elsewhere.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Blend<T>(Vector128<T> mask, Vector128<T> whenTrue, Vector128<T> whenFalse)
    {
        if (Sse41.IsSupported)
        {
            if (Unsafe.SizeOf<T>() == 4)
                return Sse41.BlendVariable(whenFalse.AsSingle(), whenTrue.AsSingle(), mask.AsSingle()).As<float, T>();
            if (Unsafe.SizeOf<T>() == 8)
                return Sse41.BlendVariable(whenFalse.AsDouble(), whenTrue.AsDouble(), mask.AsDouble()).As<double, T>();
        }
        return Vector128.ConditionalSelect(mask, whenTrue, whenFalse);
    }

    /// <inheritdoc cref="Blend{T}(Vector128{T}, Vector128{T}, Vector128{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Blend<T>(Vector256<T> mask, Vector256<T> whenTrue, Vector256<T> whenFalse)
    {
        if (Avx.IsSupported)
        {
            if (Unsafe.SizeOf<T>() == 4)
                return Avx.BlendVariable(whenFalse.AsSingle(), whenTrue.AsSingle(), mask.AsSingle()).As<float, T>();
            if (Unsafe.SizeOf<T>() == 8)
                return Avx.BlendVariable(whenFalse.AsDouble(), whenTrue.AsDouble(), mask.AsDouble()).As<double, T>();
        }
        return Vector256.ConditionalSelect(mask, whenTrue, whenFalse);
    }

    /// <inheritdoc cref="Blend{T}(Vector128{T}, Vector128{T}, Vector128{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Blend<T>(Vector512<T> mask, Vector512<T> whenTrue, Vector512<T> whenFalse)
        => Vector512.ConditionalSelect(mask, whenTrue, whenFalse);

    /// <inheritdoc cref="Blend{T}(Vector128{T}, Vector128{T}, Vector128{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector64<T> Blend<T>(Vector64<T> mask, Vector64<T> whenTrue, Vector64<T> whenFalse)
        => Vector64.ConditionalSelect(mask, whenTrue, whenFalse);
}

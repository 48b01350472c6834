using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace DataParallel.CompilerServices;

/// <summary>
/// A closed range of 64-bit integers (or the empty range), for proving at entry that every index an access can
/// compute lies inside its span. Generated code evaluates an access's index expression over intervals — the domain
/// box for the indices, loop bounds for loop variables, points for uniforms — which over-approximates the indices
/// the kernel really touches.
/// </summary>
/// <remarks>
/// The kernel computes its indices in 32-bit wrapping arithmetic; these intervals hold the mathematical values. The
/// two agree only while no step of the computation leaves the int range, so every operation whose result reaches
/// outside <c>[int.MinValue, int.MaxValue]</c> throws <see cref="OverflowException"/>: some index's computation may
/// wrap, and a wrapped index can land anywhere — inside the span where the interval says outside (an entry proof
/// that throws where the kernel would not fault), or outside where it says inside. Generated code catches it (with
/// division by zero in a bound, as <see cref="ArithmeticException"/>) and decides nothing: the call runs the kernel
/// as written, whose checks see the wrapped indices the kernel really computes.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct LongInterval(long Lo, long Hi)
{
    /// <summary>The interval of a loop that never runs: any access in it is vacuously in bounds.</summary>
    public static readonly LongInterval Empty = new(1, 0);

    /// <summary>Whether no value lies in the interval.</summary>
    public bool IsEmpty => Lo > Hi;

    /// <summary>A single value.</summary>
    public static LongInterval Point(long value) => new(value, value);

    /// <summary>The values of a domain dimension <c>[start, start + count)</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LongInterval Domain(int start, int count) => count <= 0 ? new(1, 0) : new(start, (long)start + count - 1);

    /// <summary>The values a loop variable takes: from the lowest start to the highest (inclusive) end.</summary>
    public static LongInterval Loop(LongInterval first, LongInterval last)
        => first.IsEmpty || last.IsEmpty || first.Lo > last.Hi ? Empty : new(first.Lo, last.Hi);

    /// <summary>
    /// The interval itself when a loop whose variable sweeps <paramref name="loop"/> runs at least once, else empty:
    /// an access inside the loop that ignores its variable is reached only when the loop runs.
    /// </summary>
    public LongInterval WhenRuns(LongInterval loop) => loop.IsEmpty ? Empty : this;

    /// <summary>The part of the interval at or above <paramref name="bound"/> (a guard such as <c>if (i &gt;= 1)</c>).</summary>
    public LongInterval AtLeast(long bound) => IsEmpty || bound > Hi ? Empty : new(Math.Max(Lo, bound), Hi);

    /// <summary>The part of the interval at or below <paramref name="bound"/>.</summary>
    public LongInterval AtMost(long bound) => IsEmpty || bound < Lo ? Empty : new(Lo, Math.Min(Hi, bound));

    /// <summary>
    /// The part where <c>value + offset ≥ bound</c>, for a guard such as <c>if (i - 1 &gt;= m)</c>. The kernel adds the
    /// offset in int: where that may wrap for some value the guard proves nothing, and the interval stays whole.
    /// </summary>
    public LongInterval AtLeast(long bound, long offset) => WrapsWith(offset) ? this : AtLeast(bound - offset);

    /// <summary>The part where <c>value + offset ≤ bound</c>, for a guard such as <c>if (i + 5 &lt; n)</c> (see the other overload).</summary>
    public LongInterval AtMost(long bound, long offset) => WrapsWith(offset) ? this : AtMost(bound - offset);

    private bool WrapsWith(long offset) => !IsEmpty && (Lo + offset < int.MinValue || Hi + offset > int.MaxValue);

    /// <summary>Interval sum.</summary>
    public static LongInterval operator +(LongInterval a, LongInterval b) => a.IsEmpty || b.IsEmpty ? Empty : Of((Int128)a.Lo + b.Lo, (Int128)a.Hi + b.Hi);

    /// <summary>Interval difference.</summary>
    public static LongInterval operator -(LongInterval a, LongInterval b) => a.IsEmpty || b.IsEmpty ? Empty : Of((Int128)a.Lo - b.Hi, (Int128)a.Hi - b.Lo);

    /// <summary>Interval negation.</summary>
    public static LongInterval operator -(LongInterval a) => a.IsEmpty ? Empty : Of(-(Int128)a.Hi, -(Int128)a.Lo);

    /// <summary>Interval product: the extremes of the four corner products.</summary>
    public static LongInterval operator *(LongInterval a, LongInterval b)
    {
        if (a.IsEmpty || b.IsEmpty)
            return Empty;
        Int128 p1 = (Int128)a.Lo * b.Lo, p2 = (Int128)a.Lo * b.Hi, p3 = (Int128)a.Hi * b.Lo, p4 = (Int128)a.Hi * b.Hi;
        return Of(Int128.Min(Int128.Min(p1, p2), Int128.Min(p3, p4)), Int128.Max(Int128.Max(p1, p2), Int128.Max(p3, p4)));
    }

    /// <summary>
    /// Whether every value of <paramref name="lower"/> is ≥ 0 and every value of <paramref name="upper"/> is below
    /// <paramref name="limit"/> (each vacuously true when empty): a slice's checks, with the part of the limit that
    /// varies per index already moved into <paramref name="upper"/>.
    /// </summary>
    public static bool Within(LongInterval lower, LongInterval upper, int limit)
        => (lower.IsEmpty || lower.Lo >= 0) && (upper.IsEmpty || upper.Hi < limit);

    /// <summary>Whether every value lies in <c>[0, length)</c> (vacuously true when empty).</summary>
    public bool IsWithin(int length) => IsEmpty || (Lo >= 0 && Hi < length);

    /// <summary>The result of an int operation of the kernel, which must not wrap for any value (see the remarks).</summary>
    private static LongInterval Of(Int128 lo, Int128 hi)
        => lo >= int.MinValue && hi <= int.MaxValue ? new((long)lo, (long)hi) : throw MayWrap(lo, hi);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static OverflowException MayWrap(Int128 lo, Int128 hi)
        => new($"An index computation reaches {lo}..{hi}, outside the int range: some index may wrap, so nothing is proven at entry.");
}

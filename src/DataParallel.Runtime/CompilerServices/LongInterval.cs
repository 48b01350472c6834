using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace DataParallel.CompilerServices;

/// <summary>
/// A closed range of 64-bit integers (or the empty range), for proving at entry that every index an access can
/// compute lies inside its span. Generated code evaluates an access's index expression over intervals — the domain
/// box for the indices, loop bounds for loop variables, points for uniforms — which over-approximates the indices
/// the kernel really touches. An int index that lands inside <c>[0, Length)</c> here is the same in 32-bit
/// wrapping arithmetic, since + − × commute with reduction modulo 2³².
/// </summary>
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

    /// <summary>The part of the interval at or above <paramref name="bound"/> (a guard such as <c>if (i &gt;= 1)</c>).</summary>
    public LongInterval AtLeast(long bound) => IsEmpty || bound > Hi ? Empty : new(Math.Max(Lo, bound), Hi);

    /// <summary>The part of the interval at or below <paramref name="bound"/>.</summary>
    public LongInterval AtMost(long bound) => IsEmpty || bound < Lo ? Empty : new(Lo, Math.Min(Hi, bound));

    /// <summary>Interval sum.</summary>
    public static LongInterval operator +(LongInterval a, LongInterval b) => a.IsEmpty || b.IsEmpty ? Empty : new(Saturate((Int128)a.Lo + b.Lo), Saturate((Int128)a.Hi + b.Hi));

    /// <summary>Interval difference.</summary>
    public static LongInterval operator -(LongInterval a, LongInterval b) => a.IsEmpty || b.IsEmpty ? Empty : new(Saturate((Int128)a.Lo - b.Hi), Saturate((Int128)a.Hi - b.Lo));

    /// <summary>Interval negation.</summary>
    public static LongInterval operator -(LongInterval a) => a.IsEmpty ? Empty : new(Saturate(-(Int128)a.Hi), Saturate(-(Int128)a.Lo));

    /// <summary>Interval product: the extremes of the four corner products.</summary>
    public static LongInterval operator *(LongInterval a, LongInterval b)
    {
        if (a.IsEmpty || b.IsEmpty)
            return Empty;
        Int128 p1 = (Int128)a.Lo * b.Lo, p2 = (Int128)a.Lo * b.Hi, p3 = (Int128)a.Hi * b.Lo, p4 = (Int128)a.Hi * b.Hi;
        return new(Saturate(Int128.Min(Int128.Min(p1, p2), Int128.Min(p3, p4))), Saturate(Int128.Max(Int128.Max(p1, p2), Int128.Max(p3, p4))));
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

    // Saturating keeps an overflowing bound outside every span instead of wrapping it back inside.
    private static long Saturate(Int128 value) => value > long.MaxValue ? long.MaxValue : value < long.MinValue ? long.MinValue : (long)value;
}

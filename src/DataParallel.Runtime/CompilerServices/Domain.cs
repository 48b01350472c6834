using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DataParallel.CompilerServices;

/// <summary>
/// Argument validation for generated entry points. Every check runs before the first element is written, and
/// every failure is an <see cref="ArgumentException"/> that names the index, span or access at fault.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Domain
{
    /// <summary>
    /// Resolves the explicit range <paramref name="range"/> of index <paramref name="index"/>. <c>^n</c> counts from
    /// <paramref name="inferredLength"/>, the length of the spans indexed directly by the index, or is rejected
    /// when there is none (pass -1).
    /// </summary>
    /// <returns>The first index and the number of indices.</returns>
    public static (int Start, int Count) Resolve(Range range, int inferredLength, string index)
    {
        bool fromEnd = range.Start.IsFromEnd || range.End.IsFromEnd;
        if (fromEnd && inferredLength < 0)
            throw new ArgumentException(
                $"The range {range} for index '{index}' counts from the end (^), but no span is indexed by [{index}] directly to give a length; use a range without ^.",
                index);
        int start = range.Start.GetOffset(inferredLength < 0 ? 0 : inferredLength);
        int end = range.End.GetOffset(inferredLength < 0 ? 0 : inferredLength);
        if (start < 0 || end < 0)
            throw new ArgumentOutOfRangeException(index, range,
                $"The range {range} for index '{index}' reaches before 0 (inferred length {inferredLength}).");
        if (end < start)
            throw new ArgumentException($"The range {range} for index '{index}' is reversed: it resolves to [{start}, {end}).", index);
        return (start, end - start);
    }

    /// <summary>Throws when two spans that are both indexed directly by an index disagree in length.</summary>
    [DoesNotReturn]
    public static void ThrowLengthMismatch(string index, string firstSpan, int firstLength, string otherSpan, int otherLength)
        => throw new ArgumentException(
            $"Spans indexed by [{index}] must have the same length to define the domain: {firstSpan}.Length is {firstLength} but {otherSpan}.Length is {otherLength}.",
            otherSpan);

    /// <summary>
    /// Proves once, at entry, that an access stays inside its span for the whole domain: the lowest element it
    /// touches is <paramref name="lowest"/> and the highest <paramref name="highest"/> (both computed in 64 bits
    /// from the access's affine form). Only called for non-empty domains.
    /// </summary>
    public static void RequireInBounds(long lowest, long highest, int length, string span, string access)
    {
        if (lowest < 0 || highest >= length)
            ThrowOutOfBounds(lowest, highest, length, span, access);
    }

    /// <summary>
    /// Proves an access every index executes: when the interval of indices it computes leaves the span, some index
    /// would fault, so the call is rejected before anything runs.
    /// </summary>
    public static void RequireInBounds(LongInterval indices, int length, string span, string access)
    {
        if (!indices.IsWithin(length))
            ThrowOutOfBounds(indices.Lo, indices.Hi, length, span, access);
    }

    // Out of line: inlined, the message's formatting made every entry point's frame larger and its prologue zero
    // the string builder's stack slots on each call.
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOutOfBounds(long lowest, long highest, int length, string span, string access)
        => throw new ArgumentOutOfRangeException(span,
            $"The domain makes {access} reach indices {lowest}..{highest}, outside {span} (Length {length}).");

    /// <summary>
    /// Proves a slice's check that every index executes (<c>Slice</c>'s arguments, or an element position inside
    /// the slice; see <see cref="LongInterval.Within"/>): when it fails, some index would throw, so the call is
    /// rejected before anything runs.
    /// </summary>
    public static void RequireSliceInBounds(LongInterval lower, LongInterval upper, int limit, string span, string access)
    {
        if (!LongInterval.Within(lower, upper, limit))
            ThrowSliceOutOfBounds(span, access);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowSliceOutOfBounds(string span, string access)
        => throw new ArgumentOutOfRangeException(span,
            $"The domain makes {access} reach outside {span}: for some index the kernel would fail its bounds check there.");

    /// <summary>
    /// Throws when a call breaks a fact the kernel's race freedom hinges on (DESIGN §5): the analyzers proved the
    /// accesses race-free only under <paramref name="fact"/> — e.g. <c>end(j) &lt;= n</c> for a store to
    /// <c>a[i * n + j]</c>, where <c>end(j)</c> is where the range of index <c>j</c> ends — and this call's
    /// domain or arguments break it, so two indices could touch one element.
    /// </summary>
    public static void RequireRaceFree(bool holds, string fact, string accesses)
    {
        if (!holds)
            ThrowRace(fact, accesses);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowRace(string fact, string accesses)
        => throw new ArgumentException(
            $"The kernel's accesses {accesses} are race-free only while {fact} (extent(d) is the number of values index d takes, end(d) where its range ends); this call breaks it, so two indices could touch the same element. Nothing was run.");

    /// <summary>
    /// Throws when a span the kernel writes overlaps another span it touches: the kernel was proven race-free for
    /// different memories. Where <paramref name="sameIsSafe"/>, passing the very same elements for both is allowed
    /// (the kernel is race-free with the two merged, e.g. <c>y[i] = a * x[i] + y[i]</c> with x = y).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireNoOverlap<TWritten, TOther>(ReadOnlySpan<TWritten> written, ReadOnlySpan<TOther> other, bool sameIsSafe, string writtenName, string otherName)
        where TWritten : unmanaged
        where TOther : unmanaged
    {
        ReadOnlySpan<byte> writtenBytes = MemoryMarshal.AsBytes(written), otherBytes = MemoryMarshal.AsBytes(other);
        if (!writtenBytes.Overlaps(otherBytes, out int offset))
            return;
        if (sameIsSafe && offset == 0 && writtenBytes.Length == otherBytes.Length)
            return;
        ThrowOverlap(sameIsSafe, writtenName, otherName);
    }

    /// <summary>
    /// The same check for two byte ranges of one allocation (device memory, which has no span): the written range
    /// starts at <paramref name="writtenStart"/> and has <paramref name="writtenLength"/> bytes. The message is that
    /// of overlapping spans.
    /// </summary>
    public static void RequireNoOverlap(long writtenStart, long writtenLength, long otherStart, long otherLength, bool sameIsSafe, string writtenName, string otherName)
    {
        if (writtenLength == 0 || otherLength == 0 || writtenStart + writtenLength <= otherStart || otherStart + otherLength <= writtenStart)
            return;
        if (sameIsSafe && writtenStart == otherStart && writtenLength == otherLength)
            return;
        ThrowOverlap(sameIsSafe, writtenName, otherName);
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOverlap(bool sameIsSafe, string writtenName, string otherName)
    {
        throw new ArgumentException(
            sameIsSafe
                ? $"{writtenName} and {otherName} overlap without being the same elements: the kernel writes {writtenName} and is race-free only when the two are different memory or exactly the same span. Nothing was run."
                : $"{writtenName} and {otherName} overlap: the kernel writes {writtenName} while it reads or writes {otherName}, and is race-free only when the two are different memory. Nothing was run.",
            otherName);
    }

    /// <summary>Throws when a domain's element count does not fit in 32 bits.</summary>
    public static int CheckedCount(long count, string what)
        => count <= int.MaxValue
            ? (int)count
            : throw new ArgumentException($"The domain has {count} {what}, more than the {int.MaxValue} one call can run.", what);
}

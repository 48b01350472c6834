using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

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
    /// Throws when a row-major store <c>span[outer * width + inner]</c> would have two indices write one element:
    /// the inner index's range must fit in a row while there is more than one row.
    /// </summary>
    public static void RequireRowsDisjoint(int outerCount, int innerCount, int width, string inner, string widthName, string access)
    {
        if (outerCount > 1 && innerCount > width)
            throw new ArgumentException(
                $"{access} writes every element once only while the range of '{inner}' fits in a row: it has {innerCount} indices but {widthName} is {width}, so rows overlap and two indices would write the same element.",
                inner);
    }

    /// <summary>Throws when a domain's element count does not fit in 32 bits.</summary>
    public static int CheckedCount(long count, string what)
        => count <= int.MaxValue
            ? (int)count
            : throw new ArgumentException($"The domain has {count} {what}, more than the {int.MaxValue} one call can run.", what);
}

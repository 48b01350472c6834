using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using DataParallel.CompilerServices;
using Xunit;

namespace DataParallel.Runtime.Tests.Vectors;

/// <summary>
/// 8- and 16-bit elements ride in 32-bit lanes: loads must widen exactly as C# promotes (zero-extend unsigned,
/// sign-extend signed) and stores must truncate exactly as the kernel's own cast does, at every width and tail.
/// </summary>
public sealed class NarrowLanesTests
{
    // Lane values that exercise sign bits and every truncation boundary of 8- and 16-bit types.
    private static readonly int[] s_laneValues =
    [
        0, 1, -1, 127, 128, -128, -129, 255, 256, 32767, 32768, -32768, -32769, 65535, 65536,
        int.MaxValue, int.MinValue, 0x12345678, unchecked((int)0x89ABCDEF), 0x7F80, -2, 200,
    ];

    private static T[] SourceCoveringTheRange<T>(int length) where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        // Walks from MinValue upwards in a stride that visits both signs and both extremes.
        var values = new T[length];
        long min = long.CreateChecked(T.MinValue), span = long.CreateChecked(T.MaxValue) - min + 1;
        for (int i = 0; i < length; i++)
            values[i] = T.CreateChecked(min + (i * 37L + (i % 3 == 0 ? span - 1 : 0)) % span);
        values[0] = T.MinValue;
        values[^1] = T.MaxValue;
        return values;
    }

    private static void AssertWidened<T>(T[] source, int offset, int active, ReadOnlySpan<int> lanes) where T : unmanaged, IBinaryInteger<T>
    {
        for (int lane = 0; lane < lanes.Length; lane++)
        {
            // CreateChecked gives the mathematical value: what C#'s implicit promotion to int yields.
            int expected = int.CreateChecked(source[offset + Math.Min(lane, active - 1)]);
            Assert.True(expected == lanes[lane], $"{typeof(T).Name}: lane {lane} of {active} active at offset {offset}: expected {expected}, got {lanes[lane]}");
        }
    }

    private static void CheckWidening<T>() where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        foreach (int offset in new[] { 0, 3 })
        {
            // Each source ends exactly where the loaded vector does, as at the end of a domain.
            T[] source128 = SourceCoveringTheRange<T>(offset + Vector128<int>.Count);
            T[] source256 = SourceCoveringTheRange<T>(offset + Vector256<int>.Count);
            T[] source512 = SourceCoveringTheRange<T>(offset + Vector512<int>.Count);
            var lanes = new int[Vector512<int>.Count];

            NarrowLanes.LoadWidened128(in source128[0], (nuint)offset).CopyTo(lanes);
            AssertWidened(source128, offset, Vector128<int>.Count, lanes.AsSpan(0, Vector128<int>.Count));
            NarrowLanes.LoadWidened256(in source256[0], (nuint)offset).CopyTo(lanes);
            AssertWidened(source256, offset, Vector256<int>.Count, lanes.AsSpan(0, Vector256<int>.Count));
            NarrowLanes.LoadWidened512(in source512[0], (nuint)offset).CopyTo(lanes);
            AssertWidened(source512, offset, Vector512<int>.Count, lanes);

            for (int active = 1; active <= Vector512<int>.Count; active++)
            {
                T[] tail = SourceCoveringTheRange<T>(offset + active);
                if (active <= Vector128<int>.Count)
                {
                    NarrowLanes.LoadWidenedTail128(in tail[0], (nuint)offset, active).CopyTo(lanes);
                    AssertWidened(tail, offset, active, lanes.AsSpan(0, Vector128<int>.Count));
                }
                if (active <= Vector256<int>.Count)
                {
                    NarrowLanes.LoadWidenedTail256(in tail[0], (nuint)offset, active).CopyTo(lanes);
                    AssertWidened(tail, offset, active, lanes.AsSpan(0, Vector256<int>.Count));
                }
                NarrowLanes.LoadWidenedTail512(in tail[0], (nuint)offset, active).CopyTo(lanes);
                AssertWidened(tail, offset, active, lanes);
            }
        }
    }

    [Fact] public void Bytes_are_zero_extended() => CheckWidening<byte>();
    [Fact] public void Sbytes_are_sign_extended() => CheckWidening<sbyte>();
    [Fact] public void Shorts_are_sign_extended() => CheckWidening<short>();
    [Fact] public void Ushorts_are_zero_extended() => CheckWidening<ushort>();

    private static int[] LaneValues(int count)
    {
        var values = new int[count];
        for (int i = 0; i < count; i++)
            values[i] = s_laneValues[(i * 5 + count) % s_laneValues.Length];
        return values;
    }

    private static void AssertNarrowed<T>(T[] destination, int offset, int active, int[] lanes, Func<int, T> cast, T sentinel) where T : unmanaged
    {
        for (int i = 0; i < destination.Length; i++)
        {
            bool written = i >= offset && i < offset + active;
            T expected = written ? cast(lanes[i - offset]) : sentinel;
            Assert.True(expected.Equals(destination[i]), $"{typeof(T).Name}: element {i} after storing {active} lanes at {offset}: expected {expected}, got {destination[i]}");
        }
    }

    private static void CheckNarrowing<T>(Func<int, T> cast) where T : unmanaged, IBinaryInteger<T>
    {
        T sentinel = T.CreateTruncating(0x5A);
        foreach (int offset in new[] { 0, 3 })
        {
            int[] lanes128 = LaneValues(Vector128<int>.Count), lanes256 = LaneValues(Vector256<int>.Count), lanes512 = LaneValues(Vector512<int>.Count);

            var destination = new T[offset + Vector128<int>.Count + 2];
            destination.AsSpan().Fill(sentinel);
            NarrowLanes.StoreNarrowed128(Vector128.Create(lanes128), ref destination[0], (nuint)offset);
            AssertNarrowed(destination, offset, Vector128<int>.Count, lanes128, cast, sentinel);

            destination = new T[offset + Vector256<int>.Count + 2];
            destination.AsSpan().Fill(sentinel);
            NarrowLanes.StoreNarrowed256(Vector256.Create(lanes256), ref destination[0], (nuint)offset);
            AssertNarrowed(destination, offset, Vector256<int>.Count, lanes256, cast, sentinel);

            destination = new T[offset + Vector512<int>.Count + 2];
            destination.AsSpan().Fill(sentinel);
            NarrowLanes.StoreNarrowed512(Vector512.Create(lanes512), ref destination[0], (nuint)offset);
            AssertNarrowed(destination, offset, Vector512<int>.Count, lanes512, cast, sentinel);

            for (int active = 1; active <= Vector512<int>.Count; active++)
            {
                if (active <= Vector128<int>.Count)
                {
                    destination = new T[offset + Vector128<int>.Count + 2];
                    destination.AsSpan().Fill(sentinel);
                    NarrowLanes.StoreNarrowedTail128(Vector128.Create(lanes128), ref destination[0], (nuint)offset, active);
                    AssertNarrowed(destination, offset, active, lanes128, cast, sentinel);
                }
                if (active <= Vector256<int>.Count)
                {
                    destination = new T[offset + Vector256<int>.Count + 2];
                    destination.AsSpan().Fill(sentinel);
                    NarrowLanes.StoreNarrowedTail256(Vector256.Create(lanes256), ref destination[0], (nuint)offset, active);
                    AssertNarrowed(destination, offset, active, lanes256, cast, sentinel);
                }
                destination = new T[offset + Vector512<int>.Count + 2];
                destination.AsSpan().Fill(sentinel);
                NarrowLanes.StoreNarrowedTail512(Vector512.Create(lanes512), ref destination[0], (nuint)offset, active);
                AssertNarrowed(destination, offset, active, lanes512, cast, sentinel);
            }
        }
    }

    [Fact] public void Stores_truncate_to_byte_like_a_cast() => CheckNarrowing(value => unchecked((byte)value));
    [Fact] public void Stores_truncate_to_sbyte_like_a_cast() => CheckNarrowing(value => unchecked((sbyte)value));
    [Fact] public void Stores_truncate_to_short_like_a_cast() => CheckNarrowing(value => unchecked((short)value));
    [Fact] public void Stores_truncate_to_ushort_like_a_cast() => CheckNarrowing(value => unchecked((ushort)value));

    [Fact]
    public void Widening_then_narrowing_round_trips_every_byte_value()
    {
        byte[] all = new byte[256];
        for (int i = 0; i < all.Length; i++)
            all[i] = (byte)i;
        var back = new byte[256];

        for (int offset = 0; offset < all.Length; offset += Vector256<int>.Count)
            NarrowLanes.StoreNarrowed256(NarrowLanes.LoadWidened256(in all[0], (nuint)offset), ref back[0], (nuint)offset);

        Assert.Equal(all, back);
    }
}

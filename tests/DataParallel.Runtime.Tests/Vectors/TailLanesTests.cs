using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using DataParallel.CompilerServices;
using Xunit;

namespace DataParallel.Runtime.Tests.Vectors;

/// <summary>
/// The last, partial vector of a domain runs the same vector code as the others (DESIGN §3), so its loads must fill
/// inactive lanes with harmless copies and its stores must never touch memory past the active lanes.
/// </summary>
public sealed class TailLanesTests
{
    private static T[] Sequence<T>(int length) where T : INumber<T>
    {
        var values = new T[length];
        for (int i = 0; i < length; i++)
            values[i] = T.CreateTruncating(i * 3 + 1);
        return values;
    }

    private static void AssertTailLoad<T>(T[] source, int offset, int active, ReadOnlySpan<T> lanes)
    {
        for (int lane = 0; lane < lanes.Length; lane++)
        {
            T expected = source[offset + Math.Min(lane, active - 1)];
            Assert.True(Equals(expected, lanes[lane]), $"lane {lane} of a tail of {active} at offset {offset}: expected {expected}, got {lanes[lane]}");
        }
    }

    private static void CheckLoadTail256<T>() where T : INumber<T>
    {
        int count = Vector256<T>.Count;
        for (int active = 1; active <= count; active++)
        {
            // The tail sits at the very end of the array, as the last vector of a domain does.
            T[] source = Sequence<T>(5 + active);
            Vector256<T> loaded = Lanes.LoadTail256(in source[0], 5, active);
            var lanes = new T[count];
            loaded.CopyTo(lanes);
            AssertTailLoad(source, 5, active, lanes);
        }
    }

    [Fact] public void LoadTail256_repeats_the_last_active_float() => CheckLoadTail256<float>();
    [Fact] public void LoadTail256_repeats_the_last_active_double() => CheckLoadTail256<double>();
    [Fact] public void LoadTail256_repeats_the_last_active_int() => CheckLoadTail256<int>();
    [Fact] public void LoadTail256_repeats_the_last_active_byte() => CheckLoadTail256<byte>();
    [Fact] public void LoadTail256_repeats_the_last_active_long() => CheckLoadTail256<long>();

    [Fact]
    public void LoadTail128_and_LoadTail512_repeat_the_last_active_element()
    {
        float[] source = Sequence<float>(40);
        for (int active = 1; active <= Vector128<float>.Count; active++)
        {
            var lanes = new float[Vector128<float>.Count];
            Lanes.LoadTail128(in source[0], 3, active).CopyTo(lanes);
            AssertTailLoad(source, 3, active, lanes);
        }
        for (int active = 1; active <= Vector512<float>.Count; active++)
        {
            var lanes = new float[Vector512<float>.Count];
            Lanes.LoadTail512(in source[0], 3, active).CopyTo(lanes);
            AssertTailLoad(source, 3, active, lanes);
        }
    }

    private static void CheckStoreTail256<T>() where T : INumber<T>
    {
        int count = Vector256<T>.Count;
        T sentinel = T.CreateTruncating(99);
        Vector256<T> value = Vector256.Create(Sequence<T>(count));
        for (int active = 1; active <= count; active++)
        {
            var destination = new T[count + 4];
            destination.AsSpan().Fill(sentinel);

            Lanes.StoreTail256(value, ref destination[0], 2, active);

            for (int i = 0; i < destination.Length; i++)
            {
                bool written = i >= 2 && i < 2 + active;
                T expected = written ? value[i - 2] : sentinel;
                Assert.True(Equals(expected, destination[i]), $"element {i} after storing {active} lanes at 2: expected {expected}, got {destination[i]}");
            }
        }
    }

    [Fact] public void StoreTail256_writes_only_the_active_floats() => CheckStoreTail256<float>();
    [Fact] public void StoreTail256_writes_only_the_active_doubles() => CheckStoreTail256<double>();
    [Fact] public void StoreTail256_writes_only_the_active_ints() => CheckStoreTail256<int>();
    [Fact] public void StoreTail256_writes_only_the_active_shorts() => CheckStoreTail256<short>();

    [Fact]
    public void StoreTail128_and_StoreTail512_write_only_the_active_lanes()
    {
        for (int active = 1; active <= Vector512<int>.Count; active++)
        {
            var destination = new int[Vector512<int>.Count + 1];
            Lanes.StoreTail512(Vector512<int>.Indices + Vector512.Create(100), ref destination[0], 1, active);
            for (int i = 0; i < destination.Length; i++)
                Assert.Equal(i >= 1 && i <= active ? 100 + i - 1 : 0, destination[i]);
        }
        for (int active = 1; active <= Vector128<int>.Count; active++)
        {
            var destination = new int[Vector128<int>.Count];
            Lanes.StoreTail128(Vector128<int>.Indices + Vector128.Create(100), ref destination[0], 0, active);
            for (int i = 0; i < destination.Length; i++)
                Assert.Equal(i < active ? 100 + i : 0, destination[i]);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    [InlineData(int.MaxValue - 8)]
    public void Indices_count_up_from_the_first_index(int first)
    {
        for (int lane = 0; lane < Vector256<int>.Count; lane++)
            Assert.Equal(first + lane, Lanes.Indices256(first)[lane]);
        for (int lane = 0; lane < Vector128<int>.Count; lane++)
            Assert.Equal(first + lane, Lanes.Indices128(first)[lane]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1003)]
    public void IndicesTail256_repeats_the_last_active_index(int first)
    {
        for (int active = 1; active <= Vector256<int>.Count; active++)
        {
            Vector256<int> indices = Lanes.IndicesTail256(first, active);
            for (int lane = 0; lane < Vector256<int>.Count; lane++)
                Assert.Equal(first + Math.Min(lane, active - 1), indices[lane]);
        }
    }

    [Fact]
    public void IndicesTail128_and_IndicesTail512_repeat_the_last_active_index()
    {
        for (int active = 1; active <= Vector512<int>.Count; active++)
        {
            Vector512<int> indices = Lanes.IndicesTail512(40, active);
            for (int lane = 0; lane < Vector512<int>.Count; lane++)
                Assert.Equal(40 + Math.Min(lane, active - 1), indices[lane]);
        }
        for (int active = 1; active <= Vector128<int>.Count; active++)
        {
            Vector128<int> indices = Lanes.IndicesTail128(40, active);
            for (int lane = 0; lane < Vector128<int>.Count; lane++)
                Assert.Equal(40 + Math.Min(lane, active - 1), indices[lane]);
        }
    }
}

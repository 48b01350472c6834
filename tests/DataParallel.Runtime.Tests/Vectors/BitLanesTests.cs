using System;
using System.Numerics;
using System.Runtime.Intrinsics;
using DataParallel.CompilerServices;
using Xunit;

namespace DataParallel.Runtime.Tests.Vectors;

/// <summary>
/// <see cref="BitLanes"/>' bit-slicing sums equal <see cref="BitOperations"/> for every lane value — single bits,
/// all-ones runs, 0 — in every vector width, 64-bit counts narrowed to int lanes included.
/// </summary>
public sealed class BitLanesTests
{
    [Fact]
    public void The_bit_slicing_sums_equal_BitOperations_in_every_width()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 20_000; trial++)
        {
            ulong value = trial < 64 ? 1ul << trial : trial < 130 ? ulong.MaxValue >> (trial - 66 & 63) : (ulong)random.NextInt64() >> random.Next(64);
            uint low = (uint)value;
            Assert.Equal(BitOperations.PopCount(low), BitLanes.PopCount(Vector512.Create(low)).GetElement(15));
            Assert.Equal(BitOperations.LeadingZeroCount(low), BitLanes.LeadingZeroCount(Vector64.Create(low)).GetElement(1));
            Assert.Equal(BitOperations.TrailingZeroCount(low), BitLanes.TrailingZeroCount(Vector128.Create(low)).GetElement(3));
            Assert.Equal(BitOperations.PopCount(value), BitLanes.PopCount(Vector128.Create(value)).GetElement(1));
            Assert.Equal(BitOperations.LeadingZeroCount(value), BitLanes.LeadingZeroCount(Vector512.Create(value)).GetElement(7));
            Assert.Equal(BitOperations.TrailingZeroCount(value), BitLanes.TrailingZeroCount(Vector256.Create(value)).GetElement(3));
        }
    }
}

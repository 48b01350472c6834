using System;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.HarnessTests;

/// <summary>
/// The comparisons every differential test leans on: a lenient comparison would hide generator bugs, a strict one
/// about NaN payloads would report bugs that are not there.
/// </summary>
public sealed class ElementComparisonTests
{
    [Fact]
    public void Ulp_distance_counts_representable_floats_across_zero()
    {
        Assert.Equal(0, ElementComparison.UlpDistance(0f, -0f));
        Assert.Equal(1, ElementComparison.UlpDistance(1f, MathF.BitIncrement(1f)));
        Assert.Equal(2, ElementComparison.UlpDistance(-float.Epsilon, float.Epsilon));
        Assert.Equal(1, ElementComparison.UlpDistance(float.MaxValue, float.PositiveInfinity));
        Assert.Equal((Int128)2, ElementComparison.UlpDistance(-double.Epsilon, double.Epsilon));
        Assert.Equal((Int128)3, ElementComparison.UlpDistance(1d, Math.BitIncrement(Math.BitIncrement(Math.BitIncrement(1d)))));
    }

    [Fact]
    public void Bitwise_tells_negative_zero_from_zero_but_not_one_NaN_from_another()
    {
        float otherNaN = BitConverter.Int32BitsToSingle(0x7FC00001);

        Assert.Single(ElementComparison.Bitwise.Mismatches(new[] { 0f }, new[] { -0f }));
        Assert.Empty(ElementComparison.Bitwise.Mismatches(new[] { float.NaN }, new[] { otherNaN }));
        Assert.Single(ElementComparison.Bitwise.Mismatches(new[] { float.NaN }, new[] { 0f }));
        Assert.Single(ElementComparison.Bitwise.Mismatches(new[] { 1.0 }, new[] { Math.BitIncrement(1.0) }));
        Assert.Single(ElementComparison.Bitwise.Mismatches(new byte[] { 1, 2 }, new byte[] { 1, 3 }));
    }

    [Fact]
    public void Within_ulps_requires_NaN_and_infinities_in_the_same_places()
    {
        ElementComparison fourUlps = ElementComparison.WithinUlps(4);

        Assert.Empty(fourUlps.Mismatches(new[] { 1f, -0f }, new[] { MathF.BitIncrement(MathF.BitIncrement(1f)), 0f }));
        Assert.Single(fourUlps.Mismatches(new[] { 1f }, new[] { BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(1f) + 5) }));
        Assert.Single(fourUlps.Mismatches(new[] { float.NaN }, new[] { 1f }));
        Assert.Single(fourUlps.Mismatches(new[] { float.MaxValue }, new[] { float.PositiveInfinity }));
        Assert.Single(fourUlps.Mismatches(new[] { double.NegativeInfinity }, new[] { double.MinValue }));
    }

    [Fact]
    public void Mismatches_are_reported_in_order_and_capped()
    {
        var expected = new int[10];
        var actual = new int[] { 0, 1, 0, 1, 1, 1, 1, 1, 1, 1 };

        Assert.Equal(new[] { 1, 3, 4, 5, 6 }, ElementComparison.Bitwise.Mismatches(expected, actual));
    }
}

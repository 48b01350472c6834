using System;
using DataParallel.CompilerServices;
using Xunit;

namespace DataParallel.Runtime.Tests.Domains;

/// <summary>
/// The entry checks that let generated code use unchecked loads: each must accept exactly the in-bounds cases and
/// name the span and access at fault otherwise.
/// </summary>
public sealed class DomainChecksTests
{
    [Theory]
    [InlineData(0, 9, 10)]
    [InlineData(0, 0, 1)]
    [InlineData(5, 5, 6)]
    public void An_access_inside_the_span_passes(long lowest, long highest, int length)
        => Domain.RequireInBounds(lowest, highest, length, "x", "x[i + 1]");

    [Theory]
    [InlineData(-1, 8, 10)]
    [InlineData(1, 10, 10)]
    [InlineData(0, 0, 0)]
    [InlineData(long.MinValue, 0, 10)]
    [InlineData(0, long.MaxValue, int.MaxValue)]
    public void An_access_outside_the_span_is_rejected_naming_span_and_access(long lowest, long highest, int length)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Domain.RequireInBounds(lowest, highest, length, "x", "x[i + 1]"));

        Assert.Equal("x", error.ParamName);
        Assert.Contains("x[i + 1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_length_mismatch_names_both_spans_and_lengths()
    {
        var error = Assert.Throws<ArgumentException>(() => Domain.ThrowLengthMismatch("i", "x", 10, "y", 11));

        Assert.Equal("y", error.ParamName);
        Assert.Contains("x.Length is 10", error.Message, StringComparison.Ordinal);
        Assert.Contains("y.Length is 11", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(12_345L)]
    [InlineData(int.MaxValue)]
    public void A_count_that_fits_in_32_bits_is_returned(long count)
        => Assert.Equal((int)count, Domain.CheckedCount(count, "elements"));

    [Fact]
    public void A_count_beyond_32_bits_is_rejected()
        => Assert.Throws<ArgumentException>(() => Domain.CheckedCount((long)int.MaxValue + 1, "elements"));
}

using System;
using DataParallel.CompilerServices;
using Xunit;

namespace DataParallel.Runtime.Tests.Domains;

/// <summary>
/// <see cref="Domain.Resolve"/> turns the <c>System.Range</c> a user passes for an index into a start and a count;
/// every mistake must surface as an <see cref="ArgumentException"/> naming the index, before anything runs.
/// </summary>
public sealed class DomainResolveTests
{
    [Theory]
    [InlineData(2, 5, 10, 2, 3)]
    [InlineData(0, 10, 10, 0, 10)]
    [InlineData(3, 3, 10, 3, 0)]
    [InlineData(0, 0, 0, 0, 0)]
    public void A_range_from_the_start_resolves_to_its_offsets(int start, int end, int inferredLength, int expectedStart, int expectedCount)
        => Assert.Equal((expectedStart, expectedCount), Domain.Resolve(start..end, inferredLength, "i"));

    [Fact]
    public void A_range_from_the_start_needs_no_inferred_length()
        => Assert.Equal((4, 6), Domain.Resolve(4..10, -1, "i"));

    [Fact]
    public void Hat_counts_from_the_inferred_length()
    {
        Assert.Equal((1, 8), Domain.Resolve(1..^1, 10, "i"));
        Assert.Equal((7, 3), Domain.Resolve(^3.., 10, "i"));
        Assert.Equal((0, 10), Domain.Resolve(.., 10, "i"));
        Assert.Equal((5, 0), Domain.Resolve(^5..5, 10, "i"));
    }

    [Fact]
    public void A_reversed_range_is_rejected_naming_the_index()
    {
        var error = Assert.Throws<ArgumentException>(() => Domain.Resolve(5..2, 10, "row"));

        Assert.Equal("row", error.ParamName);
        Assert.Contains("reversed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_reversed_only_after_resolving_hat_is_rejected()
        => Assert.Throws<ArgumentException>(() => Domain.Resolve(1..^1, 1, "i"));

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Hat_without_an_inferred_length_is_rejected(bool startFromEnd, bool endFromEnd)
    {
        var range = new Range(new Index(1, startFromEnd), new Index(0, endFromEnd));

        var error = Assert.Throws<ArgumentException>(() => Domain.Resolve(range, -1, "col"));

        Assert.Equal("col", error.ParamName);
    }

    [Fact]
    public void A_range_reaching_before_zero_is_rejected()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Domain.Resolve(^12..^2, 10, "i"));

        Assert.Equal("i", error.ParamName);
    }
}

using System;
using DataParallel.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace DataParallel.Analyzers.Tests.HarnessTests;

/// <summary>The markup parser the analyzer tests rely on: a parser bug would make every analyzer test meaningless.</summary>
public sealed class TestMarkupTests
{
    [Fact]
    public void Markers_are_removed_and_spans_point_into_the_clean_source()
    {
        var (source, expected) = TestMarkup.Parse("a {|DP0001:bc|} d [|ef|] g");

        Assert.Equal("a bc d ef g", source);
        Assert.Equal(2, expected.Length);
        Assert.Equal(new ExpectedSpan("DP0001", new TextSpan(2, 2)), expected[0]);
        Assert.Equal(new ExpectedSpan(null, new TextSpan(7, 2)), expected[1]);
    }

    [Fact]
    public void Markers_nest()
    {
        var (source, expected) = TestMarkup.Parse("{|DP1:x [|y|] {|DP2:z|}|}");

        Assert.Equal("x y z", source);
        Assert.Contains(new ExpectedSpan(null, new TextSpan(2, 1)), expected);
        Assert.Contains(new ExpectedSpan("DP2", new TextSpan(4, 1)), expected);
        Assert.Contains(new ExpectedSpan("DP1", new TextSpan(0, 5)), expected);
    }

    [Fact]
    public void An_empty_span_is_allowed()
        => Assert.Equal(new ExpectedSpan("DP3", new TextSpan(1, 0)), Assert.Single(TestMarkup.Parse("a{|DP3:|}b").Expected));

    [Theory]
    [InlineData("{|:x|}")]
    [InlineData("{|DP 1:x|}")]
    [InlineData("[|x")]
    [InlineData("x|]")]
    [InlineData("{|DP1:x|]")]
    [InlineData("[|x|}")]
    public void Malformed_markup_is_refused(string markup)
        => Assert.Throws<FormatException>(() => TestMarkup.Parse(markup));
}

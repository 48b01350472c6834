using System;
using DataParallel.CompilerServices;
using Xunit;

namespace DataParallel.Runtime.Tests.Domains;

/// <summary>
/// The interval arithmetic of the entry proofs: sound over the integers, and refusing (with
/// <see cref="OverflowException"/>) every step that leaves the int range, where the kernel's own int arithmetic would
/// wrap and the interval would no longer describe the indices it computes.
/// </summary>
public sealed class LongIntervalTests
{
    private static readonly LongInterval s_domain = LongInterval.Domain(0, 40);

    [Fact]
    public void Arithmetic_inside_the_int_range_gives_the_extremes()
    {
        LongInterval product = s_domain * LongInterval.Point(-3) + LongInterval.Point(7);
        Assert.Equal(new LongInterval(-110, 7), product);
        Assert.Equal(new LongInterval(-39, 0), -s_domain);
        Assert.Equal(new LongInterval(-39, 39), s_domain - s_domain);
    }

    [Theory]
    [InlineData(1 << 16, 1 << 16)]
    [InlineData(int.MaxValue, 2)]
    [InlineData(int.MinValue, 1)]
    public void A_product_that_leaves_the_int_range_for_some_value_throws(int n, int m)
        => Assert.Throws<OverflowException>(() => s_domain * LongInterval.Point(n) * LongInterval.Point(m) + LongInterval.Point(1));

    [Fact]
    public void A_product_beyond_long_throws_instead_of_being_clamped()
    {
        // Clamped to long.MaxValue, n³ − n²·m would cancel to 0 here; in int the kernel computes 2^22 + 1.
        LongInterval n = LongInterval.Point((1 << 21) + 1);
        Assert.Throws<OverflowException>(() => n * n * n);
    }

    [Fact]
    public void Sums_and_negations_at_the_int_boundary_throw()
    {
        Assert.Throws<OverflowException>(() => LongInterval.Point(int.MaxValue) + LongInterval.Point(1));
        Assert.Throws<OverflowException>(() => LongInterval.Point(int.MinValue) - LongInterval.Point(1));
        Assert.Throws<OverflowException>(() => -LongInterval.Point(int.MinValue));
        Assert.Equal(LongInterval.Point(int.MaxValue), LongInterval.Point(int.MaxValue - 1) + LongInterval.Point(1));
    }

    [Fact]
    public void An_empty_operand_gives_an_empty_result_without_overflow()
    {
        Assert.True((LongInterval.Empty * LongInterval.Point(int.MaxValue)).IsEmpty);
        Assert.True((LongInterval.Point(int.MaxValue) + LongInterval.Empty).IsEmpty);
    }

    [Fact]
    public void An_interval_in_a_loop_that_never_runs_is_empty()
    {
        LongInterval never = LongInterval.Loop(LongInterval.Point(0), LongInterval.Point(-1));
        LongInterval once = LongInterval.Loop(LongInterval.Point(0), LongInterval.Point(0));
        Assert.True(LongInterval.Point(1000).WhenRuns(never).IsWithin(10));
        Assert.False(LongInterval.Point(1000).WhenRuns(once).IsWithin(10));
    }

    [Fact]
    public void A_guard_bound_narrows_where_index_plus_offset_cannot_wrap()
    {
        // if (i + 5 <= 20): i <= 15.
        Assert.Equal(new LongInterval(0, 15), s_domain.AtMost(20, 5));
        // if (i - 5 >= 30): i >= 35.
        Assert.Equal(new LongInterval(35, 39), s_domain.AtLeast(30, -5));
        // if (i - 5 < int.MaxValue): i <= int.MaxValue + 4, beyond int, and every index stays.
        Assert.Equal(s_domain, s_domain.AtMost((long)int.MaxValue - 1, -5));
    }

    [Fact]
    public void A_guard_whose_index_plus_offset_may_wrap_narrows_nothing()
    {
        // Near int.MaxValue, i + 10 wraps to a negative int: i + 10 <= -1 holds there in the kernel.
        LongInterval high = LongInterval.Domain(int.MaxValue - 8, 8);
        Assert.Equal(high, high.AtMost(-1, 10));
        Assert.Equal(high, high.AtLeast(int.MaxValue, 10));
    }
}

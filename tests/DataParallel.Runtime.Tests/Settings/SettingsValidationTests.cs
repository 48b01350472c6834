using System;
using Xunit;

namespace DataParallel.Runtime.Tests.Settings;

/// <summary>
/// Invalid settings must be refused where they are given, not discovered later inside a parallel call. Only invalid
/// values are set globally here: a valid global change would leak into tests running in parallel.
/// </summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void MaxDegreeOfParallelism_below_one_is_refused(int value)
    {
        int before = DataParallelSettings.MaxDegreeOfParallelism;

        Assert.Throws<ArgumentOutOfRangeException>(() => DataParallelSettings.MaxDegreeOfParallelism = value);
        Assert.Equal(before, DataParallelSettings.MaxDegreeOfParallelism);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Override_with_a_degree_of_parallelism_below_one_is_refused_and_opens_no_scope(int value)
    {
        int before = DataParallelSettings.MaxDegreeOfParallelism;

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DataParallelSettings.Override(maxDegreeOfParallelism: value));

        Assert.Equal("maxDegreeOfParallelism", error.ParamName);
        Assert.Equal(before, DataParallelSettings.MaxDegreeOfParallelism);
    }

    [Fact]
    public void Undefined_mode_is_refused()
    {
        ExecutionMode before = DataParallelSettings.Mode;

        Assert.Throws<ArgumentOutOfRangeException>(() => DataParallelSettings.Mode = (ExecutionMode)42);
        Assert.Throws<ArgumentOutOfRangeException>(() => DataParallelSettings.Override(mode: (ExecutionMode)(-1)));
        Assert.Equal(before, DataParallelSettings.Mode);
    }

    [Fact]
    public void Undefined_width_is_refused()
    {
        SimdWidth before = DataParallelSettings.Width;

        Assert.Throws<ArgumentOutOfRangeException>(() => DataParallelSettings.Width = (SimdWidth)99);
        Assert.Throws<ArgumentOutOfRangeException>(() => DataParallelSettings.Override(width: (SimdWidth)5));
        Assert.Equal(before, DataParallelSettings.Width);
    }
}

using System;
using System.Threading;
using Xunit;

namespace DataParallel.Runtime.Tests.Settings;

/// <summary>
/// <see cref="DataParallelSettings.Override"/> is what the differential tests use to pin a width, a thread count and a
/// mode for one call; these tests make sure scopes nest, restore exactly what was in force, and stay on their thread.
/// </summary>
public sealed class SettingsOverrideTests
{
    [Fact]
    public void Override_changes_only_the_values_it_is_given()
    {
        ExecutionMode modeBefore = DataParallelSettings.Mode;
        int dopBefore = DataParallelSettings.MaxDegreeOfParallelism;

        using (DataParallelSettings.Override(width: SimdWidth.Vector128))
        {
            Assert.Equal(SimdWidth.Vector128, DataParallelSettings.Width);
            Assert.Equal(modeBefore, DataParallelSettings.Mode);
            Assert.Equal(dopBefore, DataParallelSettings.MaxDegreeOfParallelism);
        }
    }

    [Fact]
    public void Nested_scopes_inherit_from_the_outer_scope_and_restore_it_on_dispose()
    {
        SimdWidth widthBefore = DataParallelSettings.Width;
        ExecutionMode modeBefore = DataParallelSettings.Mode;
        int dopBefore = DataParallelSettings.MaxDegreeOfParallelism;

        using (DataParallelSettings.Override(mode: ExecutionMode.Sequential, maxDegreeOfParallelism: 3))
        {
            using (DataParallelSettings.Override(width: SimdWidth.Scalar))
            {
                Assert.Equal(ExecutionMode.Sequential, DataParallelSettings.Mode);
                Assert.Equal(3, DataParallelSettings.MaxDegreeOfParallelism);
                Assert.Equal(SimdWidth.Scalar, DataParallelSettings.Width);

                using (DataParallelSettings.Override(mode: ExecutionMode.Scalar, maxDegreeOfParallelism: 1))
                {
                    Assert.Equal(ExecutionMode.Scalar, DataParallelSettings.Mode);
                    Assert.Equal(1, DataParallelSettings.MaxDegreeOfParallelism);
                    Assert.Equal(SimdWidth.Scalar, DataParallelSettings.Width);
                }

                Assert.Equal(ExecutionMode.Sequential, DataParallelSettings.Mode);
                Assert.Equal(3, DataParallelSettings.MaxDegreeOfParallelism);
            }

            Assert.Equal(widthBefore, DataParallelSettings.Width);
            Assert.Equal(ExecutionMode.Sequential, DataParallelSettings.Mode);
        }

        Assert.Equal(widthBefore, DataParallelSettings.Width);
        Assert.Equal(modeBefore, DataParallelSettings.Mode);
        Assert.Equal(dopBefore, DataParallelSettings.MaxDegreeOfParallelism);
    }

    [Fact]
    public void Disposing_a_scope_twice_is_harmless()
    {
        SimdWidth widthBefore = DataParallelSettings.Width;
        IDisposable scope = DataParallelSettings.Override(width: SimdWidth.Vector256);

        scope.Dispose();
        scope.Dispose();

        Assert.Equal(widthBefore, DataParallelSettings.Width);
    }

    [Fact]
    public void Disposing_an_outer_scope_before_the_inner_one_throws_and_leaves_the_inner_one_in_force()
    {
        IDisposable outer = DataParallelSettings.Override(width: SimdWidth.Vector128);
        IDisposable inner = DataParallelSettings.Override(width: SimdWidth.Vector512);
        try
        {
            Assert.Throws<InvalidOperationException>(outer.Dispose);
            Assert.Equal(SimdWidth.Vector512, DataParallelSettings.Width);
        }
        finally
        {
            inner.Dispose();
            outer.Dispose();
        }
    }

    [Fact]
    public void A_scope_affects_only_the_thread_that_opened_it()
    {
        ExecutionMode seenElsewhere = ExecutionMode.Scalar;
        ExecutionMode globalMode = DataParallelSettings.Mode;

        using (DataParallelSettings.Override(mode: globalMode == ExecutionMode.Scalar ? ExecutionMode.Sequential : ExecutionMode.Scalar))
        {
            var other = new Thread(() => seenElsewhere = DataParallelSettings.Mode);
            other.Start();
            other.Join();
        }

        Assert.Equal(globalMode, seenElsewhere);
    }

    [Fact]
    public void A_scope_disposed_on_another_thread_throws()
    {
        IDisposable scope = DataParallelSettings.Override(width: SimdWidth.Vector128);
        try
        {
            Exception? error = null;
            var other = new Thread(() => error = Record.Exception(scope.Dispose));
            other.Start();
            other.Join();

            Assert.IsType<InvalidOperationException>(error);
            Assert.Equal(SimdWidth.Vector128, DataParallelSettings.Width);
        }
        finally
        {
            scope.Dispose();
        }
    }

    [Fact]
    public void Effective_width_resolves_Auto_to_the_hardware_width_and_keeps_explicit_widths()
    {
        using (DataParallelSettings.Override(width: SimdWidth.Auto))
            Assert.Equal(DataParallelSettings.HardwareWidth, DataParallelSettings.EffectiveWidth);

        foreach (SimdWidth explicitWidth in new[] { SimdWidth.Scalar, SimdWidth.Vector128, SimdWidth.Vector256, SimdWidth.Vector512 })
        {
            using (DataParallelSettings.Override(width: explicitWidth))
                Assert.Equal(explicitWidth, DataParallelSettings.EffectiveWidth);
        }
    }

    [Fact]
    public void Hardware_width_is_never_Auto()
        => Assert.NotEqual(SimdWidth.Auto, DataParallelSettings.HardwareWidth);
}

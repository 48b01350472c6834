using System;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Increments and decrements used as values (<c>x[i + k++]</c>, <c>while (n-- &gt; 0)</c>): the update runs before
/// the statement, before each loop test, or under the guard of its side of <c>?:</c> and <c>&amp;&amp;</c>, and the
/// expression reads the value before (postfix) or after (prefix) it. Where the same expression reads the variable
/// again, that order would differ from C#'s, and the kernel runs as written with DP3001.
/// </summary>
public sealed class IncrementValueDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Countdown(int i, int steps, ReadOnlySpan<float> x, Span<float> y)
            {
                float v = x[i];
                while (steps-- > 0)
                    v = v * 0.5f + 1f;
                y[i] = v + steps;
            }

            [Parallel]
            public static void PerLaneCount(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                int n = (int)x[i] & 7;
                float acc = 0f;
                do
                    acc += 1.5f;
                while (--n > 0);
                y[i] = acc + n;
            }

            [Parallel]
            public static void Guarded(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                int k = 1;
                float v = x[i] > 0f ? x[i + k++] : 0f;
                int c = 0;
                if (x[i] < 0.5f && c++ < 1)
                    v += c;
                y[i] = v + k * 10 + c * 100;
            }

            [Parallel]
            public static void Narrow(int i, ReadOnlySpan<int> x, Span<int> y)
            {
                byte b = (byte)x[i];
                int before = b++;
                short s = (short)x[i];
                int after = --s;
                y[i] = before + b * 1000 + after + s;
            }
        }

        public static class Drivers
        {
            public static void CountdownGenerated(int steps, float[] x, float[] y) => Kernels.Countdown(steps, x, y);
            public static void CountdownScalar(int steps, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Countdown(i, steps, x, y); }
            public static void PerLaneCountGenerated(float[] x, float[] y) => Kernels.PerLaneCount(x, y);
            public static void PerLaneCountScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.PerLaneCount(i, x, y); }
            public static void GuardedGenerated(float[] x, float[] y) => Kernels.Guarded(0..y.Length, x, y);
            public static void GuardedScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Guarded(i, x, y); }
            public static void NarrowGenerated(int[] x, int[] y) => Kernels.Narrow(x, y);
            public static void NarrowScalar(int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.Narrow(i, x, y); }
        }
        """;

    private static readonly Lazy<KernelDrivers> s_drivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    private static void Check(string kernel, Func<int, object[]> arguments)
        => Differential.AssertGeneratedMatchesScalar(s_drivers.Value, kernel, arguments, DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Increments_in_loop_conditions_run_before_each_test()
    {
        foreach (int steps in new[] { -2, 0, 3 })
            Check("Countdown", size => [steps, TestValues.Floats(size, size), new float[size]]);
        Check("PerLaneCount", size => [TestValues.ModerateFloats(size, size + 1, 20f), new float[size]]);
    }

    [Fact]
    public void Increments_on_a_guarded_side_run_only_where_the_side_is_taken()
        // x is one longer: x[i + 1] is read where x[i] > 0.
        => Check("Guarded", size => [TestValues.Floats(size + 1, size + 2), new float[size]]);

    [Fact]
    public void Small_integer_increments_wrap_as_the_scalar_kernel_does()
        => Check("Narrow", size => [TestValues.Integers<int>(size, size + 3), new int[size]]);

    [Fact]
    public void Every_kernel_here_vectorises() => GeneratorHarness.Run(Source).AssertEveryKernelVectorises();

    [Theory]
    [InlineData("int k = 0; y[i] = x[i + k++] + x[i + k];")]
    [InlineData("int k = 0; k = k++ + 1; y[i] = x[i] + k;")]
    [InlineData("y[i]++; y[i] = y[i]++ + x[i];")]
    public void Increments_whose_order_would_change_run_scalar_and_say_so(string body)
        => GeneratorHarness.RunKernelBody("ReadOnlySpan<float> x, Span<float> y", body).AssertRunsScalarBecause("an increment used as a value");
}

using System;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Kernels that assign their own scalar parameters: each index's call gets its own copy of the arguments, so the
/// parameter is a local that starts with the value passed in — uniform until a per-index assignment makes it per
/// lane. These vectorise and run on every core like kernels that copy the parameter into a local first.
/// </summary>
public sealed class AssignedParameterDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Capped(int i, float limit, ReadOnlySpan<float> x, Span<float> y)
            {
                if (limit < 0f)
                    limit = 0f;
                y[i] = MathF.Min(x[i], limit);
            }

            [Parallel]
            public static void Halved(int i, int n, ReadOnlySpan<int> x, Span<int> y)
            {
                n /= 2;
                n += 3;
                y[i] = x[i] * n;
            }

            [Parallel]
            public static void Countdown(int i, int steps, ReadOnlySpan<float> x, Span<float> y)
            {
                float v = x[i];
                while (steps > 0)
                {
                    v = v * 0.5f + 1f;
                    steps--;
                }
                y[i] = v;
            }

            [Parallel]
            public static void NextIndex(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                int j = i;
                i = i + 1;
                y[j] = x[i] - x[j];
            }

            [Parallel]
            public static void PerLane(int i, float a, float b, ReadOnlySpan<float> x, Span<float> y)
            {
                if (x[i] < 0f)
                    (a, b) = (b, a);
                y[i] = a * x[i] + b;
            }
        }

        public static class Drivers
        {
            public static void CappedGenerated(float limit, float[] x, float[] y) => Kernels.Capped(limit, x, y);
            public static void CappedScalar(float limit, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Capped(i, limit, x, y); }
            public static void HalvedGenerated(int n, int[] x, int[] y) => Kernels.Halved(n, x, y);
            public static void HalvedScalar(int n, int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.Halved(i, n, x, y); }
            public static void CountdownGenerated(int steps, float[] x, float[] y) => Kernels.Countdown(steps, x, y);
            public static void CountdownScalar(int steps, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Countdown(i, steps, x, y); }
            public static void NextIndexGenerated(float[] x, float[] y) => Kernels.NextIndex(0..y.Length, x, y);
            public static void NextIndexScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.NextIndex(i, x, y); }
            public static void PerLaneGenerated(float a, float b, float[] x, float[] y) => Kernels.PerLane(a, b, x, y);
            public static void PerLaneScalar(float a, float b, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.PerLane(i, a, b, x, y); }
        }
        """;

    private static readonly Lazy<KernelDrivers> s_drivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    private static void Check(string kernel, Func<int, object[]> arguments)
        => Differential.AssertGeneratedMatchesScalar(s_drivers.Value, kernel, arguments, DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void A_uniform_assigned_the_same_way_for_every_index_matches_the_scalar_kernel()
    {
        foreach (float limit in new[] { -1f, 0.5f, float.NaN })
            Check("Capped", size => [limit, TestValues.Floats(size, size), new float[size]]);
        foreach (int n in new[] { -7, 0, 9, int.MaxValue })
            Check("Halved", size => [n, TestValues.Integers<int>(size, size + 1), new int[size]]);
        foreach (int steps in new[] { -1, 0, 5 })
            Check("Countdown", size => [steps, TestValues.Floats(size, size + 2), new float[size]]);
    }

    [Fact]
    public void An_index_parameter_the_kernel_moves_reads_where_the_kernel_reads()
        // The last index reads x[size]: x is one longer.
        => Check("NextIndex", size => [TestValues.Floats(size + 1, size + 3), new float[size]]);

    [Fact]
    public void A_uniform_assigned_per_index_becomes_per_lane()
        => Check("PerLane", size => [2f, -3f, TestValues.Floats(size, size + 4), new float[size]]);

    [Fact]
    public void Every_kernel_here_vectorises() => GeneratorHarness.Run(Source).AssertEveryKernelVectorises();
}

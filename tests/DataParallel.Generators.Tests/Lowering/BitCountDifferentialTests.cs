using System;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// <c>BitOperations.PopCount/LeadingZeroCount/TrailingZeroCount</c> and the generic-math statics of the same names
/// vectorise through <c>Dp::BitLanes</c>: exact for every value, 0 (all zeros) and single bits included, with each
/// spelling's own result type (<c>int.PopCount</c> is an int, <c>ulong.LeadingZeroCount</c> a ulong).
/// </summary>
public sealed class BitCountDifferentialTests
{
    private const string Source = """
        using System;
        using System.Numerics;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Counts32(int i, ReadOnlySpan<uint> u, ReadOnlySpan<int> s, Span<int> y)
                => y[i] = BitOperations.PopCount(u[i]) + 100 * BitOperations.LeadingZeroCount(u[i]) + 10000 * BitOperations.TrailingZeroCount(s[i])
                    + 1000000 * int.PopCount(s[i]) + 50000000 * (int)(uint.LeadingZeroCount(u[i]) & 7) + int.TrailingZeroCount(s[i] >> 3);

            [Parallel]
            public static void Counts64(int i, ReadOnlySpan<ulong> u, ReadOnlySpan<long> s, Span<long> y)
                => y[i] = BitOperations.PopCount(u[i]) + 100L * BitOperations.LeadingZeroCount(u[i]) + 10000L * BitOperations.TrailingZeroCount(s[i])
                    + 1000000L * long.PopCount(s[i]) + 100000000L * (long)ulong.TrailingZeroCount(u[i]) + (long)(ulong.LeadingZeroCount(u[i] >> 5) << 40);

            [Parallel]
            public static void Mixed(int i, ReadOnlySpan<ulong> u, ReadOnlySpan<float> x, Span<float> y)
            {
                // 64-bit counts narrowed into a kernel that also computes in 32-bit lanes, under a per-index condition.
                int bits = BitOperations.PopCount(u[i]);
                y[i] = x[i] > 0f ? x[i] * bits : BitOperations.Log2(1u) + BitOperations.TrailingZeroCount(u[i]);
            }
        }

        public static class Drivers
        {
            public static void Counts32Generated(uint[] u, int[] s, int[] y) => Kernels.Counts32(u, s, y);
            public static void Counts32Scalar(uint[] u, int[] s, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.Counts32(i, u, s, y); }
            public static void Counts64Generated(ulong[] u, long[] s, long[] y) => Kernels.Counts64(u, s, y);
            public static void Counts64Scalar(ulong[] u, long[] s, long[] y) { for (int i = 0; i < y.Length; i++) Kernels.Counts64(i, u, s, y); }
            public static void MixedGenerated(ulong[] u, float[] x, float[] y) => Kernels.Mixed(u, x, y);
            public static void MixedScalar(ulong[] u, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Mixed(i, u, x, y); }
        }
        """;

    private static readonly Lazy<KernelDrivers> s_drivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    private static void Check(string kernel, Func<int, object[]> arguments)
        => Differential.AssertGeneratedMatchesScalar(s_drivers.Value, kernel, arguments, DomainSizes.Standard, ElementComparison.Bitwise);

    /// <summary>Random bits, shifted by random amounts so that every leading and trailing zero count occurs, and the specials.</summary>
    private static ulong[] Bits(int size, int seed)
    {
        var random = new Random(seed);
        ulong[] values = TestValues.Integers<ulong>(size, seed);
        for (int i = 0; i < size; i++)
        {
            values[i] = (i % 4) switch
            {
                0 => values[i],
                1 => 1ul << random.Next(64),
                2 => values[i] >> random.Next(64),
                _ => values[i] << random.Next(64),
            };
        }
        return values;
    }

    [Fact]
    public void Thirty_two_bit_counts_match_the_scalar_methods()
        => Check("Counts32", size => [Array.ConvertAll(Bits(size, size), v => (uint)v), Array.ConvertAll(Bits(size, size + 1), v => (int)(v >> 32)), new int[size]]);

    [Fact]
    public void Sixty_four_bit_counts_match_the_scalar_methods()
        => Check("Counts64", size => [Bits(size, size + 2), Array.ConvertAll(Bits(size, size + 3), v => (long)v), new long[size]]);

    [Fact]
    public void Narrowed_counts_under_a_condition_match_the_scalar_kernel()
        => Check("Mixed", size => [Bits(size, size + 4), TestValues.Floats(size, size + 5), new float[size]]);

    [Fact]
    public void Every_count_vectorises_except_Log2()
        // BitOperations.Log2 has no lowering: the one kernel using it says so.
        => GeneratorHarness.Run(Source).AssertRunsScalarBecause("the call of BitOperations.Log2");

    [Theory]
    [InlineData("Counts32")]
    [InlineData("Counts64")]
    public void Kernels_of_counts_vectorise(string kernel)
        => Assert.Contains("Execute256(", GeneratorHarness.Run(Source).GeneratedSourceOf(kernel), StringComparison.Ordinal);
}

using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Kernels whose per-lane values are carried around a uniform loop run several vectors side by side
/// (<c>LaneJamming</c>): the copies share the loop's header, uniform locals, ifs, breaks and continues, and each keeps
/// its own per-lane locals. Sizes straddle the jammed step (four vectors), the single-vector loop and the tail.
/// </summary>
public sealed class LaneJammingDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Fir(int i, ReadOnlySpan<float> taps, ReadOnlySpan<float> x, Span<float> y)
            {
                float sum = 0f;
                for (int t = 0; t < taps.Length; t++)
                    sum += taps[t] * x[i + t];
                y[i] = sum;
            }

            [Parallel]
            public static void Banded(int i, int skip, ReadOnlySpan<float> w, ReadOnlySpan<float> x, Span<float> y)
            {
                float sum = 0f, top = float.MinValue;
                for (int t = 0; t < w.Length; t++)
                {
                    if (t == skip)
                        continue;
                    float weight = w[t];
                    if (weight > 0.9f)
                        break;
                    float v = x[2 * i + t];
                    sum += weight * v;
                    top = Math.Max(top, v);
                }
                y[i] = sum + top;
            }

            [Parallel]
            public static void Nested(int i, int rows, int cols, ReadOnlySpan<double> x, Span<double> y)
            {
                double acc = 0d;
                for (int r = 0; r < rows; r++)
                {
                    double row = 0d;
                    for (int c = 0; c < cols; c++)
                        row = row * 0.5d + x[i + r * cols + c];
                    acc += row * row;
                }
                y[i] = acc;
            }

            [Parallel]
            public static void Mix(int i, int rounds, ReadOnlySpan<int> x, Span<int> y)
            {
                int h = x[i];
                for (int r = 0; r < rounds; r++)
                    h = (h ^ (h >> 7)) * 31 + r;
                y[i] = h;
            }
        }

        public static class Drivers
        {
            public static void FirGenerated(float[] taps, float[] x, float[] y) => Kernels.Fir(0..y.Length, taps, x, y);

            public static void FirScalar(float[] taps, float[] x, float[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.Fir(i, taps, x, y);
            }

            public static void BandedGenerated(int skip, float[] w, float[] x, float[] y) => Kernels.Banded(0..y.Length, skip, w, x, y);

            public static void BandedScalar(int skip, float[] w, float[] x, float[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.Banded(i, skip, w, x, y);
            }

            public static void NestedGenerated(int rows, int cols, double[] x, double[] y) => Kernels.Nested(0..y.Length, rows, cols, x, y);

            public static void NestedScalar(int rows, int cols, double[] x, double[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.Nested(i, rows, cols, x, y);
            }

            public static void MixGenerated(int rounds, int[] x, int[] y) => Kernels.Mix(rounds, x, y);

            public static void MixScalar(int rounds, int[] x, int[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.Mix(i, rounds, x, y);
            }
        }
        """;

    private static readonly int[] Sizes = DomainSizes.Standard.Concat([63, 64, 65, 127, 128, 129, 131]).Distinct().Order().ToArray();

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    [Theory]
    [InlineData("Fir", "sum")]
    [InlineData("Banded", "top")]
    [InlineData("Nested", "acc")]
    [InlineData("Mix", "h")]
    public void Every_kernel_here_is_jammed(string kernel, string carried)
    {
        string generated = GeneratorHarness.Run(Source).GeneratedSources
            .Single(s => s.HintName.Contains($".{kernel}Kernel_", System.StringComparison.Ordinal)).SourceText.ToString();
        // Copy 3 of the jammed step at each of the three vector widths, with its own copy of the carried value.
        Assert.Equal(3, generated.Split('\n').Count(line => line.Contains("int __i3 = i + ", System.StringComparison.Ordinal)));
        Assert.Contains($"{carried}__3", generated, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_filter_with_a_uniform_tap_loop_matches_bit_for_bit()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Fir",
            size => [TestValues.ModerateFloats(7, seed: 3), TestValues.Floats(size + 6, seed: size), new float[size]],
            Sizes, ElementComparison.Bitwise);

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(3)]
    public void Uniform_continue_break_and_locals_are_shared_by_the_copies(int skip)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Banded",
            size => [skip, TestValues.SmallIntegers<int>(9, seed: skip + 10, 0, 100).Select(v => v / 100f).ToArray(), TestValues.Floats(2 * size + 9, seed: size), new float[size]],
            Sizes, ElementComparison.Bitwise);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 5)]
    [InlineData(3, 4)]
    public void Nested_uniform_loops_over_doubles_match_bit_for_bit(int rows, int cols)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Nested",
            size => [rows, cols, TestValues.Doubles(size + rows * cols, seed: size), new double[size]],
            Sizes, ElementComparison.Bitwise);

    [Fact]
    public void Integer_chains_match_exactly()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Mix",
            size => [5, TestValues.Integers<int>(size, seed: size), new int[size]],
            Sizes, ElementComparison.Bitwise);

    // ---------------------------------------------------------------- edge cases (LaneJammingEdgeSource)

    private static readonly System.Lazy<KernelDrivers> s_edges = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(LaneJammingEdgeSource.Source)));

    [Theory]
    [InlineData("Box", "sum")]
    [InlineData("Depth", "acc")]
    [InlineData("Small", "acc")]
    [InlineData("Mixed", "acc")]
    [InlineData("Inner", "s")]
    [InlineData("DoWhile", "h")]
    [InlineData("Checked", "acc")]
    [InlineData("Guarded", "s")]
    [InlineData("Horner", "p")]
    [InlineData("Window", "s")]
    [InlineData("Head", "s")]
    [InlineData("Rounds", "h")]
    public void Every_edge_kernel_is_jammed(string kernel, string carried)
    {
        string generated = GeneratorHarness.Run(LaneJammingEdgeSource.Source).GeneratedSources
            .Single(s => s.HintName.Contains($".{kernel}Kernel_", System.StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains($"{carried}__1", generated, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(2, 3)]
    [InlineData(3, 5)]
    public void Two_dimensional_rows_match_bit_for_bit(int rows, int n)
        => Differential.AssertGeneratedMatchesScalar(s_edges.Value, "Box",
            size => [rows, n, TestValues.Floats(rows * (size + n), seed: size), new float[rows * size]],
            Sizes, ElementComparison.Bitwise);

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Three_dimensional_blocks_match_exactly(int n)
        => Differential.AssertGeneratedMatchesScalar(s_edges.Value, "Depth",
            size => [2, 3, n, TestValues.Integers<int>(6 * size + n, seed: size), new int[6 * size]],
            Sizes, ElementComparison.Bitwise);

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void Byte_and_short_chains_wrap_as_scalar_does(int n)
        => Differential.AssertGeneratedMatchesScalar(s_edges.Value, "Small",
            size => [n, TestValues.Integers<byte>(size + n, seed: size), new short[size]],
            Sizes, ElementComparison.Bitwise);

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Int_and_long_chains_side_by_side_match_exactly(int n)
        => Differential.AssertGeneratedMatchesScalar(s_edges.Value, "Mixed",
            size => [n, TestValues.Integers<int>(size + n, seed: size), new long[size]],
            Sizes, ElementComparison.Bitwise);

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void A_uniform_local_declared_in_the_loop_is_read_by_every_copy(int n)
        => Differential.AssertGeneratedMatchesScalar(s_edges.Value, "Inner",
            size => [n, 0.25f, TestValues.Floats(size + 2 * n, seed: size), new float[size]],
            Sizes, ElementComparison.Bitwise);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(9)]
    public void A_uniform_do_while_loop_runs_its_body_at_least_once(int n)
        => Differential.AssertGeneratedMatchesScalar(s_edges.Value, "DoWhile",
            size => [n, TestValues.Integers<int>(size, seed: size), new int[size]],
            Sizes, ElementComparison.Bitwise);

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public void Checked_chains_without_overflow_match_exactly(int n)
        => Differential.AssertGeneratedMatchesScalar(s_edges.Value, "Checked",
            size => [n, TestValues.SmallIntegers<int>(size, seed: size, -1000, 1000), new int[size]],
            Sizes, ElementComparison.Bitwise);

    [Theory]
    [InlineData(40, 0)]
    [InlineData(40, 17)]
    [InlineData(40, 39)]
    [InlineData(131, 130)]
    public void Overflow_in_any_copy_of_a_checked_chain_throws_as_scalar_does(int size, int lane)
    {
        int[] x = TestValues.SmallIntegers<int>(size, seed: lane, -1000, 1000);
        x[lane] = int.MaxValue / 3;
        Assert.Throws<System.OverflowException>(() => s_edges.Value.Invoke("CheckedScalar", 4, x.Clone(), new int[size]));
        foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
        {
            using (configuration.Apply())
                Assert.Throws<System.OverflowException>(() => s_edges.Value.Invoke("CheckedGenerated", 4, x.Clone(), new int[size]));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(12)]
    public void Guarded_loads_past_the_end_take_the_other_branch_in_every_copy(int n)
        => Differential.AssertGeneratedMatchesScalar(s_edges.Value, "Guarded",
            size => [n, TestValues.Floats(size, seed: size), new float[size]],
            Sizes, ElementComparison.Bitwise);

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void FastMath_chains_stay_within_a_few_ulps(int terms)
        => Differential.AssertGeneratedMatchesScalar(s_edges.Value, "Horner",
            size => [TestValues.SmallIntegers<int>(terms, seed: terms, 1, 100).Select(v => v / 100f).ToArray(),
                TestValues.SmallIntegers<int>(size, seed: size, 0, 100).Select(v => v / 100f).ToArray(), new float[size]],
            Sizes, ElementComparison.WithinUlps(16));

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void A_span_local_sliced_in_the_loop_is_shared_by_the_copies(int n)
        => Differential.AssertGeneratedMatchesScalar(s_edges.Value, "Window",
            size => [n, TestValues.Floats(size + n, seed: size), new float[size]],
            Sizes, ElementComparison.Bitwise);

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void A_loop_bounded_by_a_span_local_length_matches_bit_for_bit(int n)
        => Differential.AssertGeneratedMatchesScalar(s_edges.Value, "Head",
            size => [n, TestValues.Floats(size + n, seed: size), new float[size]],
            Sizes, ElementComparison.Bitwise);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(7, 1)]
    [InlineData(9, 2)]
    public void Local_functions_switches_patterns_rotations_and_power_of_two_division_in_the_chain_match_exactly(int n, int mode)
        => Differential.AssertGeneratedMatchesScalar(s_edges.Value, "Rounds",
            size => [n, mode, TestValues.Integers<uint>(size, seed: size), new uint[size]],
            Sizes, ElementComparison.Bitwise);

    [Fact]
    public void A_loop_with_a_per_lane_variable_in_its_header_is_not_jammed()
    {
        // The copies share one loop header; a per-lane header variable would need one per copy (it did not compile).
        string generated = GeneratorHarness.Run(LaneJammingEdgeSource.Source).GeneratedSources
            .Single(s => s.HintName.Contains(".HeaderKernel_", System.StringComparison.Ordinal)).SourceText.ToString();
        Assert.Contains("Execute256(", generated, System.StringComparison.Ordinal);
        Assert.DoesNotContain("acc__1", generated, System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void A_per_lane_variable_of_the_loop_header_matches_exactly(int n)
        => Differential.AssertGeneratedMatchesScalar(s_edges.Value, "Header",
            size => [n, TestValues.Integers<int>(size, seed: size), new int[size]],
            Sizes, ElementComparison.Bitwise);
}

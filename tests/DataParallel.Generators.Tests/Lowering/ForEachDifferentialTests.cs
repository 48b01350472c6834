using System;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// <c>foreach</c> over a span — a parameter, a span local, a slice — is the counted loop C# compiles it to, with
/// the view taken once before the first iteration; <c>break</c> and <c>continue</c> work as in any loop. Forms it
/// does not cover (an element converted to another type, a <c>ref</c> iteration variable) run as written, and DP3001
/// names the loop.
/// </summary>
public sealed class ForEachDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Weighted(int i, ReadOnlySpan<float> weights, ReadOnlySpan<float> x, Span<float> y)
            {
                float sum = 0f;
                int k = 0;
                foreach (float w in weights)
                    sum += w * x[i + k++];
                y[i] = sum;
            }

            [Parallel]
            public static void FirstAbove(int i, ReadOnlySpan<int> thresholds, ReadOnlySpan<int> x, Span<int> rank)
            {
                int r = 0;
                foreach (var t in thresholds.Slice(1))
                {
                    if (t < 0)
                        continue;
                    if (x[i] < t)
                        break;
                    r++;
                }
                rank[i] = r;
            }

            [Parallel(Dimensions = 2)]
            public static void RowSums(int r, int c, int n, ReadOnlySpan<double> a, ReadOnlySpan<double> scale, Span<double> y)
            {
                ReadOnlySpan<double> row = a.Slice(r * n, n);
                double sum = 0;
                foreach (double v in row)
                    foreach (double s in scale)
                        sum += v * s;
                y[r * n + c] = sum + c;
            }
        }

        public static class Drivers
        {
            public static void WeightedGenerated(float[] weights, float[] x, float[] y) => Kernels.Weighted(0..y.Length, weights, x, y);
            public static void WeightedScalar(float[] weights, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Weighted(i, weights, x, y); }
            public static void FirstAboveGenerated(int[] thresholds, int[] x, int[] rank) => Kernels.FirstAbove(0..rank.Length, thresholds, x, rank);
            public static void FirstAboveScalar(int[] thresholds, int[] x, int[] rank) { for (int i = 0; i < rank.Length; i++) Kernels.FirstAbove(i, thresholds, x, rank); }
            public static void RowSumsGenerated(int rows, int n, double[] a, double[] scale, double[] y) => Kernels.RowSums(0..rows, 0..n, n, a, scale, y);
            public static void RowSumsScalar(int rows, int n, double[] a, double[] scale, double[] y) { for (int r = 0; r < rows; r++) for (int c = 0; c < n; c++) Kernels.RowSums(r, c, n, a, scale, y); }
        }
        """;

    private static readonly Lazy<KernelDrivers> s_drivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    private static void Check(string kernel, Func<int, object[]> arguments)
        => Differential.AssertGeneratedMatchesScalar(s_drivers.Value, kernel, arguments, DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void A_foreach_over_a_span_parameter_matches_the_scalar_kernel()
        // x holds the domain plus the 5 weights' reach.
        => Check("Weighted", size => [TestValues.Floats(5, size), TestValues.Floats(size + 4, size + 1), new float[size]]);

    [Fact]
    public void A_foreach_over_a_slice_with_break_and_continue_matches_the_scalar_kernel()
        => Check("FirstAbove", size => [new[] { 99, -5, 3, -1, 10, 400, 7 }, TestValues.SmallIntegers<int>(size, size + 2, -20, 500), new int[size]]);

    [Fact]
    public void Nested_foreach_over_span_locals_matches_the_scalar_kernel()
        => Check("RowSums", size => [3, size, TestValues.Doubles(3 * size, size + 3), TestValues.Doubles(4, size + 4), new double[3 * size]]);

    [Fact]
    public void Every_kernel_here_vectorises() => GeneratorHarness.Run(Source).AssertEveryKernelVectorises();

    [Theory]
    [InlineData("float sum = 0f; foreach (double w in x) sum += (float)w; y[i] = sum;")]
    [InlineData("float sum = 0f; foreach (ref readonly float w in x) sum += w; y[i] = sum;")]
    public void Foreach_loops_it_does_not_cover_run_scalar_and_say_so(string body)
        => GeneratorHarness.RunKernelBody("ReadOnlySpan<float> x, Span<float> y", body).AssertRunsScalarBecause("a foreach loop");
}

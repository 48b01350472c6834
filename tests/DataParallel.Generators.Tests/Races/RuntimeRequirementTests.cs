using System;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Analyzers;
using DataParallel.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace DataParallel.Generators.Tests.Races;

/// <summary>
/// DESIGN §5: where race freedom hinges on a fact only the call knows, the analyzers stay silent and the generated
/// entry point checks the fact before running, throwing an <see cref="ArgumentException"/> that names it — in every
/// mode and width, with nothing written. Calls that keep the fact run as the scalar kernel does.
/// </summary>
public sealed class RuntimeRequirementTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel(Dimensions = 2)]
            public static void Rgba(int i, int c, Span<int> px) => px[i * 4 + c] = i * 10 + c;

            [Parallel]
            public static void TreeStep(int i, int half, Span<float> data) => data[i] += data[i + half];

            [Parallel]
            public static void Block(int i, int n, int m, ReadOnlySpan<float> x, Span<float> y)
            {
                for (int j = 0; j < m; j++)
                    y[i * n + j] = x[j] + i;
            }

            [Parallel]
            public static void Saxpy(int i, float a, ReadOnlySpan<float> x, Span<float> y) => y[i] = a * x[i] + y[i];

            [Parallel]
            public static void Shift(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i + 1];

            [Parallel]
            public static void Wrap(int i, int n, ReadOnlySpan<float> b, Span<float> a) => a[i % n] = b[i] + 1f;

            [Parallel]
            public static void WrapShifted(int i, int n, int k, ReadOnlySpan<float> b, Span<float> a) => a[(i + k) % n] = b[i];

            [Parallel(Dimensions = 3)]
            public static void Clear(int i, int j, int k, int n, int m, Span<float> v) => v[(i * n + j) * m + k] = i + j + k;
        }

        public static class Drivers
        {
            public static void Rgba(int pixels, int channels, int[] px) => Kernels.Rgba(0..pixels, 0..channels, px);
            public static void TreeStep(int count, int half, float[] data) => Kernels.TreeStep(0..count, half, data);
            public static void Block(int rows, int n, int m, float[] x, float[] y) => Kernels.Block(0..rows, n, m, x, y);
            public static void Clear(int a, int b, int c, int n, int m, float[] v) => Kernels.Clear(0..a, 0..b, 0..c, n, m, v);
            public static void Wrap(int count, int n, float[] b, float[] a) => Kernels.Wrap(0..count, n, b, a);
            public static void WrapShifted(int count, int n, int k, float[] b, float[] a) => Kernels.WrapShifted(0..count, n, k, b, a);
            public static void SaxpyInPlace(float a, float[] y) => Kernels.Saxpy(a, y, y);
            public static void SaxpyShifted(float a, float[] y) => Kernels.Saxpy(a, y.AsSpan(1, 8), y.AsSpan(0, 8));
            public static void ShiftInPlace(float[] y) => Kernels.Shift(0..(y.Length - 1), y, y);
            public static void ShiftApart(float[] x, float[] y) => Kernels.Shift(0..(y.Length), x, y);
        }
        """;

    private static readonly Lazy<KernelDrivers> LoadedDrivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    private static KernelDrivers Drivers => LoadedDrivers.Value;

    private static void AssertRefused(string driver, string fact, Func<object[]> arguments)
    {
        foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
        {
            object[] args = arguments();
            object[] before = args.Select(a => a is Array array ? array.Clone() : a).ToArray();
            Exception? error;
            using (configuration.Apply())
                error = Record.Exception(() => Drivers.Invoke(driver, args));

            ArgumentException refused = Assert.IsType<ArgumentException>(error);
            Assert.Contains(fact, refused.Message);
            for (int position = 0; position < args.Length; position++)
            {
                if (args[position] is Array array)
                    Assert.True(ElementComparison.Bitwise.Mismatches((Array)before[position], array).Count == 0, $"{driver}, {configuration}: argument {position} was written before the call failed.");
            }
        }
    }

    [Fact]
    public async System.Threading.Tasks.Task The_analyzers_are_silent_on_kernels_whose_race_freedom_is_checked_at_run_time()
    {
        Compilation compilation = GeneratorHarness.Run(Source).OutputCompilation;
        ImmutableArray<Diagnostic> diagnostics = await compilation
            .WithAnalyzers(DataParallelAnalyzers.Create())
            .GetAnalyzerDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id.StartsWith("DP1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(2, 8)]
    public void A_channel_index_wider_than_its_radix_is_refused(int pixels, int channels)
        => AssertRefused("Rgba", "end(c) <= 4", () => [pixels, channels, new int[64]]);

    [Theory]
    [InlineData(8, 2)]
    [InlineData(8, -3)]
    [InlineData(5, 4)]
    public void A_distance_inside_the_domain_is_refused(int count, int half)
        => AssertRefused("TreeStep", "|half| >= extent(i)", () => [count, half, new float[32].Select((_, k) => (float)k).ToArray()]);

    [Fact]
    public void A_loop_longer_than_the_row_stride_is_refused()
        => AssertRefused("Block", "m <= n", () => [4, 3, 5, new float[5], new float[64]]);

    [Fact]
    public void Three_dimensional_rows_wider_than_their_strides_are_refused()
    {
        AssertRefused("Clear", "end(k) <= m", () => [2, 2, 5, 2, 4, new float[64]]);
        AssertRefused("Clear", "end(j) <= n", () => [2, 3, 2, 2, 2, new float[64]]);
    }

    [Theory]
    [InlineData(10, 4)]
    [InlineData(9, 8)]
    [InlineData(3, 0)]
    public void A_remainder_store_with_a_domain_wider_than_its_divisor_is_refused(int count, int n)
        => AssertRefused("Wrap", "extent(i) <= n", () => [count, n, Enumerable.Range(0, count).Select(k => (float)k).ToArray(), new float[16]]);

    [Fact]
    public void A_shifted_remainder_store_is_refused_past_its_divisor()
        => AssertRefused("WrapShifted", "extent(i) <= n", () => [7, 6, 3, new float[7], new float[16]]);

    [Fact]
    public void Remainder_stores_within_their_divisor_run_like_the_scalar_kernel()
    {
        foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
        {
            using (configuration.Apply())
            {
                foreach (int count in new[] { 0, 1, 5, 8, 13 })
                {
                    float[] b = Enumerable.Range(0, count).Select(k => (float)k).ToArray();
                    float[] a = new float[13];
                    Drivers.Invoke("Wrap", count, 13, b, a);
                    Assert.Equal(Enumerable.Range(0, 13).Select(k => k < count ? k + 1f : 0f), a);
                }

                float[] shifted = new float[9];
                Drivers.Invoke("WrapShifted", 9, 9, 4, Enumerable.Range(0, 9).Select(k => (float)k).ToArray(), shifted);
                Assert.Equal(Enumerable.Range(0, 9).Select(e => (float)((e - 4 + 9) % 9)), shifted);
            }
        }
    }

    [Fact]
    public void Calls_that_keep_the_facts_run_like_the_scalar_kernel()
    {
        foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
        {
            using (configuration.Apply())
            {
                int[] px = new int[40];
                Drivers.Invoke("Rgba", 10, 4, px);
                Assert.Equal(Enumerable.Range(0, 40).Select(k => k / 4 * 10 + k % 4), px);

                float[] data = Enumerable.Range(0, 16).Select(k => (float)k).ToArray();
                Drivers.Invoke("TreeStep", 8, 8, data);
                Assert.Equal(Enumerable.Range(0, 16).Select(k => k < 8 ? 2f * k + 8f : k), data);

                float[] zero = Enumerable.Range(0, 4).Select(k => (float)k).ToArray();
                Drivers.Invoke("TreeStep", 4, 0, zero);
                Assert.Equal(new[] { 0f, 2f, 4f, 6f }, zero);

                float[] y = new float[12];
                Drivers.Invoke("Block", 3, 4, 3, new[] { 1f, 2f, 3f }, y);
                Assert.Equal(new[] { 1f, 2f, 3f, 0f, 2f, 3f, 4f, 0f, 3f, 4f, 5f, 0f }, y);

                float[] v = new float[2 * 3 * 4];
                Drivers.Invoke("Clear", 2, 3, 4, 3, 4, v);
                Assert.Equal(Enumerable.Range(0, 24).Select(k => (float)(k / 12 + k / 4 % 3 + k % 4)), v);
            }
        }
    }

    [Fact]
    public void The_same_span_for_input_and_output_runs_where_the_merged_kernel_is_race_free()
    {
        foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
        {
            using (configuration.Apply())
            {
                float[] y = Enumerable.Range(0, 50).Select(k => (float)k).ToArray();
                Drivers.Invoke("SaxpyInPlace", 2f, y);
                Assert.Equal(Enumerable.Range(0, 50).Select(k => 3f * k), y);

                float[] x = Enumerable.Range(0, 41).Select(k => (float)k).ToArray();
                float[] shifted = new float[40];
                Drivers.Invoke("ShiftApart", x, shifted);
                Assert.Equal(Enumerable.Range(1, 40).Select(k => (float)k), shifted);
            }
        }
    }

    [Fact]
    public void Overlapping_spans_are_refused_where_the_analysis_assumed_different_memory()
    {
        AssertOverlapRefused("ShiftInPlace", () => [Enumerable.Range(0, 41).Select(k => (float)k).ToArray()]);
        AssertOverlapRefused("SaxpyShifted", () => [2f, Enumerable.Range(0, 9).Select(k => (float)k).ToArray()]);
    }

    private static void AssertOverlapRefused(string driver, Func<object[]> arguments)
    {
        foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
        {
            object[] args = arguments();
            object[] before = args.Select(a => a is Array array ? array.Clone() : a).ToArray();
            Exception? error;
            using (configuration.Apply())
                error = Record.Exception(() => Drivers.Invoke(driver, args));
            ArgumentException refused = Assert.IsType<ArgumentException>(error);
            Assert.Contains("overlap", refused.Message);
            for (int position = 0; position < args.Length; position++)
            {
                if (args[position] is Array array)
                    Assert.True(ElementComparison.Bitwise.Mismatches((Array)before[position], array).Count == 0, $"{driver}, {configuration}: argument {position} was written before the call failed.");
            }
        }
    }
}

using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.BadInput;

/// <summary>
/// DESIGN §1 and §3: bad arguments throw <see cref="ArgumentException"/> before any element is written, in every
/// mode and width, and no input makes generated code touch memory outside a span.
/// </summary>
public sealed class BadInputTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Saxpy(int i, float a, ReadOnlySpan<float> x, Span<float> y)
                => y[i] = a * x[i] + y[i];

            [Parallel]
            public static void Smooth(int i, ReadOnlySpan<float> x, Span<float> y)
                => y[i] = x[i - 1] + 2f * x[i] + x[i + 1];

            [Parallel]
            public static void ScaleByWeight(int i, int k, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y)
                => y[i] = x[i] * w[k];

            [Parallel]
            public static void Gather(int i, ReadOnlySpan<int> index, ReadOnlySpan<float> x, Span<float> y)
                => y[i] = x[index[i]];

            [Parallel(Dimensions = 2)]
            public static void Scale2D(int row, int col, int n, ReadOnlySpan<float> a, Span<float> c)
                => c[row * n + col] = a[row * n + col] * 2f;
        }

        public static class Drivers
        {
            public static void Saxpy(float a, float[] x, float[] y) => Kernels.Saxpy(a, x, y);
            public static void SaxpyRange(int start, int end, float a, float[] x, float[] y) => Kernels.Saxpy(start..end, a, x, y);
            public static void SaxpyReversed(float a, float[] x, float[] y) => Kernels.Saxpy(5..2, a, x, y);
            public static void SmoothWholeTail(float[] x, float[] y) => Kernels.Smooth(1..^0, x, y);
            public static void SmoothFromZero(float[] x, float[] y) => Kernels.Smooth(0..^1, x, y);
            public static void SmoothInterior(float[] x, float[] y) => Kernels.Smooth(1..^1, x, y);
            public static void ScaleByWeight(int k, float[] x, float[] w, float[] y) => Kernels.ScaleByWeight(k, x, w, y);
            public static void Gather(int[] index, float[] x, float[] y) => Kernels.Gather(index, x, y);
            public static void Scale2D(int rows, int cols, int n, float[] a, float[] c) => Kernels.Scale2D(0..rows, 0..cols, n, a, c);
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    /// <summary>Runs the call under every configuration; it must throw an exception of type <typeparamref name="TException"/> (or derived) and leave every array as it was.</summary>
    private static void AssertRejectedWithNothingWritten<TException>(string driver, Func<object[]> arguments) where TException : Exception
        => AssertRejectedWithNothingWritten<TException>(Drivers, driver, arguments);

    /// <summary>As above, for the drivers of another source; <paramref name="naming"/>, when given, is text the exception's message must contain (the fact it names).</summary>
    internal static void AssertRejectedWithNothingWritten<TException>(KernelDrivers drivers, string driver, Func<object[]> arguments, string? naming = null) where TException : Exception
    {
        foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
        {
            object[] args = arguments();
            object[] before = args.Select(a => a is Array array ? array.Clone() : a).ToArray();

            Exception? error;
            using (configuration.Apply())
                error = Record.Exception(() => drivers.Invoke(driver, args));

            Assert.True(error is TException, $"{driver}, {configuration}: expected {typeof(TException).Name}, got {error?.GetType().Name ?? "no exception"}.\n{error}");
            if (naming is not null)
                Assert.Contains(naming, error!.Message);
            for (int position = 0; position < args.Length; position++)
            {
                if (args[position] is Array array)
                    Assert.True(ElementComparison.Bitwise.Mismatches((Array)before[position], array).Count == 0, $"{driver}, {configuration}: argument {position} was written before the call failed.");
            }
        }
    }

    private static float[] Data(int length, int seed) => TestValues.ModerateFloats(length, seed);

    [Theory]
    [InlineData(10, 11)]
    [InlineData(11, 10)]
    [InlineData(0, 1)]
    [InlineData(1000, 999)]
    public void Spans_of_different_lengths_are_rejected(int xLength, int yLength)
        => AssertRejectedWithNothingWritten<ArgumentException>("Saxpy", () => [2f, Data(xLength, 1), Data(yLength, 2)]);

    [Fact]
    public void A_reversed_range_is_rejected()
        => AssertRejectedWithNothingWritten<ArgumentException>("SaxpyReversed", () => [2f, Data(10, 1), Data(10, 2)]);

    [Theory]
    [InlineData(0, 11, 10)]
    [InlineData(0, 1001, 1000)]
    [InlineData(5, 11, 10)]
    [InlineData(9, 17, 16)]
    public void A_range_beyond_the_spans_is_rejected(int start, int end, int length)
        => AssertRejectedWithNothingWritten<ArgumentException>("SaxpyRange", () => [start, end, 2f, Data(length, 1), Data(length, 2)]);

    [Theory]
    [InlineData(2)]
    [InlineData(9)]
    [InlineData(1000)]
    public void A_neighbour_read_past_the_end_is_rejected(int length)
        => AssertRejectedWithNothingWritten<ArgumentException>("SmoothWholeTail", () => [Data(length, 1), Data(length, 2)]);

    [Theory]
    [InlineData(2)]
    [InlineData(1000)]
    public void A_neighbour_read_before_the_start_is_rejected(int length)
        => AssertRejectedWithNothingWritten<ArgumentException>("SmoothFromZero", () => [Data(length, 1), Data(length, 2)]);

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    [InlineData(int.MaxValue)]
    public void A_uniform_index_outside_its_span_is_rejected(int k)
        => AssertRejectedWithNothingWritten<ArgumentException>("ScaleByWeight", () => [k, Data(20, 1), Data(7, 3), Data(20, 2)]);

    [Fact]
    public void A_flattened_2D_domain_wider_than_a_row_is_rejected()
        // col in 0..9 with n = 8 makes rows overlap: the race check of DESIGN §5 must refuse it before running.
        => AssertRejectedWithNothingWritten<ArgumentException>("Scale2D", () => [3, 9, 8, Data(40, 1), Data(40, 2)]);

    [Theory]
    [InlineData(-1)]
    [InlineData(20)]
    public void A_data_dependent_index_out_of_range_never_reads_outside_the_span(int badIndex)
    {
        // A gather cannot be proved at entry, so it keeps its check: the call must fail, never read foreign memory.
        foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
        {
            int[] index = Enumerable.Range(0, 40).Select(i => i % 20).ToArray();
            index[37] = badIndex;
            Exception? error;
            using (configuration.Apply())
                error = Record.Exception(() => Drivers.Invoke("Gather", index, Data(20, 1), new float[40]));

            Assert.True(error is IndexOutOfRangeException or ArgumentException, $"{configuration}: expected IndexOutOfRangeException or ArgumentException, got {error?.GetType().Name ?? "no exception"}.");
        }
    }

    [Fact]
    public void Valid_calls_on_the_same_kernels_succeed()
    {
        // The rejections above must come from the arguments, not from kernels that never work.
        Drivers.Invoke("Saxpy", 2f, Data(10, 1), Data(10, 2));
        Drivers.Invoke("SaxpyRange", 2, 8, 2f, Data(10, 1), Data(10, 2));
        Drivers.Invoke("SaxpyRange", 0, 10, 2f, Data(10, 1), Data(10, 2));
        Drivers.Invoke("SmoothInterior", Data(10, 1), Data(10, 2));
        Drivers.Invoke("ScaleByWeight", 6, Data(20, 1), Data(7, 3), Data(20, 2));
        Drivers.Invoke("Gather", Enumerable.Range(0, 40).Select(i => i % 20).ToArray(), Data(20, 1), new float[40]);
        Drivers.Invoke("Scale2D", 3, 8, 8, Data(24, 1), Data(24, 2));
    }
}

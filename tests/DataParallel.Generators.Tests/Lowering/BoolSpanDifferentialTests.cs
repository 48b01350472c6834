using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// <c>bool</c> spans: read as per-lane masks (contiguous, gathered and uniform reads), written from masks (contiguous
/// and scattered, under conditions), and <c>bool</c> uniforms.
/// </summary>
public sealed class BoolSpanDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel] public static void Select(int i, ReadOnlySpan<bool> flags, ReadOnlySpan<float> x, Span<float> y) => y[i] = flags[i] ? x[i] : -x[i];
            [Parallel] public static void Positive(int i, ReadOnlySpan<double> x, Span<bool> y) => y[i] = x[i] > 0;
            [Parallel] public static void Combine(int i, bool invert, ReadOnlySpan<bool> a, ReadOnlySpan<bool> b, Span<bool> y) => y[i] = (a[i] && !b[i]) != invert;
            [Parallel] public static void Gathered(int i, ReadOnlySpan<bool> table, ReadOnlySpan<int> x, Span<int> y) => y[i] = table[x[i]] ? 1 : 2;
            [Parallel] public static void First(int i, ReadOnlySpan<bool> a, ReadOnlySpan<int> x, Span<int> y) => y[i] = a[0] ? x[i] : 0;

            [Parallel]
            public static void MarkEven(int i, ReadOnlySpan<int> x, Span<bool> y)
            {
                if (x[i] % 2 == 0)
                    y[i] = true;
            }

            [Parallel] public static void Scatter(int i, ReadOnlySpan<int> x, Span<bool> y) => y[2 * i] = x[i] > 3;
        }

        public static class Drivers
        {
            public static void SelectGenerated(bool[] flags, float[] x, float[] y) => Kernels.Select(flags, x, y);
            public static void SelectScalar(bool[] flags, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Select(i, flags, x, y); }
            public static void PositiveGenerated(double[] x, bool[] y) => Kernels.Positive(x, y);
            public static void PositiveScalar(double[] x, bool[] y) { for (int i = 0; i < y.Length; i++) Kernels.Positive(i, x, y); }
            public static void CombineGenerated(bool invert, bool[] a, bool[] b, bool[] y) => Kernels.Combine(invert, a, b, y);
            public static void CombineScalar(bool invert, bool[] a, bool[] b, bool[] y) { for (int i = 0; i < y.Length; i++) Kernels.Combine(i, invert, a, b, y); }
            public static void GatheredGenerated(bool[] table, int[] x, int[] y) => Kernels.Gathered(table, x, y);
            public static void GatheredScalar(bool[] table, int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.Gathered(i, table, x, y); }
            public static void FirstGenerated(bool[] a, int[] x, int[] y) => Kernels.First(0..y.Length, a, x, y);
            public static void FirstScalar(bool[] a, int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.First(i, a, x, y); }
            public static void MarkEvenGenerated(int[] x, bool[] y) => Kernels.MarkEven(x, y);
            public static void MarkEvenScalar(int[] x, bool[] y) { for (int i = 0; i < y.Length; i++) Kernels.MarkEven(i, x, y); }
            public static void ScatterGenerated(int[] x, bool[] y) => Kernels.Scatter(x, y);
            public static void ScatterScalar(int[] x, bool[] y) { for (int i = 0; i < x.Length; i++) Kernels.Scatter(i, x, y); }
        }
        """;

    private static readonly Lazy<KernelDrivers> s_drivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    private static void Check(string kernel, Func<int, object[]> arguments)
        => Differential.AssertGeneratedMatchesScalar(s_drivers.Value, kernel, arguments, DomainSizes.Standard, ElementComparison.Bitwise);

    private static bool[] Bools(int size, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, size).Select(_ => random.Next(2) == 1).ToArray();
    }

    [Fact]
    public void Bool_spans_match_the_scalar_kernel()
    {
        Check("Select", size => [Bools(size, size), TestValues.Floats(size, size + 1), new float[size]]);
        Check("Positive", size => [TestValues.Doubles(size, size + 2), Bools(size, size + 3)]);
        Check("Combine", size => [false, Bools(size, size + 4), Bools(size, size + 5), Bools(size, size + 6)]);
        Check("Combine", size => [true, Bools(size, size + 7), Bools(size, size + 8), new bool[size]]);
        Check("Gathered", size => [Bools(64, size + 9), TestValues.Integers<int>(size, size + 10).Select(v => v & 63).ToArray(), new int[size]]);
        Check("First", size => [new[] { size % 2 == 0 }, TestValues.Integers<int>(size, size + 11), new int[size]]);
        Check("MarkEven", size => [TestValues.Integers<int>(size, size + 12), Bools(size, size + 13)]);
        Check("Scatter", size => [TestValues.Integers<int>(size, size + 14), Bools(2 * size, size + 15)]);
    }

    [Fact]
    public void Every_kernel_here_vectorises()
    {
        GeneratorRun run = GeneratorHarness.Run(Source);
        run.AssertGeneratorDidNotThrow();
        foreach (var source in run.GeneratedSources)
        {
            string text = source.SourceText.ToString();
            Assert.False(text.Contains("multi-core scalar", StringComparison.Ordinal), $"{source.HintName}: {text.Split('\n').FirstOrDefault(l => l.Contains("multi-core scalar", StringComparison.Ordinal))}");
        }
    }
}

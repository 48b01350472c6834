using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Gathers and scatters of 8/16-bit elements, which ride in int lanes: table lookups (checked and proven), strided
/// reads and writes, permutation scatters, and a gather in a kernel with 64-bit lanes. Out-of-range indices must
/// throw as the scalar kernel does.
/// </summary>
public sealed class SmallElementGatherDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel] public static void Lookup(int i, ReadOnlySpan<byte> lut, ReadOnlySpan<int> x, Span<int> y) => y[i] = lut[x[i]] * 3 - 1;
            [Parallel] public static void LookupSigned(int i, ReadOnlySpan<sbyte> lut, ReadOnlySpan<int> x, Span<short> y) => y[i] = (short)(lut[x[i] & 255] * 100);
            [Parallel] public static void EvenShorts(int i, ReadOnlySpan<short> x, Span<int> y) => y[i] = x[2 * i] + x[2 * i + 1];
            [Parallel] public static void LookupWide(int i, ReadOnlySpan<ushort> lut, ReadOnlySpan<int> x, Span<double> y) => y[i] = lut[x[i]] * 0.5;

            [Parallel]
            public static void Guarded(int i, ReadOnlySpan<short> lut, ReadOnlySpan<int> x, Span<int> y)
            {
                if (x[i] >= 0 && x[i] < lut.Length)
                    y[i] = lut[x[i]];
                else
                    y[i] = -1;
            }

            [Parallel] public static void Permute(int i, ReadOnlySpan<int> p, ReadOnlySpan<sbyte> x, Span<sbyte> y) => y[p[i]] = (sbyte)(x[i] * 3);
            [Parallel] public static void Spread(int i, ReadOnlySpan<int> x, Span<ushort> y) => y[2 * i] = (ushort)x[i];
        }

        public static class Drivers
        {
            public static void LookupGenerated(byte[] lut, int[] x, int[] y) => Kernels.Lookup(lut, x, y);
            public static void LookupScalar(byte[] lut, int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.Lookup(i, lut, x, y); }
            public static void LookupSignedGenerated(sbyte[] lut, int[] x, short[] y) => Kernels.LookupSigned(lut, x, y);
            public static void LookupSignedScalar(sbyte[] lut, int[] x, short[] y) { for (int i = 0; i < y.Length; i++) Kernels.LookupSigned(i, lut, x, y); }
            public static void EvenShortsGenerated(short[] x, int[] y) => Kernels.EvenShorts(0..y.Length, x, y);
            public static void EvenShortsScalar(short[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.EvenShorts(i, x, y); }
            public static void LookupWideGenerated(ushort[] lut, int[] x, double[] y) => Kernels.LookupWide(lut, x, y);
            public static void LookupWideScalar(ushort[] lut, int[] x, double[] y) { for (int i = 0; i < y.Length; i++) Kernels.LookupWide(i, lut, x, y); }
            public static void GuardedGenerated(short[] lut, int[] x, int[] y) => Kernels.Guarded(lut, x, y);
            public static void GuardedScalar(short[] lut, int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.Guarded(i, lut, x, y); }
            public static void PermuteGenerated(int[] p, sbyte[] x, sbyte[] y) => Kernels.Permute(0..p.Length, p, x, y);
            public static void PermuteScalar(int[] p, sbyte[] x, sbyte[] y) { for (int i = 0; i < p.Length; i++) Kernels.Permute(i, p, x, y); }
            public static void SpreadGenerated(int[] x, ushort[] y) => Kernels.Spread(x, y);
            public static void SpreadScalar(int[] x, ushort[] y) { for (int i = 0; i < x.Length; i++) Kernels.Spread(i, x, y); }
        }
        """;

    private static readonly Lazy<KernelDrivers> s_drivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    private static void Check(string kernel, Func<int, object[]> arguments)
        => Differential.AssertGeneratedMatchesScalar(s_drivers.Value, kernel, arguments, DomainSizes.Standard, ElementComparison.Bitwise);

    private static int[] Indices(int size, int bound, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, size).Select(_ => random.Next(bound)).ToArray();
    }

    private static int[] Permutation(int size, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, size).OrderBy(_ => random.Next()).ToArray();
    }

    [Fact]
    public void Gathers_of_small_elements_match_the_scalar_kernel()
    {
        Check("Lookup", size => [TestValues.Integers<byte>(256, size), Indices(size, 256, size + 1), new int[size]]);
        Check("LookupSigned", size => [TestValues.Integers<sbyte>(256, size + 2), TestValues.Integers<int>(size, size + 3), new short[size]]);
        Check("EvenShorts", size => [TestValues.Integers<short>(2 * size, size + 4), new int[size]]);
        Check("LookupWide", size => [TestValues.Integers<ushort>(300, size + 5), Indices(size, 300, size + 6), new double[size]]);
        Check("Guarded", size => [TestValues.Integers<short>(50, size + 7), TestValues.Integers<int>(size, size + 8).Select(v => v % 80).ToArray(), new int[size]]);
    }

    [Fact]
    public void Scatters_of_small_elements_match_the_scalar_kernel()
    {
        Check("Permute", size => [Permutation(size, size + 9), TestValues.Integers<sbyte>(size, size + 10), new sbyte[size]]);
        Check("Spread", size => [TestValues.Integers<int>(size, size + 11), new ushort[2 * size]]);
    }

    [Fact]
    public void An_index_outside_the_table_throws_as_in_the_scalar_kernel()
    {
        foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
        {
            using (configuration.Apply())
            {
                int[] x = Enumerable.Range(0, 40).ToArray();
                x[17] = 256;
                Assert.Throws<IndexOutOfRangeException>(() => s_drivers.Value.Invoke("LookupGenerated", new byte[256], x, new int[40]));
                int[] p = Enumerable.Range(0, 40).ToArray();
                p[33] = -1;
                Assert.Throws<IndexOutOfRangeException>(() => s_drivers.Value.Invoke("PermuteGenerated", p, new sbyte[40], new sbyte[40]));
            }
        }
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

using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Guards written as <c>?:</c> or as the left side of <c>&amp;&amp;</c>/<c>||</c> bound the accesses they protect, as an
/// <c>if</c> does: <c>i &gt; 0 ? x[i - 1] : 0f</c> over the whole span is proven at entry and runs on SIMD, loading
/// only the lanes the condition admits (lane 0's <c>x[-1]</c> is never read).
/// </summary>
public sealed class ConditionalGuardDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Previous(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = i > 0 ? x[i - 1] : 0f;

            [Parallel]
            public static void Neighbours(int i, int n, ReadOnlySpan<float> x, Span<float> y)
                => y[i] = (i > 0 ? x[i - 1] : x[i]) + (i < n - 1 ? x[i + 1] : x[i]) + (i >= 2 ? 0f : 1f);

            [Parallel]
            public static void RisingEdge(int i, ReadOnlySpan<int> x, Span<int> y)
                => y[i] = i + 1 < x.Length && x[i + 1] > x[i] ? 1 : 0;

            [Parallel]
            public static void Boundary(int i, ReadOnlySpan<double> x, Span<double> y)
                => y[i] = i < 1 || x[i - 1] < 0 ? -1d : x[i];

            // i == 0 bounds nothing as an interval: proven over the whole domain, this one takes the checked path.
            [Parallel]
            public static void FirstOrNegative(int i, ReadOnlySpan<double> x, Span<double> y)
                => y[i] = i == 0 || x[i - 1] < 0 ? -1d : x[i];
        }

        public static class Drivers
        {
            public static void PreviousGenerated(float[] x, float[] y) => Kernels.Previous(x, y);
            public static void PreviousScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Previous(i, x, y); }
            public static void NeighboursGenerated(float[] x, float[] y) => Kernels.Neighbours(y.Length, x, y);
            public static void NeighboursScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Neighbours(i, y.Length, x, y); }
            public static void RisingEdgeGenerated(int[] x, int[] y) => Kernels.RisingEdge(x, y);
            public static void RisingEdgeScalar(int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.RisingEdge(i, x, y); }
            public static void BoundaryGenerated(double[] x, double[] y) => Kernels.Boundary(x, y);
            public static void BoundaryScalar(double[] x, double[] y) { for (int i = 0; i < y.Length; i++) Kernels.Boundary(i, x, y); }
            public static void FirstOrNegativeGenerated(double[] x, double[] y) => Kernels.FirstOrNegative(x, y);
            public static void FirstOrNegativeScalar(double[] x, double[] y) { for (int i = 0; i < y.Length; i++) Kernels.FirstOrNegative(i, x, y); }
        }
        """;

    private static readonly Lazy<KernelDrivers> s_drivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    [Fact]
    public void Guarded_neighbour_reads_match_the_scalar_kernel()
    {
        Differential.AssertGeneratedMatchesScalar(s_drivers.Value, "Previous", size => [TestValues.Floats(size, size), new float[size]], DomainSizes.StandardAndLarge, ElementComparison.Bitwise);
        Differential.AssertGeneratedMatchesScalar(s_drivers.Value, "Neighbours", size => [TestValues.Floats(size, size + 1), new float[size]], DomainSizes.Standard, ElementComparison.Bitwise);
        Differential.AssertGeneratedMatchesScalar(s_drivers.Value, "RisingEdge", size => [TestValues.Integers<int>(size, size + 2), new int[size]], DomainSizes.Standard, ElementComparison.Bitwise);
        Differential.AssertGeneratedMatchesScalar(s_drivers.Value, "Boundary", size => [TestValues.Doubles(size, size + 3), new double[size]], DomainSizes.Standard, ElementComparison.Bitwise);
        Differential.AssertGeneratedMatchesScalar(s_drivers.Value, "FirstOrNegative", size => [TestValues.Doubles(size, size + 4), new double[size]], DomainSizes.Standard, ElementComparison.Bitwise);
    }

    [Fact]
    public void Guarded_reads_are_proven_from_the_condition_and_loaded_under_its_mask()
    {
        GeneratorRun run = GeneratorHarness.Run(Source);
        run.AssertGeneratorDidNotThrow();
        foreach (var source in run.GeneratedSources.Where(s => !s.HintName.Contains("FirstOrNegative", StringComparison.Ordinal)))
        {
            string text = source.SourceText.ToString();
            Assert.False(text.Contains("multi-core scalar", StringComparison.Ordinal), source.HintName);
            // The guarded offset read is a masked load of the admitted lanes, proven with the guard at entry.
            Assert.True(text.Contains("LoadMasked", StringComparison.Ordinal), $"{source.HintName} has no masked load:\n{text}");
        }
    }
}

using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// <c>BitOperations.RotateLeft/RotateRight</c> and <c>uint.RotateLeft</c>/<c>ulong.RotateRight</c>, the core of most
/// hash functions, are the two shifts they mean and vectorise; the count may be a constant, a uniform or vary per
/// lane, and any count (0, the width, negative, beyond the width) rotates as the scalar call does.
/// </summary>
public sealed class RotateDifferentialTests
{
    private const string Source = """
        using System;
        using System.Numerics;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Murmur(int i, uint seed, ReadOnlySpan<uint> x, Span<uint> h)
            {
                uint k = BitOperations.RotateLeft(x[i] * 0xcc9e2d51u, 15) * 0x1b873593u;
                h[i] = BitOperations.RotateRight(seed ^ k, 19) * 5 + 0xe6546b64u;
            }

            [Parallel]
            public static void ByUniform(int i, int count, ReadOnlySpan<ulong> x, Span<ulong> y)
                => y[i] = ulong.RotateRight(x[i], count) ^ BitOperations.RotateLeft(x[i], count);

            [Parallel]
            public static void ByLane(int i, ReadOnlySpan<uint> x, ReadOnlySpan<int> counts, Span<uint> y)
                => y[i] = uint.RotateLeft(x[i], counts[i]);
        }

        public static class Drivers
        {
            public static void MurmurGenerated(uint seed, uint[] x, uint[] h) => Kernels.Murmur(seed, x, h);
            public static void MurmurScalar(uint seed, uint[] x, uint[] h) { for (int i = 0; i < h.Length; i++) Kernels.Murmur(i, seed, x, h); }
            public static void ByUniformGenerated(int count, ulong[] x, ulong[] y) => Kernels.ByUniform(count, x, y);
            public static void ByUniformScalar(int count, ulong[] x, ulong[] y) { for (int i = 0; i < y.Length; i++) Kernels.ByUniform(i, count, x, y); }
            public static void ByLaneGenerated(uint[] x, int[] counts, uint[] y) => Kernels.ByLane(x, counts, y);
            public static void ByLaneScalar(uint[] x, int[] counts, uint[] y) { for (int i = 0; i < y.Length; i++) Kernels.ByLane(i, x, counts, y); }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    [Theory]
    [InlineData("Murmur")]
    [InlineData("ByUniform")]
    [InlineData("ByLane")]
    public void Rotations_vectorise(string kernel)
    {
        GeneratorRun run = GeneratorHarness.Run(Source);
        run.AssertGeneratorDidNotThrow();
        Assert.Contains("Execute256(", run.GeneratedSourceOf(kernel), System.StringComparison.Ordinal);
    }

    [Fact]
    public void Constant_counts() => Differential.AssertGeneratedMatchesScalar(Drivers, "Murmur",
        size => [0x9747b28cu, TestValues.Integers<uint>(size, size), new uint[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(-3)]
    public void Uniform_counts(int count) => Differential.AssertGeneratedMatchesScalar(Drivers, "ByUniform",
        size => [count, TestValues.Integers<ulong>(size, size), new ulong[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Per_lane_counts() => Differential.AssertGeneratedMatchesScalar(Drivers, "ByLane",
        size => [TestValues.Integers<uint>(size, size), TestValues.SmallIntegers<int>(size, size + 1, -70, 70), new uint[size]], DomainSizes.Standard, ElementComparison.Bitwise);
}

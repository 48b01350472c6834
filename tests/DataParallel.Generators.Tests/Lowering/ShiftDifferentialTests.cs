using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Shifts by a uniform count: C# masks the count to the element width (x &lt;&lt; 33 is x &lt;&lt; 1 for int), and a
/// vector shift must do the same, for arithmetic and logical right shifts alike.
/// </summary>
public sealed class ShiftDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void ShiftInt(int i, int s, ReadOnlySpan<int> x, Span<int> left, Span<int> right, Span<uint> logical)
            {
                left[i] = x[i] << s;
                right[i] = x[i] >> s;
                logical[i] = (uint)x[i] >> s;
            }

            [Parallel]
            public static void ShiftLong(int i, int s, ReadOnlySpan<long> x, Span<long> left, Span<ulong> logical)
            {
                left[i] = x[i] << s;
                logical[i] = (ulong)x[i] >> s;
            }
        }

        public static class Drivers
        {
            public static void ShiftIntGenerated(int s, int[] x, int[] left, int[] right, uint[] logical) => Kernels.ShiftInt(s, x, left, right, logical);
            public static void ShiftIntScalar(int s, int[] x, int[] left, int[] right, uint[] logical) { for (int i = 0; i < x.Length; i++) Kernels.ShiftInt(i, s, x, left, right, logical); }

            public static void ShiftLongGenerated(int s, long[] x, long[] left, ulong[] logical) => Kernels.ShiftLong(s, x, left, logical);
            public static void ShiftLongScalar(int s, long[] x, long[] left, ulong[] logical) { for (int i = 0; i < x.Length; i++) Kernels.ShiftLong(i, s, x, left, logical); }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(31)]
    [InlineData(32)] // masked to 0
    [InlineData(33)] // masked to 1
    [InlineData(-1)] // masked to 31
    public void Int_shifts_mask_the_count_like_CSharp(int shift)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "ShiftInt",
            size => [shift, TestValues.Integers<int>(size, size), new int[size], new int[size], new uint[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Theory]
    [InlineData(3)]
    [InlineData(63)]
    [InlineData(64)] // masked to 0
    [InlineData(65)]
    public void Long_shifts_mask_the_count_like_CSharp(int shift)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "ShiftLong",
            size => [shift, TestValues.Integers<long>(size, size), new long[size], new ulong[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);
}

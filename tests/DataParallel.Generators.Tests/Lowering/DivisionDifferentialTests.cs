using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Integer division and remainder by a uniform: no SIMD instruction divides integers, so the generator either
/// uses a magic-number multiply or divides per lane; both must truncate toward zero and keep the dividend's sign in
/// the remainder, as C# does.
/// </summary>
public sealed class DivisionDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void DivModInt(int i, int d, ReadOnlySpan<int> x, Span<int> q, Span<int> r)
            {
                q[i] = x[i] / d;
                r[i] = x[i] % d;
            }

            [Parallel]
            public static void DivModUInt(int i, uint d, ReadOnlySpan<uint> x, Span<uint> y)
                => y[i] = x[i] / d + x[i] % d;

            [Parallel]
            public static void DivModLong(int i, long d, ReadOnlySpan<long> x, Span<long> y)
                => y[i] = x[i] / d - x[i] % d;

            [Parallel]
            public static void DivShort(int i, int d, ReadOnlySpan<short> x, Span<short> y)
                => y[i] = (short)(x[i] / d);
        }

        public static class Drivers
        {
            public static void DivModIntGenerated(int d, int[] x, int[] q, int[] r) => Kernels.DivModInt(d, x, q, r);
            public static void DivModIntScalar(int d, int[] x, int[] q, int[] r) { for (int i = 0; i < x.Length; i++) Kernels.DivModInt(i, d, x, q, r); }

            public static void DivModUIntGenerated(uint d, uint[] x, uint[] y) => Kernels.DivModUInt(d, x, y);
            public static void DivModUIntScalar(uint d, uint[] x, uint[] y) { for (int i = 0; i < x.Length; i++) Kernels.DivModUInt(i, d, x, y); }

            public static void DivModLongGenerated(long d, long[] x, long[] y) => Kernels.DivModLong(d, x, y);
            public static void DivModLongScalar(long d, long[] x, long[] y) { for (int i = 0; i < x.Length; i++) Kernels.DivModLong(i, d, x, y); }

            public static void DivShortGenerated(int d, short[] x, short[] y) => Kernels.DivShort(d, x, y);
            public static void DivShortScalar(int d, short[] x, short[] y) { for (int i = 0; i < x.Length; i++) Kernels.DivShort(i, d, x, y); }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    // -1 is left out on purpose: int.MinValue / -1 overflows and throws in the scalar kernel.
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(-13)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Int_quotient_and_remainder_match_exactly(int divisor)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "DivModInt",
            size => [divisor, TestValues.Integers<int>(size, size), new int[size], new int[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Theory]
    [InlineData(1u)]
    [InlineData(3u)]
    [InlineData(0x80000000u)]
    [InlineData(uint.MaxValue)]
    public void UInt_quotient_and_remainder_match_exactly(uint divisor)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "DivModUInt",
            size => [divisor, TestValues.Integers<uint>(size, size), new uint[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Theory]
    [InlineData(3L)]
    [InlineData(-7L)]
    [InlineData(long.MaxValue)]
    public void Long_quotient_and_remainder_match_exactly(long divisor)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "DivModLong",
            size => [divisor, TestValues.Integers<long>(size, size), new long[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Theory]
    [InlineData(-1)] // safe here: a short promoted to int cannot be int.MinValue
    [InlineData(10)]
    public void Short_division_matches_exactly(int divisor)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "DivShort",
            size => [divisor, TestValues.Integers<short>(size, size), new short[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);
}

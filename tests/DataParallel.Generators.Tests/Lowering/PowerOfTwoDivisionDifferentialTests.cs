using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Integer <c>/</c> and <c>%</c> by a constant power of two (<c>n / 2</c> in a Collatz step, <c>x % 8</c>) become
/// shifts instead of per-lane division. A shift rounds negative quotients down where C# truncates toward zero, so
/// the signed forms are checked on negative dividends and the extremes of every integer width, and the remainder
/// keeps the dividend's sign.
/// </summary>
public sealed class PowerOfTwoDivisionDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Int(int i, ReadOnlySpan<int> x, Span<int> y)
                => y[i] = x[i] / 2 + 3 * (x[i] % 2) + 5 * (x[i] / 8) + 7 * (x[i] % 1024) + (x[i] / (1 << 30)) - x[i] % (1 << 30);

            [Parallel]
            public static void Long(int i, ReadOnlySpan<long> x, Span<long> y)
                => y[i] = x[i] / 2 - x[i] % 16 + x[i] / (1L << 62) * 3 + x[i] % (1L << 40);

            [Parallel]
            public static void UInt(int i, ReadOnlySpan<uint> x, Span<uint> y)
                => y[i] = x[i] / 4u + x[i] % 64u + x[i] / 0x8000_0000u;

            [Parallel]
            public static void ULong(int i, ReadOnlySpan<ulong> x, Span<ulong> y)
                => y[i] = x[i] / 32ul ^ x[i] % 0x4000_0000_0000_0000ul;

            [Parallel]
            public static void Short(int i, ReadOnlySpan<short> x, Span<short> y)
                => y[i] = (short)(x[i] / 4 + x[i] % 4);

            [Parallel]
            public static void Guarded(int i, ReadOnlySpan<int> x, Span<int> y)
            {
                if (x[i] < 0)
                    y[i] = x[i] % 4;
                else
                    y[i] = x[i] / 16;
            }
        }

        public static class Drivers
        {
            public static void IntGenerated(int[] x, int[] y) => Kernels.Int(x, y);
            public static void IntScalar(int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.Int(i, x, y); }
            public static void LongGenerated(long[] x, long[] y) => Kernels.Long(x, y);
            public static void LongScalar(long[] x, long[] y) { for (int i = 0; i < y.Length; i++) Kernels.Long(i, x, y); }
            public static void UIntGenerated(uint[] x, uint[] y) => Kernels.UInt(x, y);
            public static void UIntScalar(uint[] x, uint[] y) { for (int i = 0; i < y.Length; i++) Kernels.UInt(i, x, y); }
            public static void ULongGenerated(ulong[] x, ulong[] y) => Kernels.ULong(x, y);
            public static void ULongScalar(ulong[] x, ulong[] y) { for (int i = 0; i < y.Length; i++) Kernels.ULong(i, x, y); }
            public static void ShortGenerated(short[] x, short[] y) => Kernels.Short(x, y);
            public static void ShortScalar(short[] x, short[] y) { for (int i = 0; i < y.Length; i++) Kernels.Short(i, x, y); }
            public static void GuardedGenerated(int[] x, int[] y) => Kernels.Guarded(x, y);
            public static void GuardedScalar(int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.Guarded(i, x, y); }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    [Fact]
    public void Every_constant_power_of_two_division_is_a_shift()
    {
        GeneratorRun run = GeneratorHarness.Run(Source);
        run.AssertGeneratorDidNotThrow();
        foreach (var source in run.GeneratedSources)
        {
            string text = source.SourceText.ToString();
            string vectorBody = text.Substring(text.IndexOf("private static void Execute256(", StringComparison.Ordinal));
            Assert.Contains("Dp::PowerOfTwoDivision.", vectorBody, StringComparison.Ordinal);
            Assert.DoesNotContain("Dp::Lanes.Remainder(", vectorBody, StringComparison.Ordinal);
            Assert.DoesNotContain(" / Simd::", vectorBody, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("Int")]
    [InlineData("Guarded")]
    public void Int_matches_truncating_division(string kernel)
    {
        Differential.AssertGeneratedMatchesScalar(Drivers, kernel, size => [TestValues.Integers<int>(size, size), new int[size]], DomainSizes.Standard, ElementComparison.Bitwise);
        Differential.AssertGeneratedMatchesScalar(Drivers, kernel, size => [TestValues.SmallIntegers<int>(size, size, -40, 40), new int[size]], DomainSizes.Standard, ElementComparison.Bitwise);
    }

    [Fact]
    public void Long_matches_truncating_division()
    {
        Differential.AssertGeneratedMatchesScalar(Drivers, "Long", size => [TestValues.Integers<long>(size, size), new long[size]], DomainSizes.Standard, ElementComparison.Bitwise);
        Differential.AssertGeneratedMatchesScalar(Drivers, "Long", size => [TestValues.SmallIntegers<long>(size, size, -40, 40), new long[size]], DomainSizes.Standard, ElementComparison.Bitwise);
    }

    [Fact]
    public void Unsigned_division_is_a_logical_shift()
    {
        Differential.AssertGeneratedMatchesScalar(Drivers, "UInt", size => [TestValues.Integers<uint>(size, size), new uint[size]], DomainSizes.Standard, ElementComparison.Bitwise);
        Differential.AssertGeneratedMatchesScalar(Drivers, "ULong", size => [TestValues.Integers<ulong>(size, size), new ulong[size]], DomainSizes.Standard, ElementComparison.Bitwise);
    }

    [Fact]
    public void Short_promoted_to_int() => Differential.AssertGeneratedMatchesScalar(Drivers, "Short",
        size => [TestValues.Integers<short>(size, size), new short[size]], DomainSizes.Standard, ElementComparison.Bitwise);
}

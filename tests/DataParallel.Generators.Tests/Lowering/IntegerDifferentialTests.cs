using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Integer arithmetic of every element type, with wrap-around, sign- and zero-extension of the narrow types (which
/// C# promotes to int) and the truncating cast back: all must match exactly.
/// </summary>
public sealed class IntegerDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void MixInt(int i, ReadOnlySpan<int> x, ReadOnlySpan<int> z, Span<int> y)
                => y[i] = ((x[i] * 3 + 1) ^ (z[i] << 3)) - ((x[i] & z[i]) | (x[i] >> 2));

            [Parallel]
            public static void MixUInt(int i, ReadOnlySpan<uint> x, ReadOnlySpan<uint> z, Span<uint> y)
                => y[i] = (x[i] * 2654435761u) ^ (x[i] >> 13) | (z[i] & 0xFFFF0000u) - (z[i] << 7);

            [Parallel]
            public static void MixLong(int i, ReadOnlySpan<long> x, ReadOnlySpan<long> z, Span<long> y)
                => y[i] = x[i] * 6364136223846793005L + 1442695040888963407L ^ (x[i] >> 17) & (z[i] | (z[i] << 5));

            [Parallel]
            public static void MixULong(int i, ReadOnlySpan<ulong> x, ReadOnlySpan<ulong> z, Span<ulong> y)
                => y[i] = (x[i] ^ (x[i] >> 33)) * 0xFF51AFD7ED558CCDUL - (z[i] & 0xF0F0UL) + (z[i] << 1);

            [Parallel]
            public static void MixShort(int i, ReadOnlySpan<short> x, ReadOnlySpan<short> z, Span<short> y)
                => y[i] = (short)(x[i] * z[i] - (x[i] << 2) ^ (z[i] >> 1));

            [Parallel]
            public static void MixUShort(int i, ReadOnlySpan<ushort> x, ReadOnlySpan<ushort> z, Span<ushort> y)
                => y[i] = (ushort)((x[i] | 0x8001) + (z[i] >> 3) * 7 - (x[i] & z[i]));

            [Parallel]
            public static void MixByte(int i, ReadOnlySpan<byte> x, Span<byte> y)
                => y[i] = (byte)(x[i] * 3 + 1);

            [Parallel]
            public static void MixSByte(int i, ReadOnlySpan<sbyte> x, ReadOnlySpan<sbyte> z, Span<sbyte> y)
                => y[i] = (sbyte)((x[i] ^ 0x55) - (x[i] >> 1) + z[i] * z[i]);

            [Parallel]
            public static void NarrowToByte(int i, ReadOnlySpan<int> x, Span<byte> y, Span<sbyte> z)
            {
                y[i] = (byte)x[i];
                z[i] = (sbyte)(x[i] >> 4);
            }
        }

        public static class Drivers
        {
            public static void MixIntGenerated(int[] x, int[] z, int[] y) => Kernels.MixInt(x, z, y);
            public static void MixIntScalar(int[] x, int[] z, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.MixInt(i, x, z, y); }

            public static void MixUIntGenerated(uint[] x, uint[] z, uint[] y) => Kernels.MixUInt(x, z, y);
            public static void MixUIntScalar(uint[] x, uint[] z, uint[] y) { for (int i = 0; i < y.Length; i++) Kernels.MixUInt(i, x, z, y); }

            public static void MixLongGenerated(long[] x, long[] z, long[] y) => Kernels.MixLong(x, z, y);
            public static void MixLongScalar(long[] x, long[] z, long[] y) { for (int i = 0; i < y.Length; i++) Kernels.MixLong(i, x, z, y); }

            public static void MixULongGenerated(ulong[] x, ulong[] z, ulong[] y) => Kernels.MixULong(x, z, y);
            public static void MixULongScalar(ulong[] x, ulong[] z, ulong[] y) { for (int i = 0; i < y.Length; i++) Kernels.MixULong(i, x, z, y); }

            public static void MixShortGenerated(short[] x, short[] z, short[] y) => Kernels.MixShort(x, z, y);
            public static void MixShortScalar(short[] x, short[] z, short[] y) { for (int i = 0; i < y.Length; i++) Kernels.MixShort(i, x, z, y); }

            public static void MixUShortGenerated(ushort[] x, ushort[] z, ushort[] y) => Kernels.MixUShort(x, z, y);
            public static void MixUShortScalar(ushort[] x, ushort[] z, ushort[] y) { for (int i = 0; i < y.Length; i++) Kernels.MixUShort(i, x, z, y); }

            public static void MixByteGenerated(byte[] x, byte[] y) => Kernels.MixByte(x, y);
            public static void MixByteScalar(byte[] x, byte[] y) { for (int i = 0; i < y.Length; i++) Kernels.MixByte(i, x, y); }

            public static void MixSByteGenerated(sbyte[] x, sbyte[] z, sbyte[] y) => Kernels.MixSByte(x, z, y);
            public static void MixSByteScalar(sbyte[] x, sbyte[] z, sbyte[] y) { for (int i = 0; i < y.Length; i++) Kernels.MixSByte(i, x, z, y); }

            public static void NarrowToByteGenerated(int[] x, byte[] y, sbyte[] z) => Kernels.NarrowToByte(x, y, z);
            public static void NarrowToByteScalar(int[] x, byte[] y, sbyte[] z) { for (int i = 0; i < x.Length; i++) Kernels.NarrowToByte(i, x, y, z); }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    [Fact]
    public void Int_arithmetic_and_bitwise_operators_match_exactly()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "MixInt",
            size => [TestValues.Integers<int>(size, size), TestValues.Integers<int>(size, size + 1), new int[size]],
            DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void UInt_arithmetic_and_logical_shifts_match_exactly()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "MixUInt",
            size => [TestValues.Integers<uint>(size, size), TestValues.Integers<uint>(size, size + 1), new uint[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Long_arithmetic_with_wrap_around_matches_exactly()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "MixLong",
            size => [TestValues.Integers<long>(size, size), TestValues.Integers<long>(size, size + 1), new long[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void ULong_arithmetic_matches_exactly()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "MixULong",
            size => [TestValues.Integers<ulong>(size, size), TestValues.Integers<ulong>(size, size + 1), new ulong[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Short_promotes_to_int_and_truncates_back()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "MixShort",
            size => [TestValues.Integers<short>(size, size), TestValues.Integers<short>(size, size + 1), new short[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void UShort_zero_extends_and_truncates_back()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "MixUShort",
            size => [TestValues.Integers<ushort>(size, size), TestValues.Integers<ushort>(size, size + 1), new ushort[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Byte_multiply_add_truncates_back()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "MixByte",
            size => [TestValues.Integers<byte>(size, size), new byte[size]],
            DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void SByte_sign_extends_and_truncates_back()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "MixSByte",
            size => [TestValues.Integers<sbyte>(size, size), TestValues.Integers<sbyte>(size, size + 1), new sbyte[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Casts_from_int_to_narrow_types_truncate()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "NarrowToByte",
            size => [TestValues.Integers<int>(size, size), new byte[size], new sbyte[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);
}

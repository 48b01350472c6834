using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// <c>checked</c> +, -, * and negation on SIMD: the wrapped-free results where nothing overflows, and the scalar
/// kernel's <see cref="OverflowException"/> where a lane the kernel evaluates does (never for a lane a condition
/// switched off). Checked conversions: <see cref="CheckedConversionDifferentialTests"/>.
/// </summary>
public sealed class CheckedArithmeticDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel] public static void AddInt(int i, ReadOnlySpan<int> x, ReadOnlySpan<int> z, Span<int> y) => y[i] = checked(x[i] + z[i] * 2 - 7);
            [Parallel] public static void MulLong(int i, ReadOnlySpan<long> x, ReadOnlySpan<long> z, Span<long> y) => y[i] = checked(x[i] * z[i] - x[i]);
            [Parallel] public static void SubUInt(int i, ReadOnlySpan<uint> x, ReadOnlySpan<uint> z, Span<uint> y) => y[i] = checked(x[i] - z[i] + 1u);
            [Parallel] public static void NegateInt(int i, ReadOnlySpan<int> x, Span<long> y) => y[i] = checked(-x[i] + 1L);
            [Parallel] public static void Bytes(int i, ReadOnlySpan<byte> x, ReadOnlySpan<byte> z, Span<int> y) => y[i] = checked(x[i] * z[i] + x[i]);

            [Parallel]
            public static void Guarded(int i, ReadOnlySpan<int> x, Span<int> y)
            {
                if (x[i] < 1000 && x[i] > -1000)
                    y[i] = checked(x[i] * 1000000);
                else
                    y[i] = checked(x[i] - 1);
            }
        }

        public static class Drivers
        {
            public static void AddIntGenerated(int[] x, int[] z, int[] y) => Kernels.AddInt(x, z, y);
            public static void AddIntScalar(int[] x, int[] z, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.AddInt(i, x, z, y); }
            public static void MulLongGenerated(long[] x, long[] z, long[] y) => Kernels.MulLong(x, z, y);
            public static void MulLongScalar(long[] x, long[] z, long[] y) { for (int i = 0; i < y.Length; i++) Kernels.MulLong(i, x, z, y); }
            public static void SubUIntGenerated(uint[] x, uint[] z, uint[] y) => Kernels.SubUInt(x, z, y);
            public static void SubUIntScalar(uint[] x, uint[] z, uint[] y) { for (int i = 0; i < y.Length; i++) Kernels.SubUInt(i, x, z, y); }
            public static void NegateIntGenerated(int[] x, long[] y) => Kernels.NegateInt(x, y);
            public static void NegateIntScalar(int[] x, long[] y) { for (int i = 0; i < y.Length; i++) Kernels.NegateInt(i, x, y); }
            public static void BytesGenerated(byte[] x, byte[] z, int[] y) => Kernels.Bytes(x, z, y);
            public static void BytesScalar(byte[] x, byte[] z, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.Bytes(i, x, z, y); }
            public static void GuardedGenerated(int[] x, int[] y) => Kernels.Guarded(x, y);
            public static void GuardedScalar(int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.Guarded(i, x, y); }
        }
        """;

    private static readonly Lazy<KernelDrivers> s_drivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    private static void Check(string kernel, Func<int, object[]> arguments)
        => Differential.AssertGeneratedMatchesScalar(s_drivers.Value, kernel, arguments, DomainSizes.Standard, ElementComparison.Bitwise);

    private static int[] Small(int size, int seed, int bound)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, size).Select(_ => random.Next(-bound, bound)).ToArray();
    }

    [Fact]
    public void Checked_arithmetic_without_overflow_matches_the_scalar_kernel()
    {
        Check("AddInt", size => [Small(size, size, 1 << 28), Small(size, size + 1, 1 << 28), new int[size]]);
        Check("MulLong", size => [Small(size, size + 2, 1 << 30).Select(v => (long)v).ToArray(), Small(size, size + 3, 1 << 30).Select(v => (long)v).ToArray(), new long[size]]);
        Check("SubUInt", size => [Small(size, size + 4, 1000).Select(v => (uint)(v + 5000)).ToArray(), Small(size, size + 5, 1000).Select(v => (uint)(v + 1000)).ToArray(), new uint[size]]);
        Check("NegateInt", size => [Small(size, size + 6, int.MaxValue), new long[size]]);
        Check("Bytes", size => [TestValues.Integers<byte>(size, size + 7), TestValues.Integers<byte>(size, size + 8), new int[size]]);
        // Lanes outside the condition would overflow in the other branch's multiplication: they must not throw.
        Check("Guarded", size => [Small(size, size + 9, 1 << 30), new int[size]]);
    }

    [Fact]
    public void Overflow_in_an_evaluated_lane_throws_the_scalar_exception_in_every_configuration()
    {
        foreach (int position in new[] { 0, 9, 63 })
        {
            int[] x = Enumerable.Range(0, 64).ToArray();
            int[] z = new int[64];
            x[position] = int.MaxValue;
            z[position] = 1;
            uint[] ux = Enumerable.Range(0, 64).Select(v => (uint)v + 10).ToArray();
            uint[] uz = new uint[64];
            uz[position] = 100;
            long[] lx = Enumerable.Range(0, 64).Select(v => (long)v).ToArray();
            long[] lz = Enumerable.Repeat(2L, 64).ToArray();
            lx[position] = long.MaxValue / 2 + 5;
            int[] nx = Enumerable.Range(0, 64).ToArray();
            nx[position] = int.MinValue;
            int[] gx = Enumerable.Range(0, 64).ToArray();
            gx[position] = int.MinValue;
            foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
            {
                using (configuration.Apply())
                {
                    Assert.Throws<OverflowException>(() => s_drivers.Value.Invoke("AddIntGenerated", x, z, new int[64]));
                    Assert.Throws<OverflowException>(() => s_drivers.Value.Invoke("SubUIntGenerated", ux, uz, new uint[64]));
                    Assert.Throws<OverflowException>(() => s_drivers.Value.Invoke("MulLongGenerated", lx, lz, new long[64]));
                    Assert.Throws<OverflowException>(() => s_drivers.Value.Invoke("NegateIntGenerated", nx, new long[64]));
                    Assert.Throws<OverflowException>(() => s_drivers.Value.Invoke("GuardedGenerated", gx, new int[64]));
                }
            }
        }
    }

    [Fact]
    public void Every_kernel_here_vectorises() => GeneratorHarness.Run(Source).AssertEveryKernelVectorises();
}

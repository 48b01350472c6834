using System.Threading.Tasks;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.SnapshotTests;

/// <summary>
/// The generated source of representative kernels, compared with the verified snapshots in the project's Snapshots folder. A change
/// in the emitter shows up here as a reviewable diff; refresh with DATAPARALLEL_ACCEPT_SNAPSHOTS=1 once it is right.
/// </summary>
public sealed class GeneratedSourceSnapshotTests
{
    private static async Task VerifyKernelsAsync(string name, string kernels)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using System;
            using DataParallel;

            namespace Probe;

            public static partial class Kernels
            {
            {{kernels}}
            }
            """);
        run.AssertGeneratorDidNotThrow();
        await Snapshot.VerifyGeneratedAsync(name, run.GeneratedSources);
    }

    [Fact]
    public Task Saxpy() => VerifyKernelsAsync(nameof(Saxpy), """
            [Parallel]
            public static void Saxpy(int i, float a, ReadOnlySpan<float> x, Span<float> y)
                => y[i] = a * x[i] + y[i];
        """);

    [Fact]
    public Task FusedTranscendental() => VerifyKernelsAsync(nameof(FusedTranscendental), """
            [Parallel]
            public static void Damped(int i, ReadOnlySpan<float> x, Span<float> y)
                => y[i] = MathF.Sqrt(x[i] * x[i] + 1f) * MathF.Exp(-x[i]);
        """);

    [Fact]
    public Task IntegerKernel() => VerifyKernelsAsync(nameof(IntegerKernel), """
            [Parallel]
            public static void Hash(int i, ReadOnlySpan<byte> x, Span<byte> y)
                => y[i] = (byte)(x[i] * 3 + 1);
        """);

    [Fact]
    public Task TwoDimensionalKernel() => VerifyKernelsAsync(nameof(TwoDimensionalKernel), """
            [Parallel(Dimensions = 2)]
            public static void MatMul(int row, int col, int n, int k,
                                      ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
            {
                float sum = 0;
                for (int p = 0; p < k; p++)
                    sum += a[row * k + p] * b[p * n + col];
                c[row * n + col] = sum;
            }
        """);

    [Fact]
    public Task ReductionKernel() => VerifyKernelsAsync(nameof(ReductionKernel), """
            [Parallel(Reduce = Reduction.Sum)]
            public static float Dot(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> y)
                => x[i] * y[i];
        """);

    [Fact]
    public Task MaskedControlFlow() => VerifyKernelsAsync(nameof(MaskedControlFlow), """
            [Parallel]
            public static void Clamp(int i, float limit, ReadOnlySpan<float> x, Span<float> y)
            {
                float v = x[i];
                if (float.IsNaN(v))
                {
                    y[i] = 0f;
                    return;
                }
                if (v > limit)
                    y[i] = limit;
                else if (v < -limit)
                    y[i] = -limit;
                else
                    y[i] = v * 0.5f;
            }
        """);

    [Fact]
    public Task PerLaneTripCount() => VerifyKernelsAsync(nameof(PerLaneTripCount), """
            [Parallel]
            public static void Collatz(int i, ReadOnlySpan<int> start, Span<int> steps)
            {
                int n = start[i];
                int count = 0;
                while (n > 1 && count < 1000)
                {
                    n = (n & 1) == 0 ? n / 2 : 3 * n + 1;
                    count++;
                }
                steps[i] = count;
            }
        """);

    [Fact]
    public Task CheckedArithmetic() => VerifyKernelsAsync(nameof(CheckedArithmetic), """
            [Parallel]
            public static void Accumulate(int i, ReadOnlySpan<int> x, ReadOnlySpan<int> y, Span<int> z)
                => z[i] = checked(x[i] * 3 + y[i]);
        """);

    [Fact]
    public Task MaxAndXorReductions() => VerifyKernelsAsync(nameof(MaxAndXorReductions), """
            [Parallel(Reduce = Reduction.Max)]
            public static float Peak(int i, ReadOnlySpan<float> x) => MathF.Abs(x[i]);

            [Parallel(Reduce = Reduction.Xor)]
            public static uint Checksum(int i, ReadOnlySpan<uint> x) => x[i] * 2654435761u;
        """);

    [Fact]
    public Task Stencil2D() => VerifyKernelsAsync(nameof(Stencil2D), """
            [Parallel(Dimensions = 2)]
            public static void Blur(int row, int col, int width, ReadOnlySpan<float> src, Span<float> dst)
            {
                int r0 = Math.Max(row - 1, 0), r1 = row + 1;
                int c0 = Math.Max(col - 1, 0), c1 = Math.Min(col + 1, width - 1);
                dst[row * width + col] = 0.2f * (src[row * width + col]
                    + src[r0 * width + col] + src[r1 * width + col]
                    + src[row * width + c0] + src[row * width + c1]);
            }
        """);

    [Fact]
    public Task ScalarFallback() => VerifyKernelsAsync(nameof(ScalarFallback), """
            [Parallel]
            public static void Halve(int i, ReadOnlySpan<Half> x, Span<Half> y) => y[i] = (Half)((float)x[i] * 0.5f);
        """);
}

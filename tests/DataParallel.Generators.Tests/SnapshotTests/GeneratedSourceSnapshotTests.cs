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
}

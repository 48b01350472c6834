using System;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Local functions are helpers declared where they are used: one that captures nothing (static or not) is inlined
/// like a static helper method — expression-bodied, with control flow, with a loop, with a span parameter, storing through one — and
/// vectorises. One that captures a kernel variable has nothing to stand for that variable once inlined, so the kernel
/// runs as written, multi-core scalar, and DP3001 names the captured variable.
/// </summary>
public sealed class LocalFunctionDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Cubic(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                static float Horner(float v) => ((2f * v - 3f) * v + 0.5f) * v - 1f;
                y[i] = Horner(x[i]) - Horner(-x[i]);
            }

            [Parallel]
            public static void Soft(int i, float limit, ReadOnlySpan<float> x, Span<float> y)
            {
                y[i] = Clip(x[i], limit);

                float Clip(float v, float l)
                {
                    if (float.IsNaN(v))
                        return 0f;
                    if (v > l)
                        return l;
                    return v < -l ? -l : v;
                }
            }

            [Parallel]
            public static void Window(int i, int taps, ReadOnlySpan<float> x, Span<float> y)
            {
                y[i] = Sum(x, i, taps);

                static float Sum(ReadOnlySpan<float> s, int start, int count)
                {
                    float total = 0f;
                    for (int k = 0; k < count; k++)
                        total += s[start + k];
                    return total;
                }
            }

            [Parallel]
            public static void Store(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                if (x[i] > 0f)
                    Put(y, i, x[i] * 2f);

                static void Put(Span<float> to, int at, float v) => to[at] = v;
            }

            [Parallel]
            public static void Captured(int i, float scale, ReadOnlySpan<float> x, Span<float> y)
            {
                float Scaled(float v) => v * scale;
                y[i] = Scaled(x[i]);
            }
        }

        public static class Drivers
        {
            public static void CubicGenerated(float[] x, float[] y) => Kernels.Cubic(x, y);
            public static void CubicScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Cubic(i, x, y); }
            public static void SoftGenerated(float limit, float[] x, float[] y) => Kernels.Soft(limit, x, y);
            public static void SoftScalar(float limit, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Soft(i, limit, x, y); }
            public static void WindowGenerated(int taps, float[] x, float[] y) => Kernels.Window(0..y.Length, taps, x, y);
            public static void WindowScalar(int taps, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Window(i, taps, x, y); }
            public static void StoreGenerated(float[] x, float[] y) => Kernels.Store(x, y);
            public static void StoreScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Store(i, x, y); }
            public static void CapturedGenerated(float scale, float[] x, float[] y) => Kernels.Captured(scale, x, y);
            public static void CapturedScalar(float scale, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Captured(i, scale, x, y); }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    private static string GeneratedFor(string kernel)
    {
        GeneratorRun run = GeneratorHarness.Run(Source);
        run.AssertGeneratorDidNotThrow();
        return run.GeneratedSourceOf(kernel);
    }

    [Theory]
    [InlineData("Cubic")]
    [InlineData("Soft")]
    [InlineData("Window")]
    [InlineData("Store")]
    public void Local_functions_that_capture_nothing_are_inlined_and_vectorise(string kernel)
        => Assert.Contains("Execute256(", GeneratedFor(kernel), StringComparison.Ordinal);

    [Fact]
    public void A_capturing_local_function_runs_as_written_and_names_the_capture()
    {
        string generated = GeneratedFor("Captured");
        Assert.DoesNotContain("Execute256(", generated, StringComparison.Ordinal);
        Assert.Contains("multi-core scalar (it uses the local function Scaled, which captures 'scale'", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Expression_bodied_static_local_function_called_twice() => Differential.AssertGeneratedMatchesScalar(Drivers, "Cubic",
        size => [TestValues.Floats(size, size), new float[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Local_function_with_early_returns_declared_after_its_use() => Differential.AssertGeneratedMatchesScalar(Drivers, "Soft",
        size => [1.5f, TestValues.Floats(size, size), new float[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Local_function_with_a_loop_over_a_span_argument() => Differential.AssertGeneratedMatchesScalar(Drivers, "Window",
        size => [3, TestValues.Floats(size + 2, size), new float[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Void_local_function_that_stores_under_a_condition() => Differential.AssertGeneratedMatchesScalar(Drivers, "Store",
        size => [TestValues.Floats(size, size), TestValues.Floats(size, size + 1)], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Capturing_local_function_gives_the_scalar_results() => Differential.AssertGeneratedMatchesScalar(Drivers, "Captured",
        size => [0.75f, TestValues.Floats(size, size), new float[size]], DomainSizes.Standard, ElementComparison.Bitwise);
}

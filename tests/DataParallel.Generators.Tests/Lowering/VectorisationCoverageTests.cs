using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Kernels the SIMD lowering covers must actually get vector bodies (DESIGN §3: "nearly every kernel a user
/// writes vectorises"); the differential tests cannot tell, because the scalar fallback gives the same results.
/// </summary>
public sealed class VectorisationCoverageTests
{

    private static string Generated(string kernel)
    {
        GeneratorRun run = GeneratorHarness.Run($$"""
            using System;
            using DataParallel;

            namespace Probe;

            public static partial class Kernels
            {
            {{kernel}}
            }
            """);
        run.AssertGeneratorDidNotThrow();
        return string.Join("\n", run.GeneratedSources.Select(source => source.SourceText.ToString()));
    }

    private static void AssertVectorised(string kernel)
    {
        string generated = Generated(kernel);
        Assert.True(generated.Contains("Execute256(", System.StringComparison.Ordinal),
            $"The kernel was not vectorised:\n{kernel}\n{generated.Split('\n').FirstOrDefault(line => line.Contains("multi-core scalar", System.StringComparison.Ordinal))}");
    }

    [Fact]
    public void A_conditional_expression_over_a_load_vectorises()
        => AssertVectorised("""
                [Parallel]
                public static void Select(int i, ReadOnlySpan<int> flags, ReadOnlySpan<float> x, Span<float> y) => y[i] = flags[i] > 0 ? x[i] : 0f;
            """);

    [Fact]
    public void A_load_used_in_the_condition_and_the_body_vectorises()
        => AssertVectorised("""
                [Parallel]
                public static void Positive(int i, ReadOnlySpan<float> x, Span<float> y)
                {
                    if (x[i] > 0f)
                        y[i] = x[i];
                }
            """);

    [Fact]
    public void A_load_used_only_in_an_if_condition_vectorises()
        => AssertVectorised("""
                [Parallel]
                public static void Masked(int i, ReadOnlySpan<int> flags, ReadOnlySpan<float> x, Span<float> y)
                {
                    if (flags[i] > 0)
                        y[i] = x[i];
                }
            """);

    [Fact]
    public void A_load_used_only_in_an_early_return_condition_vectorises()
        => AssertVectorised("""
                [Parallel]
                public static void Skip(int i, ReadOnlySpan<int> flags, ReadOnlySpan<float> x, Span<float> y)
                {
                    if (flags[i] < 0)
                        return;
                    y[i] = x[i] * 2f;
                }
            """);
}

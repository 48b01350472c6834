using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Robustness;

/// <summary>
/// Generated files name <c>System.Runtime.Intrinsics</c> and <c>DataParallel.CompilerServices</c> through the aliases
/// <c>Simd</c> and <c>Dp</c>. A project with its own <c>global using Simd = …;</c> (a natural name in SIMD code) would
/// make those duplicates (CS1537) inside files the user never wrote; the generator must pick other names instead.
/// </summary>
public sealed class GlobalAliasTests
{
    private const string Kernels = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Scale(int i, float a, ReadOnlySpan<float> x, Span<float> y) => y[i] = a * MathF.Sqrt(x[i]);

            [Parallel(Reduce = Reduction.Sum)]
            public static int Count(int i, ReadOnlySpan<int> x) => x[i] > 0 ? 1 : 0;

            // Simd1 is taken too: the generator must go on to the next free name.
            public static Simd1.Vector3 Unrelated() => default;
        }

        public static class Drivers
        {
            public static void Scale(float a, float[] x, float[] y) => Kernels.Scale(a, x, y);
            public static int Count(int[] x) => Kernels.Count(x);
        }
        """;

    private const string GlobalAliases = """
        global using Simd = System.Numerics;
        global using Simd1 = System.Numerics;
        global using Dp = System.Collections.Generic;
        """;

    [Fact]
    public void Kernels_compile_cleanly_and_run_beside_global_aliases_named_like_the_generated_ones()
    {
        GeneratorRun run = GeneratorHarness.Run(Kernels, GlobalAliases);
        run.AssertGeneratorDidNotThrow();
        var problems = run.DiagnosticsInGeneratedCode(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).ToArray();
        Assert.True(problems.Length == 0, run.Describe(problems));
        Assert.All(run.GeneratedSources, source => Assert.Contains("using Simd2 = global::System.Runtime.Intrinsics;", source.SourceText.ToString()));

        var drivers = new KernelDrivers(GeneratorHarness.CompileAndLoad(Kernels, GlobalAliases));
        float[] x = Enumerable.Range(0, 1003).Select(v => (float)v).ToArray();
        float[] y = new float[x.Length];
        drivers.Invoke("Scale", 2f, x, y);
        Assert.Equal(x.Select(v => 2f * MathF.Sqrt(v)), y);
        int[] signs = Enumerable.Range(-500, 1001).ToArray();
        Assert.Equal(500, drivers.Invoke("Count", signs));
    }
}

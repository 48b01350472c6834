using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using DataParallel.Analyzers;
using DataParallel.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace DataParallel.Generators.Tests.RandomKernels;

/// <summary>
/// The analyzers over the random kernels (DESIGN §5): they never crash, and they report no data race on kernels that
/// are race-free by construction (each index writes only <c>y[flat]</c> and reads <c>y</c> only there). Locality
/// advice (DP2xxx, e.g. on the gathers some random kernels make) is allowed.
/// </summary>
public sealed class RandomKernelAnalyzerTests
{

    private static readonly int[] s_batchSeeds = [11, 22, 33, 44, 55, 66];

    [Fact]
    public async Task The_analyzers_neither_crash_nor_report_races_on_random_race_free_kernels()
    {
        var problems = new StringBuilder();
        foreach (int seed in s_batchSeeds)
        {
            KernelBatch batch = KernelBatch.Create(seed, complexity: 3, count: 40);
            var source = new BatchSource(batch.Kernels);
            (ImmutableArray<Diagnostic> diagnostics, string[] thrown) = await RunAnalyzersAsync(GeneratorHarness.CreateCompilation(source.KernelsOnly));
            foreach (string crash in thrown)
                problems.AppendLine($"batch {seed}: {crash}");
            foreach (Diagnostic diagnostic in diagnostics.Where(d => d.Id == "AD0001" || d.Id.StartsWith("DP1", StringComparison.Ordinal)))
            {
                string kernel = source.KernelAt(diagnostic) ?? "?";
                problems.AppendLine($"batch {seed}, {kernel}: {diagnostic}");
                if (batch.Kernels.FirstOrDefault(k => k.Name == kernel) is { } culprit)
                    problems.AppendLine(culprit.Render());
            }
        }
        Assert.True(problems.Length == 0, problems.ToString());
    }

    /// <summary>Sanity check of the check itself: a kernel with a real race draws DP1xxx here.</summary>
    [Fact]
    public async Task A_racy_kernel_is_reported()
    {
        (ImmutableArray<Diagnostic> diagnostics, string[] thrown) = await RunAnalyzersAsync(GeneratorHarness.CreateCompilation("""
            using System;
            using DataParallel;

            public static partial class Kernels
            {
                [Parallel]
                public static void Racy(int i, ReadOnlySpan<float> x, Span<float> y) => y[0] = x[i];
            }
            """));
        Assert.Contains(diagnostics, d => d.Id.StartsWith("DP1", StringComparison.Ordinal));
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.Empty(thrown);
    }

    private static async Task<(ImmutableArray<Diagnostic> Diagnostics, string[] Thrown)> RunAnalyzersAsync(Compilation compilation)
    {
        var thrown = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            // The diagnostic's message names the kernel (ISymbol) and carries the stack.
            onAnalyzerException: (exception, analyzer, diagnostic) => thrown.Enqueue(diagnostic.GetMessage()),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var analyzers = DataParallelAnalyzers.Create();
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();
        return (diagnostics, thrown.ToArray());
    }
}

using System.IO;
using System.Threading;
using System.Threading.Tasks;
using DataParallel.Generators;
using DataParallel.Generators.Tests.Harness;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace DataParallel.Generators.Tests.GeneratorTesting;

/// <summary>
/// The generator through Microsoft.CodeAnalysis.Testing's source-generator test: the set of generated files (by
/// hint name and text) and every diagnostic after generation are exactly those stated. The differential, random-kernel
/// and fuzz tests keep <see cref="GeneratorHarness"/>, which also emits and runs the result.
/// </summary>
public sealed class GeneratedSourceSetTests
{
    /// <summary>
    /// Generates from <paramref name="kernels"/> (documented members of <c>Probe.Kernels</c>) and expects exactly the
    /// verified snapshots <c>{snapshot}#{hint name}</c>: the expected texts are those of the snapshot tests, so the
    /// two cannot drift apart. Warnings fail too, CS1591 included: generated code must not add any to a build that
    /// generates documentation (DESIGN §1).
    /// </summary>
    private static Task VerifyAgainstSnapshotsAsync(string kernels, string snapshot, params string[] hintNames)
    {
        var test = new DataParallelGeneratorTest
        {
            TestState =
            {
                Sources =
                {
                    $$"""
                    using System;
                    using DataParallel;

                    namespace Probe;

                    /// <summary>Documented, so that CS1591 can only come from generated code.</summary>
                    public static partial class Kernels
                    {
                    {{kernels}}
                    }
                    """,
                },
            },
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        string directory = Snapshot.SnapshotDirectory(ThisFile());
        foreach (string hintName in hintNames)
        {
            string verified = File.ReadAllText(Path.Combine(directory, $"{snapshot}#{Path.GetFileNameWithoutExtension(hintName)}.verified.cs"));
            test.TestState.GeneratedSources.Add((typeof(ParallelGenerator), hintName, verified));
        }
        return test.RunAsync(CancellationToken.None);
    }

    [Fact]
    public Task A_simple_kernel_generates_its_snapshot_and_no_warning() => VerifyAgainstSnapshotsAsync("""
            /// <summary>y = a x + y.</summary>
            [Parallel]
            public static void Saxpy(int i, float a, ReadOnlySpan<float> x, Span<float> y)
                => y[i] = a * x[i] + y[i];
        """, "Saxpy", "Probe.Kernels.SaxpyKernel_5cd76ef2.g.cs");

    [Fact]
    public Task Two_reductions_generate_one_file_each() => VerifyAgainstSnapshotsAsync("""
            /// <summary>The largest magnitude.</summary>
            [Parallel(Reduce = Reduction.Max)]
            public static float Peak(int i, ReadOnlySpan<float> x) => MathF.Abs(x[i]);

            /// <summary>A multiplicative hash, combined by xor.</summary>
            [Parallel(Reduce = Reduction.Xor)]
            public static uint Checksum(int i, ReadOnlySpan<uint> x) => x[i] * 2654435761u;
        """, "MaxAndXorReductions", "Probe.Kernels.PeakKernel_270bb5ec.g.cs", "Probe.Kernels.ChecksumKernel_9ef6387a.g.cs");

    [Fact]
    public Task A_kernel_that_does_not_compile_generates_nothing_and_only_the_compiler_reports() => new DataParallelGeneratorTest
    {
        TestState =
        {
            Sources =
            {
                """
                using System;
                using DataParallel;

                namespace Probe;

                public static partial class Kernels
                {
                    [Parallel]
                    public static void Broken(int i, Span<float> y) => y[i] = {|CS0103:Frobnicate|}(i);
                }
                """,
            },
        },
    }.RunAsync(CancellationToken.None);

    [Fact]
    public Task A_kernel_the_analyzer_rejects_generates_nothing_and_no_error() => new DataParallelGeneratorTest
    {
        TestState =
        {
            Sources =
            {
                // DP0001 (not static) is the analyzer's to report; the generator stays silent and adds no file.
                """
                using System;
                using DataParallel;

                namespace Probe;

                public partial class Kernels
                {
                    [Parallel]
                    public void Scale(int i, Span<float> y) => y[i] = 2f * y[i];
                }
                """,
            },
        },
    }.RunAsync(CancellationToken.None);

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}

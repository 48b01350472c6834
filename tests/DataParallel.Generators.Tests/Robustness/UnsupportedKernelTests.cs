using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using DataParallel.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DataParallel.Generators.Tests.Robustness;

/// <summary>
/// Kernels outside the language (DESIGN §2) are the analyzer's to report, on the offending syntax. The generator
/// must neither throw nor emit code that fails to compile: a user sees one clear DP diagnostic, not CS errors in
/// files they never wrote.
/// </summary>
public sealed class UnsupportedKernelTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "allocation", "DP3002", """
            [Parallel]
            public static void K(int i, Span<float> y) { object o = new object(); y[i] = o.GetHashCode(); }
            """ },
        { "string", "DP3002", """
            [Parallel]
            public static void K(int i, Span<float> y) { string s = "abc"; y[i] = s.Length; }
            """ },
        { "lambda", "DP3002", """
            [Parallel]
            public static void K(int i, ReadOnlySpan<float> x, Span<float> y) { Func<float, float> twice = v => v * 2; y[i] = twice(x[i]); }
            """ },
        { "try/catch", "DP3002", """
            [Parallel]
            public static void K(int i, ReadOnlySpan<float> x, Span<float> y) { try { y[i] = x[i]; } catch (Exception) { y[i] = 0; } }
            """ },
        { "throw", "DP3002", """
            [Parallel]
            public static void K(int i, ReadOnlySpan<float> x, Span<float> y) { if (x[i] < 0) throw new InvalidOperationException(); y[i] = x[i]; }
            """ },
        { "LINQ", "DP3002", """
            [Parallel]
            public static void K(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = System.Linq.Enumerable.Sum(x.ToArray());
            """ },
        { "virtual call", "DP3002", """
            [Parallel]
            public static void K(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i].ToString().Length;
            """ },
        { "non-static kernel", "DP0001", """
            [Parallel]
            public void K(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i];
            """ },
        { "missing Reduce", "DP0005", """
            [Parallel]
            public static float K(int i, ReadOnlySpan<float> x) => x[i];
            """ },
        { "string parameter", "DP0004", """
            [Parallel]
            public static void K(int i, string label, Span<float> y) => y[i] = label.Length;
            """ },
        { "array parameter", "DP0004", """
            [Parallel]
            public static void K(int i, float[] x, Span<float> y) => y[i] = x[i];
            """ },
        { "long index", "DP0003", """
            [Parallel]
            public static void K(long i, Span<float> y) => y[(int)i] = 1f;
            """ },
    };

    // The non-static case needs a non-static class; the rest sit in the usual static partial class.
    private static string InPartialClass(string kernel, bool isStatic) => $$"""
        using System;
        using System.Linq;
        using DataParallel;

        namespace Probe;

        public {{(isStatic ? "static " : "")}}partial class Kernels
        {
        {{kernel}}
        }
        """;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_analyzer_reports_it_and_the_generator_emits_nothing_broken(string construct, string expectedId, string kernel)
    {
        string source = InPartialClass(kernel, isStatic: expectedId != "DP0001");

        GeneratorRun run = GeneratorHarness.Run(source);
        run.AssertGeneratorDidNotThrow();

        Diagnostic[] errors = run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        Assert.True(errors.Length == 0, $"{construct}: compiler errors after generation:\n{run.Describe(errors)}");
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "DP3999");

        ImmutableArray<Diagnostic> reported = await DataParallelAnalyzers.RunAsync(run.InputCompilation, DiagnosticArea.ShapeAndLowering);
        Assert.True(reported.Any(d => d.Id == expectedId),
            $"{construct}: expected {expectedId}, got: {string.Join("; ", reported.Select(d => d.ToString()))}");
    }

    [Fact]
    public async Task A_kernel_in_a_non_partial_type_is_reported_and_generation_stays_clean()
    {
        const string source = """
            using System;
            using DataParallel;

            namespace Probe;

            public static class Kernels
            {
                [Parallel]
                public static void K(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i];
            }
            """;

        GeneratorRun run = GeneratorHarness.Run(source);
        run.AssertGeneratorDidNotThrow();
        Assert.Empty(run.OutputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        ImmutableArray<Diagnostic> reported = await DataParallelAnalyzers.RunAsync(run.InputCompilation, DiagnosticArea.ShapeAndLowering);
        Assert.Contains(reported, d => d.Id == "DP0002");
    }

    public static TheoryData<string, string> IncompleteCode => new()
    {
        { "missing expression", "[Parallel] public static void K(int i, Span<float> y) => y[i] = ;" },
        { "missing brace", "[Parallel] public static void K(int i, Span<float> y) { y[i] = 1f;" },
        { "unknown type", "[Parallel] public static void K(int i, Spam<float> y) => y[i] = 1f;" },
        { "unknown method", "[Parallel] public static void K(int i, Span<float> y) => y[i] = Frobnicate(i);" },
        { "no parameters", "[Parallel] public static void K() { }" },
        { "attribute without method body", "[Parallel] public static partial void K(int i, Span<float> y);" },
        { "half-typed attribute", "[Parallel(Dimensions = )] public static void K(int i, Span<float> y) => y[i] = 1f;" },
    };

    [Theory]
    [MemberData(nameof(IncompleteCode))]
    public async Task Incomplete_code_never_crashes_generator_or_analyzer(string situation, string kernel)
    {
        GeneratorRun run = GeneratorHarness.Run(InPartialClass(kernel, isStatic: true));

        run.AssertGeneratorDidNotThrow();
        Diagnostic[] generatedErrors = run.DiagnosticsInGeneratedCode(DiagnosticSeverity.Error).ToArray();
        Assert.True(generatedErrors.Length == 0, $"{situation}: errors inside generated code:\n{run.Describe(generatedErrors)}");
        // Throws on any analyzer exception.
        await DataParallelAnalyzers.RunAsync(run.InputCompilation, DiagnosticArea.ShapeAndLowering);
    }
}

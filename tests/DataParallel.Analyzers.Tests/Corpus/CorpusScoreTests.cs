using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Abstractions;

namespace DataParallel.Analyzers.Tests.Corpus;

/// <summary>
/// Scores the race and locality diagnostics of <see cref="KernelAnalyzer"/> on the labelled corpus, per kernel: a kernel is
/// predicted racy when any DP1xxx diagnostic falls inside it (DP1002, "possible race", included), and to have a
/// locality problem when any DP2xxx does. Prints precision, recall, every misclassified kernel with its diagnostics,
/// and the analyzers' execution time; asserts the targets of issue 4.
/// </summary>
public sealed class CorpusScoreTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Corpus_scores_meet_the_targets()
    {
        var race = new Score();
        var locality = new Score();
        TimeSpan analysisTime = TimeSpan.Zero, wall = TimeSpan.Zero;
        int kernels = 0;
        var perFile = new List<string>();

        foreach (CorpusFile file in CorpusFile.LoadAll())
        {
            var fileRace = new Score();
            var fileLocality = new Score();
            Compilation compilation = TestCompilation.Create(file.Source);
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, $"{file.Name} does not compile:\n" + string.Join("\n", errors));

            var analyzer = new KernelAnalyzer();
            var thrown = new ConcurrentQueue<Exception>();
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                (e, _, _) => thrown.Enqueue(e), concurrentAnalysis: false, logAnalyzerExecutionTime: true);
            var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), options);
            var stopwatch = Stopwatch.StartNew();
            ImmutableArray<Diagnostic> diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
            wall += stopwatch.Elapsed;
            Assert.True(thrown.IsEmpty && !diagnostics.Any(d => d.Id == "AD0001"), "An analyzer threw:\n" + string.Join("\n", thrown) + string.Join("\n", diagnostics.Where(d => d.Id == "AD0001")));
            analysisTime += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default)).ExecutionTime;

            foreach (LabelledKernel kernel in file.Kernels)
            {
                kernels++;
                var inside = diagnostics.Where(d => kernel.Span.Contains(d.Location.SourceSpan.Start)).ToList();
                bool predictedRace = inside.Any(d => d.Id.StartsWith("DP1", StringComparison.Ordinal));
                bool predictedLocality = inside.Any(d => d.Id.StartsWith("DP2", StringComparison.Ordinal));
                if (Environment.GetEnvironmentVariable("DP_CORPUS_VERBOSE") == "1")
                    output.WriteLine($"{kernel.Id} [race: {kernel.Race}, locality: {kernel.Locality}]\n" + string.Join("\n", inside.Select(d => $"    {d.Id} '{d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)}': {d.GetMessage()}")));
                race.Add(kernel.Race, predictedRace, $"{file.Name} {kernel.Id}", inside.Where(d => d.Id.StartsWith("DP1", StringComparison.Ordinal)));
                locality.Add(kernel.Locality, predictedLocality, $"{file.Name} {kernel.Id}", inside.Where(d => d.Id.StartsWith("DP2", StringComparison.Ordinal)));
                fileRace.Add(kernel.Race, predictedRace, kernel.Id, []);
                fileLocality.Add(kernel.Locality, predictedLocality, kernel.Id, []);
            }
            perFile.Add($"  {file.Name} ({file.Kernels.Count} kernels): races {fileRace}; locality {fileLocality}");
        }

        output.WriteLine($"Corpus: {kernels} kernels ({race.Positives} racy, {race.Negatives} race-free; {locality.Positives} with a locality problem).");
        output.WriteLine($"Races:    {race}");
        output.WriteLine($"Locality: {locality}");
        foreach (string line in perFile)
            output.WriteLine(line);
        output.WriteLine($"Analysis time: KernelAnalyzer {analysisTime.TotalMilliseconds:F0} ms " +
                         $"({analysisTime.TotalMilliseconds / Math.Max(1, kernels):F2} ms per kernel); wall clock: {wall.TotalMilliseconds:F0} ms.");
        foreach (string miss in race.Misses.Concat(locality.Misses))
            output.WriteLine(miss);

        Assert.True(race.Precision >= 0.98, $"Race precision {race.Precision:F3} < 0.98");
        Assert.True(race.Recall >= 0.95, $"Race recall {race.Recall:F3} < 0.95");
        Assert.True(locality.Precision >= 0.95, $"Locality precision {locality.Precision:F3} < 0.95");
        Assert.True(locality.Recall >= 0.95, $"Locality recall {locality.Recall:F3} < 0.95");
    }

    /// <summary>
    /// The samples' kernels, as a user would have them open: what the analyzers report and what it costs. The samples
    /// call generated entry points, which do not exist here; those compiler errors do not touch the kernels.
    /// </summary>
    [Fact]
    public async Task Samples_are_analysed_and_timed()
    {
        string samples = System.IO.Path.GetFullPath(System.IO.Path.Combine(LabelledKernel.Directory(), "..", "..", "..", "samples"));
        var trees = System.IO.Directory.Exists(samples)
            ? System.IO.Directory.GetFiles(samples, "*.cs", System.IO.SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{System.IO.Path.DirectorySeparatorChar}obj{System.IO.Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Select(f => Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(System.IO.File.ReadAllText(f), TestCompilation.ParseOptions, f)).ToList()
            : [];
        Compilation compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("Samples", trees, TestCompilation.References, TestCompilation.Options);
        var analyzer = new KernelAnalyzer();
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), options);
        ImmutableArray<Diagnostic> diagnostics = (await withAnalyzers.GetAnalyzerDiagnosticsAsync())
            .Where(d => d.Id.StartsWith("DP1", StringComparison.Ordinal) || d.Id.StartsWith("DP2", StringComparison.Ordinal) || d.Id == "AD0001").ToImmutableArray();
        TimeSpan time = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, default)).ExecutionTime;
        int kernels = trees.Sum(t => t.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax>().Count(a => a.Name.ToString() is "Parallel" or "DataParallel.Parallel"));
        output.WriteLine($"Samples: {trees.Count} files, {kernels} kernels, {diagnostics.Length} race/locality diagnostics, analysis time {time.TotalMilliseconds:F0} ms.");
        foreach (Diagnostic diagnostic in diagnostics)
            output.WriteLine("  " + diagnostic);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    private sealed class Score
    {
        public int TruePositives, FalsePositives, FalseNegatives, TrueNegatives;
        public readonly List<string> Misses = new();

        public int Positives => TruePositives + FalseNegatives;

        public int Negatives => TrueNegatives + FalsePositives;

        public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

        public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

        public void Add(bool expected, bool predicted, string kernel, IEnumerable<Diagnostic> diagnostics)
        {
            if (expected && predicted) TruePositives++;
            else if (!expected && !predicted) TrueNegatives++;
            else if (predicted)
            {
                FalsePositives++;
                Misses.Add($"  false positive: {kernel}\n" + string.Join("\n", diagnostics.Select(d => "      " + d.Id + ": " + d.GetMessage())));
            }
            else
            {
                FalseNegatives++;
                Misses.Add($"  false negative: {kernel}");
            }
        }

        public override string ToString()
            => $"precision {Precision:F3} ({TruePositives}/{TruePositives + FalsePositives}), recall {Recall:F3} ({TruePositives}/{TruePositives + FalseNegatives}); " +
               $"TP {TruePositives}, FP {FalsePositives}, FN {FalseNegatives}, TN {TrueNegatives}";
    }
}

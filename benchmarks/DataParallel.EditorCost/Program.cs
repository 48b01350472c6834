using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using DataParallel;
using DataParallel.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DataParallel.EditorCost;

/// <summary>
/// Measures what DataParallel costs an editor on each keystroke in a large project (issue 11): the analyzers on the
/// edited 10-kernel file of a 200-kernel project (the IDE analyses the open document again after every edit), and
/// the generator's incremental run after an unrelated edit, a blank line above a file's kernels, and an edit of one
/// kernel. Every analyzer in the analyzers assembly runs, so the same program measures one analyzer or several.
/// Arguments: [files] [kernels per file] [repetitions].
/// </summary>
internal static class Program
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    public static void Main(string[] args)
    {
        int files = args.Length > 0 ? int.Parse(args[0]) : 20;
        int perFile = args.Length > 1 ? int.Parse(args[1]) : 10;
        int repetitions = args.Length > 2 ? int.Parse(args[2]) : 30;

        var trees = KernelProject.Files(files, perFile)
            .Select((source, f) => CSharpSyntaxTree.ParseText(source, ParseOptions, $"Kernels{f}.cs", Encoding.UTF8))
            .Append(CSharpSyntaxTree.ParseText("namespace Project; public static class Unrelated { public static int Answer() => 42; }", ParseOptions, "Unrelated.cs", Encoding.UTF8))
            .ToList();
        CSharpCompilation compilation = CSharpCompilation.Create("Project", trees, References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, allowUnsafe: true));
        Diagnostic[] errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0)
            throw new InvalidOperationException("The generated project does not compile:\n" + string.Join("\n", errors.Take(10)));

        ImmutableArray<DiagnosticAnalyzer> analyzers = typeof(DataParallel.Analyzers.KernelAnalyzer).Assembly.GetTypes()
            .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        Console.WriteLine($"DataParallel editor cost — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        Console.WriteLine($"Project: {files} files × {perFile} kernels = {files * perFile} kernels ({KernelProject.ShapeCount} shapes); analyzers: {string.Join(", ", analyzers.Select(a => a.GetType().Name))}");
        Console.WriteLine();
        MeasureAnalyzers(compilation, trees[0], analyzers, repetitions);
        Console.WriteLine();
        MeasureGenerator(compilation, trees, repetitions);
    }

    private static IEnumerable<MetadataReference> References()
    {
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string[] trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return trusted.Where(path => Path.GetDirectoryName(path) == frameworkDirectory)
            .Append(typeof(ParallelAttribute).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path));
    }

    /// <summary>
    /// A keystroke in file 0 (a new compilation, as the IDE makes), then the analyzers on that file alone: wall clock
    /// of the whole request (binding included, which the IDE pays for its own diagnostics too) and the analyzers'
    /// own execution time.
    /// </summary>
    private static void MeasureAnalyzers(CSharpCompilation compilation, SyntaxTree file, ImmutableArray<DiagnosticAnalyzer> analyzers, int repetitions)
    {
        var wall = new List<double>();
        var own = new List<double>();
        int diagnostics = 0;
        for (int r = -5; r < repetitions; r++)
        {
            SyntaxTree edited = file.WithChangedText(file.GetText().WithChanges(new Microsoft.CodeAnalysis.Text.TextChange(new Microsoft.CodeAnalysis.Text.TextSpan(file.Length, 0), $"// keystroke {r}\n")));
            CSharpCompilation next = compilation.ReplaceSyntaxTree(file, edited);
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true);
            var withAnalyzers = next.WithAnalyzers(analyzers, options);
            var stopwatch = Stopwatch.StartNew();
            ImmutableArray<Diagnostic> found = withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(next.GetSemanticModel(edited), null, CancellationToken.None).Result;
            double elapsed = stopwatch.Elapsed.TotalMilliseconds;
            double execution = analyzers.Sum(a => withAnalyzers.GetAnalyzerTelemetryInfoAsync(a, CancellationToken.None).Result.ExecutionTime.TotalMilliseconds);
            if (r < 0)
                continue;
            wall.Add(elapsed);
            own.Add(execution);
            diagnostics = found.Count(d => d.Id.StartsWith("DP", StringComparison.Ordinal));
        }
        Console.WriteLine($"Analyzers on the edited file ({repetitions} keystrokes, median [min–max]):");
        Console.WriteLine($"  request, wall clock:        {Summary(wall)} ms");
        Console.WriteLine($"  analyzers' execution time:  {Summary(own)} ms   ({Median(own) / 10:F2} ms per kernel; {diagnostics} DP diagnostics in the file)");
    }

    /// <summary>
    /// The generator over the whole project, then edits in turn, each undone by the next run (A, B, A, B, …): what
    /// each run costs, and how many kernels each step had to redo (outputs New or Modified, by step).
    /// </summary>
    private static void MeasureGenerator(CSharpCompilation compilation, List<SyntaxTree> trees, int repetitions)
    {
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ParallelGenerator().AsSourceGenerator()], parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        var stopwatch = Stopwatch.StartNew();
        driver = driver.RunGenerators(compilation);
        Console.WriteLine($"Generator, first run over every kernel: {stopwatch.Elapsed.TotalMilliseconds:F0} ms, {driver.GetRunResult().GeneratedTrees.Length} files.");

        SyntaxTree unrelated = trees[^1];
        SyntaxTree kernels = trees[0];
        string source = kernels.ToString();
        int firstKernel = source.IndexOf("    [Parallel", StringComparison.Ordinal);
        string firstBody = "a * x[i] + y[i]";
        var edits = new (string Name, Func<CSharpCompilation, bool, CSharpCompilation> Apply)[]
        {
            ("an unrelated file edited", (c, on) => c.ReplaceSyntaxTree(c.SyntaxTrees.Single(t => t.FilePath == unrelated.FilePath),
                CSharpSyntaxTree.ParseText(unrelated.ToString().Replace("42", on ? "43" : "42"), ParseOptions, unrelated.FilePath, Encoding.UTF8))),
            ("a blank line above a file's kernels", (c, on) => c.ReplaceSyntaxTree(c.SyntaxTrees.Single(t => t.FilePath == kernels.FilePath),
                CSharpSyntaxTree.ParseText(on ? source.Insert(firstKernel, "\n") : source, ParseOptions, kernels.FilePath, Encoding.UTF8))),
            ("one kernel's body edited", (c, on) => c.ReplaceSyntaxTree(c.SyntaxTrees.Single(t => t.FilePath == kernels.FilePath),
                CSharpSyntaxTree.ParseText(on ? source.Replace(firstBody, "a * x[i] - y[i]") : source, ParseOptions, kernels.FilePath, Encoding.UTF8))),
        };
        foreach (var (name, apply) in edits)
        {
            var times = new List<double>();
            string redone = "";
            CSharpCompilation current = compilation;
            for (int r = -3; r < repetitions; r++)
            {
                current = apply(compilation, r % 2 == 0);
                stopwatch.Restart();
                driver = driver.RunGenerators(current);
                double elapsed = stopwatch.Elapsed.TotalMilliseconds;
                if (r < 0)
                    continue;
                times.Add(elapsed);
                GeneratorRunResult result = driver.GetRunResult().Results.Single();
                redone = string.Join(", ", result.TrackedSteps
                    .Select(step => (step.Key, Count: step.Value.Sum(run => run.Outputs.Count(o => o.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified))))
                    .Where(step => step.Count > 0)
                    .Select(step => $"{step.Key} {step.Count}"));
            }
            driver = driver.RunGenerators(compilation);
            Console.WriteLine($"Generator after {name}: {Summary(times)} ms; redone: {(redone.Length == 0 ? "nothing" : redone)}");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
    }

    private static string Summary(List<double> values) => $"{Median(values):F1} [{values.Min():F1}–{values.Max():F1}]";
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DataParallel.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace DataParallel.Generators.Tests.Incrementality;

/// <summary>
/// DESIGN §6: the pipeline's models are value-equatable, so edits that do not touch a kernel regenerate nothing.
/// The generator names its steps with <c>DataParallel.Generators.TrackingNames</c> ("DataParallel.…"); every
/// output of those steps must come back Cached or Unchanged after an unrelated edit.
/// </summary>
public sealed class IncrementalityTests
{
    private const string StepPrefix = "DataParallel.";

    private const string KernelSource = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Saxpy(int i, float a, ReadOnlySpan<float> x, Span<float> y)
                => y[i] = a * x[i] + y[i];

            [Parallel(Reduce = Reduction.Sum)]
            public static float Dot(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> y)
                => x[i] * y[i];
        }
        """;

    private const string UnrelatedSource = """
        namespace Elsewhere;

        public static class Unrelated
        {
            public static int Answer() => 42;
        }
        """;

    private static SyntaxTree Parse(string source, string path)
        => CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, path, Encoding.UTF8);

    private static GeneratorRunResult RunTwice(CSharpCompilation first, Func<CSharpCompilation, CSharpCompilation> edit)
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(first);
        Assert.Null(driver.GetRunResult().Results.Single().Exception);
        driver = driver.RunGenerators(edit(first));
        GeneratorRunResult second = driver.GetRunResult().Results.Single();
        Assert.Null(second.Exception);
        return second;
    }

    private static List<(string Step, IncrementalStepRunReason Reason)> NamedStepOutputs(GeneratorRunResult result)
        => result.TrackedSteps
            .Where(step => step.Key.StartsWith(StepPrefix, StringComparison.Ordinal))
            .SelectMany(step => step.Value.SelectMany(run => run.Outputs.Select(output => (step.Key, output.Reason))))
            .ToList();

    private static void AssertNothingRecomputed(GeneratorRunResult result)
    {
        var named = NamedStepOutputs(result);
        Assert.True(named.Count > 0,
            $"The generator tracks no step named '{StepPrefix}…' (tracked: {string.Join(", ", result.TrackedSteps.Keys)}); name its steps with TrackingNames.");

        var recomputed = named.Where(output => output.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)).ToList();
        Assert.True(recomputed.Count == 0,
            "Steps recomputed after an unrelated edit: " + string.Join(", ", recomputed.Select(output => $"{output.Step} ({output.Reason})")));

        // The source outputs themselves must not be re-emitted either.
        var reemitted = result.TrackedOutputSteps
            .SelectMany(step => step.Value.SelectMany(run => run.Outputs.Select(output => (step.Key, output.Reason))))
            .Where(output => output.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
            .ToList();
        Assert.True(reemitted.Count == 0,
            "Outputs re-emitted after an unrelated edit: " + string.Join(", ", reemitted.Select(output => $"{output.Key} ({output.Reason})")));
    }

    [Fact]
    public void Adding_an_unrelated_file_recomputes_nothing()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(KernelSource);

        GeneratorRunResult second = RunTwice(compilation, c => c.AddSyntaxTrees(Parse(UnrelatedSource, "Unrelated.cs")));

        AssertNothingRecomputed(second);
    }

    [Fact]
    public void Editing_an_unrelated_file_recomputes_nothing()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(KernelSource).AddSyntaxTrees(Parse(UnrelatedSource, "Unrelated.cs"));
        SyntaxTree unrelated = compilation.SyntaxTrees.Single(tree => tree.FilePath == "Unrelated.cs");

        GeneratorRunResult second = RunTwice(compilation,
            c => c.ReplaceSyntaxTree(unrelated, Parse(UnrelatedSource.Replace("42", "43", StringComparison.Ordinal), "Unrelated.cs")));

        AssertNothingRecomputed(second);
    }

    /// <summary>
    /// The steps that work from kernel models, which hold no location: after an edit that moves a kernel or touches
    /// only trivia, every one of their outputs must come back Cached or Unchanged, and no file may be re-emitted.
    /// (The first step reads the edited tree again and reports the kernel's new place, which is what it is for.)
    /// </summary>
    private static void AssertNothingLoweredAgain(GeneratorRunResult result)
    {
        var lowered = NamedStepOutputs(result).Where(output => output.Step is TrackingNames.KernelModels or TrackingNames.LoweredKernels).ToList();
        Assert.Contains(lowered, output => output.Step == TrackingNames.LoweredKernels);
        var recomputed = lowered.Where(output => output.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged)).ToList();
        Assert.True(recomputed.Count == 0, "Kernels lowered again: " + string.Join(", ", recomputed.Select(output => $"{output.Step} ({output.Reason})")));
        var reemitted = result.TrackedOutputSteps
            .Where(step => step.Key == "SourceOutput")
            .SelectMany(step => step.Value.SelectMany(run => run.Outputs))
            .Where(output => output.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
            .ToList();
        Assert.True(reemitted.Count == 0, $"{reemitted.Count} source output(s) re-emitted");
    }

    private static GeneratorRunResult EditKernels(Func<string, string> edit)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(KernelSource);
        SyntaxTree kernels = compilation.SyntaxTrees.Single();
        string edited = edit(KernelSource);
        Assert.NotEqual(KernelSource, edited);
        return RunTwice(compilation, c => c.ReplaceSyntaxTree(kernels, Parse(edited, kernels.FilePath)));
    }

    [Fact]
    public void A_blank_line_above_a_kernel_lowers_nothing_again()
    {
        GeneratorRunResult second = EditKernels(source => source.Replace("    [Parallel]\n    public static void Saxpy", "\n\n    [Parallel]\n    public static void Saxpy", StringComparison.Ordinal));

        AssertNothingLoweredAgain(second);
        // The control: the kernels were read again, and found to have moved.
        Assert.Contains(NamedStepOutputs(second), output => output.Step == TrackingNames.Kernels && output.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void A_comment_in_a_kernel_body_lowers_nothing_again()
    {
        GeneratorRunResult second = EditKernels(source => source
            .Replace("=> y[i] = a * x[i] + y[i];", "=> y[i] = a * x[i] /* scaled */ + y[i]; // one element per index", StringComparison.Ordinal)
            .Replace("=> x[i] * y[i];", "=> x[i]\n                   // the product\n                   * y[i];", StringComparison.Ordinal));

        AssertNothingLoweredAgain(second);
    }

    [Fact]
    public void Editing_one_kernel_lowers_that_kernel_alone()
    {
        GeneratorRunResult second = EditKernels(source => source.Replace("a * x[i] + y[i]", "a * x[i] - y[i]", StringComparison.Ordinal));

        var lowered = NamedStepOutputs(second).Where(output => output.Step == TrackingNames.LoweredKernels).ToList();
        Assert.Equal(2, lowered.Count);
        Assert.Single(lowered, output => output.Reason == IncrementalStepRunReason.Modified);
        Assert.Single(lowered, output => output.Reason == IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void Editing_a_kernel_body_does_recompute()
    {
        // The control for the tests above: tracking must be able to see a change at all.
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(KernelSource);
        SyntaxTree kernels = compilation.SyntaxTrees.Single();

        GeneratorRunResult second = RunTwice(compilation,
            c => c.ReplaceSyntaxTree(kernels, Parse(KernelSource.Replace("a * x[i] + y[i]", "a * x[i] - y[i]", StringComparison.Ordinal), kernels.FilePath)));

        Assert.Contains(NamedStepOutputs(second), output => output.Reason == IncrementalStepRunReason.Modified);
    }
}

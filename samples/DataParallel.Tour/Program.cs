using System;
using System.Diagnostics;
using System.Reflection;
using Spectre.Console;

namespace DataParallel.Tour;

/// <summary>
/// Runs the tour's kernels both ways, the kernel method in a plain loop and the entry point the generator added,
/// checks that they agree and shows how long each took. Exit code 1 if any check fails.
/// </summary>
internal static class Program
{
    // 4M floats, 16 MiB per array: large enough for every core to pay off, small enough to run the tour in seconds.
    private const int Elements = 4 * 1024 * 1024;

    private static int Main()
    {
        AnsiConsole.Write(MachineSummary.Create());
        if (IsUnoptimisedBuild())
            AnsiConsole.MarkupLine("[yellow]This is a Debug build: the times below mean little. Run with -c Release.[/]");

        // One seed, so every run checks and times the same data.
        var random = new Random(20_240_601);
        KernelDemo[] demos =
        [
            new SaxpyDemo(Elements, random),
            new FusedDemo(Elements, random),
            new PolynomialDemo(Elements, random),
            new DotDemo(Elements, random),
            new MaxAbsDemo(Elements, random),
            new MatMulDemo(384, random),
            new BlurDemo(2048, 2048, random),
            new PartitionedBlurDemo(2048, 2048, random),
            new MandelbrotDemo(1024, 768),
            new GravityDemo(2048, random),
            new LogisticRegressionDemo(65_536, random),
        ];

        var table = new ResultsTable(MedianTimer.TimedRuns);
        bool allPassed = true;
        void RunAll(Action rowAdded)
        {
            foreach (KernelDemo demo in demos)
            {
                DemoResult result = DemoRunner.Run(demo);
                allPassed &= result.Check.Passed;
                table.Add(result);
                rowAdded();
            }
        }

        // In a terminal, rows appear as each kernel finishes; in a log or a pipe, the table is written once.
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            AnsiConsole.Live(table.Table).Start(live => RunAll(live.Refresh));
        }
        else
        {
            RunAll(() => { });
            AnsiConsole.Write(table.Table);
        }

        allPassed &= GpuSection.Run(Elements, random);

        AnsiConsole.MarkupLine(allPassed
            ? "[green]All checks passed: every generated entry point agrees with its scalar kernel.[/]"
            : "[red]Some generated results differ from the scalar kernel beyond their tolerance.[/]");
        return allPassed ? 0 : 1;
    }

    private static bool IsUnoptimisedBuild()
        => typeof(Program).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled ?? false;
}

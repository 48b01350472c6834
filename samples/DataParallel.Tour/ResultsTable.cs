using System;
using System.Globalization;
using Spectre.Console;

namespace DataParallel.Tour;

/// <summary>The tour's result table: one row per kernel, filled in as each kernel finishes.</summary>
internal sealed class ResultsTable
{
    public ResultsTable(int timedRuns)
    {
        Table = new Table()
            .Border(TableBorder.Rounded)
            .BorderColor(Color.Grey)
            .Title("[bold]Scalar loop vs generated entry point[/]")
            .Caption($"[grey]Median of {timedRuns} runs after warm-up. Scalar: the kernel method called in a for loop.\n" +
                     "Generated: the entry point [[Parallel]] added. Check: generated vs scalar results.[/]")
            .AddColumn("Kernel")
            .AddColumn(new TableColumn("Elements").RightAligned())
            .AddColumn(new TableColumn("Scalar").RightAligned())
            .AddColumn(new TableColumn("Generated").RightAligned())
            .AddColumn(new TableColumn("Speed-up").RightAligned())
            .AddColumn("Check");
    }

    public Table Table { get; }

    public void Add(DemoResult result)
    {
        KernelDemo demo = result.Demo;
        Table.AddRow(
            $"[bold]{Markup.Escape(demo.Name)}[/]\n[grey]{Markup.Escape(demo.Formula)}[/]",
            demo.Elements.ToString("N0", CultureInfo.InvariantCulture),
            Milliseconds(result.ScalarTime),
            Milliseconds(result.GeneratedTime),
            SpeedUp(result.SpeedUp),
            Check(result.Check));
    }

    /// <summary>A median time as the tables show it.</summary>
    public static string Milliseconds(TimeSpan time)
        => time.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture) + " ms";

    private static string SpeedUp(double speedUp)
    {
        string text = speedUp.ToString("0.0", CultureInfo.InvariantCulture) + "×";
        return speedUp >= 1 ? $"[bold green]{text}[/]" : $"[yellow]{text}[/]";
    }

    /// <summary>A check's outcome as the tables show it: the tolerance met, or where it was missed.</summary>
    public static string Check(ResultCheck check) => check switch
    {
        { Passed: true, Tolerance.IsBitwise: true } => "[green]✓ bitwise[/]",
        { Passed: true, Tolerance.IsRelative: true } => $"[green]✓ {check.MaxRelative:0.0e0} rel[/]\n[grey]≤ {check.Tolerance.MaxRelative:0e0} ok[/]",
        { Tolerance.IsRelative: true } => $"[red]✗ {check.MaxRelative:0.0e0} rel[/]\n[grey]≤ {check.Tolerance.MaxRelative:0e0} ok[/]",
        { Passed: true } => $"[green]✓ {check.MaxUlps} ulp[/]\n[grey]max; ≤ {check.Tolerance.MaxUlps} ok[/]",
        { Tolerance.IsBitwise: true } => $"[red]✗ bits differ[/]\n[grey]first at [[{check.WorstIndex}]][/]",
        _ => $"[red]✗ {Ulps(check.MaxUlps)}[/]\n[grey]at [[{check.WorstIndex}]]; ≤ {check.Tolerance.MaxUlps} ok[/]",
    };

    private static string Ulps(long ulps) => ulps == long.MaxValue ? "NaN" : $"{ulps} ulp";
}

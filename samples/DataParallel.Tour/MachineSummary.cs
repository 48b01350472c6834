using System;
using System.Runtime.InteropServices;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DataParallel.Tour;

/// <summary>The header: what this machine offers the generated code, since every number below depends on it.</summary>
internal static class MachineSummary
{
    public static IRenderable Create()
    {
        SimdWidth width = DataParallelSettings.HardwareWidth;
        int bits = RegisterBits(width);

        var facts = new Grid().AddColumn(new GridColumn().PadRight(2)).AddColumn();
        facts.AddRow("[grey]Cores[/]", $"[bold]{Environment.ProcessorCount}[/]");
        facts.AddRow("[grey]SIMD[/]", $"[bold]{width}[/] · {bits}-bit registers · {bits / (8 * sizeof(float))} floats per vector");
        facts.AddRow("[grey]Settings[/]", $"Mode {DataParallelSettings.Mode} · up to {DataParallelSettings.MaxDegreeOfParallelism} threads per call · width {DataParallelSettings.EffectiveWidth}");
        facts.AddRow("[grey]Runtime[/]", Markup.Escape($"{RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture})"));

        return new Panel(facts)
            .Header("[bold] DataParallel tour [/]")
            .Border(BoxBorder.Rounded)
            .BorderColor(Color.SteelBlue);
    }

    private static int RegisterBits(SimdWidth width) => width switch
    {
        SimdWidth.Vector512 => 512,
        SimdWidth.Vector256 => 256,
        SimdWidth.Vector128 => 128,
        // No SIMD: one float at a time.
        _ => 8 * sizeof(float),
    };
}

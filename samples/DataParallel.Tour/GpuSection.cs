using System;
using System.Globalization;
using System.Linq;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using Spectre.Console;

namespace DataParallel.Tour;

/// <summary>
/// The tour's GPU section: with DataParallel.Gpu referenced, the generator also made the kernels ILGPU kernels with
/// entry points taking an <see cref="Accelerator"/>. On a CUDA or usable OpenCL device, four of them run through
/// those entry points, checked against the scalar kernel and timed; without one, the section says so in one line and
/// runs SAXPY on ILGPU's CPU accelerator as a correctness check only.
/// </summary>
internal static class GpuSection
{
    // ILGPU's CPU accelerator runs every GPU thread as .NET code on a few threads, about 1000× slower than a loop: a few thousand
    // elements check the generated kernel without adding more than a moment to the tour.
    private const int CpuAcceleratorElements = 4096;

    /// <summary>Runs the section on <paramref name="elements"/> elements per kernel; false if a check failed.</summary>
    public static bool Run(int elements, Random random)
    {
        using Context context = Context.Create(builder => builder.Default().EnableAlgorithms());
        Device? gpu = FindGpu(context);
        if (gpu is null)
        {
            AnsiConsole.MarkupLine("[yellow]GPU: no CUDA or OpenCL device ILGPU can use was found, so no GPU kernel ran.[/]");
            return RunOnCpuAccelerator(context, random);
        }

        using Accelerator accelerator = gpu.CreateAccelerator(context);
        var table = NewTable($"GPU entry points on {Markup.Escape(accelerator.Name)} ({accelerator.AcceleratorType})",
            $"[grey]Median of {MedianTimer.TimedRuns} runs after warm-up (the first call compiles and loads the kernel). " +
            "Views: data already on the device, launch and wait.\nSpans: host arrays copied in and back. Check: GPU vs scalar kernel.[/]")
            .AddColumn(new TableColumn("Time").RightAligned());
        bool passed = true;

        float[] x = RandomFloats.Uniform(random, elements, -1f, 1f);
        float[] y = RandomFloats.Uniform(random, elements, -1f, 1f);
        using MemoryBuffer1D<float, Stride1D.Dense> xOnDevice = accelerator.Allocate1D(x);
        using MemoryBuffer1D<float, Stride1D.Dense> yOnDevice = accelerator.Allocate1D<float>(elements);

        // SAXPY through the view form. On a GPU the backend may contract a·x + y into one fused multiply-add, one
        // rounding instead of two: 1 ulp from the CPU's result (docs/guides/gpu.md).
        {
            float[] expected = (float[])y.Clone();
            for (int i = 0; i < elements; i++)
                Kernels.Saxpy(i, 2.5f, x, expected);
            void Reset() => yOnDevice.View.CopyFromCPU(y);
            void Launch()
            {
                Kernels.Saxpy(accelerator, 2.5f, xOnDevice.View, yOnDevice.View);
                accelerator.Synchronize();
            }
            Reset();
            Launch();
            ResultCheck check = ResultCheck.Compare(expected, yOnDevice.GetAsArray1D(), Tolerance.Ulps(1));
            passed &= check.Passed;
            AddRow(table, "SAXPY", "y = a·x + y", "views", elements, check, MedianTimer.Measure(Reset, Launch));
        }

        // √(x² + 1)·e⁻ˣ through the span form, copies included. XMath's Sqrt and Exp on a GPU: within 4 ulp of .NET's.
        {
            float[] expected = new float[elements], actual = new float[elements];
            for (int i = 0; i < elements; i++)
                Kernels.Fused(i, x, expected);
            void Launch() => Kernels.Fused(accelerator, x, actual);
            Launch();
            ResultCheck check = ResultCheck.Compare(expected, actual, Tolerance.Ulps(4));
            passed &= check.Passed;
            AddRow(table, "Fused", "y = √(x² + 1)·e⁻ˣ", "spans", elements, check, MedianTimer.Measure(() => { }, Launch));
        }

        // Dot, a reduction: fixed blocks of 256 summed in order, so it is checked, like the CPU's, against the scalar
        // kernel's values summed in double.
        {
            yOnDevice.View.CopyFromCPU(y);
            double reference = 0;
            for (int i = 0; i < elements; i++)
                reference += Kernels.Dot(i, x, y);
            float dot = 0;
            void Launch() => dot = Kernels.Dot(accelerator, xOnDevice.View, yOnDevice.View);
            Launch();
            ResultCheck check = ResultCheck.Compare([(float)reference], [dot], Tolerance.Relative(1e-4));
            passed &= check.Passed;
            AddRow(table, "Dot", "Σ xᵢ·yᵢ (Sum)", "views", elements, check, MedianTimer.Measure(() => { }, Launch));
        }

        // MaxAbs, a float Max reduction: Math.Max's NaN and signed-zero rules, so the GPU's value is the scalar fold's bits.
        {
            float expected = float.NegativeInfinity;
            for (int i = 0; i < elements; i++)
                expected = Math.Max(expected, Kernels.MaxAbs(i, x));
            float maxAbs = 0;
            void Launch() => maxAbs = Kernels.MaxAbs(accelerator, xOnDevice.View);
            Launch();
            ResultCheck check = ResultCheck.Compare([expected], [maxAbs], Tolerance.Bitwise);
            passed &= check.Passed;
            AddRow(table, "MaxAbs", "max |xᵢ| (Max)", "views", elements, check, MedianTimer.Measure(() => { }, Launch));
        }

        AnsiConsole.Write(table);
        return passed;
    }

    /// <summary>
    /// The first CUDA device, else the first OpenCL device with the generic address space: ILGPU's OpenCL backend
    /// needs it (ILGPU's own capability flag, <see cref="CLCapabilityContext.GenericAddressSpace"/>), and devices
    /// such as pocl's CPU device do not offer it.
    /// </summary>
    private static Device? FindGpu(Context context)
        => context.Devices.FirstOrDefault(device => device is CudaDevice)
           ?? context.Devices.FirstOrDefault(device => device is CLDevice { Capabilities.GenericAddressSpace: true });

    private static bool RunOnCpuAccelerator(Context context, Random random)
    {
        using Accelerator cpu = context.GetPreferredDevice(preferCPU: true).CreateAccelerator(context);
        float[] x = RandomFloats.Uniform(random, CpuAcceleratorElements, -1f, 1f);
        float[] y = RandomFloats.Uniform(random, CpuAcceleratorElements, -1f, 1f);
        float[] expected = (float[])y.Clone();
        for (int i = 0; i < expected.Length; i++)
            Kernels.Saxpy(i, 2.5f, x, expected);

        // The span form: x copied in, y copied in and back. The CPU accelerator runs the kernel's IL as .NET does,
        // with no contraction, so the result is the scalar kernel's bit for bit.
        Kernels.Saxpy(cpu, 2.5f, x, y);
        ResultCheck check = ResultCheck.Compare(expected, y, Tolerance.Bitwise);

        AnsiConsole.MarkupLine($"[bold]CPU accelerator (a correctness check, not a speed measure)[/]: SAXPY's GPU entry point, " +
            $"span form, {CpuAcceleratorElements:N0} elements on ILGPU's CPU accelerator vs the scalar kernel: {ResultsTable.Check(check).Split('\n')[0]}");
        return check.Passed;
    }

    private static Table NewTable(string title, string caption) => new Table()
        .Border(TableBorder.Rounded)
        .BorderColor(Color.Grey)
        .Title($"[bold]{title}[/]")
        .Caption(caption)
        .AddColumn("Kernel")
        .AddColumn("Entry point")
        .AddColumn(new TableColumn("Elements").RightAligned())
        .AddColumn("Check");

    private static void AddRow(Table table, string name, string formula, string form, int elements, ResultCheck check, TimeSpan? time)
    {
        string[] cells =
        [
            $"[bold]{Markup.Escape(name)}[/]\n[grey]{Markup.Escape(formula)}[/]",
            form,
            elements.ToString("N0", CultureInfo.InvariantCulture),
            ResultsTable.Check(check),
        ];
        table.AddRow(time is { } measured ? [.. cells, ResultsTable.Milliseconds(measured)] : cells);
    }
}

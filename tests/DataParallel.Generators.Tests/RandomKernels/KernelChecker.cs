using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using DataParallel.Generators.Tests.Harness;

namespace DataParallel.Generators.Tests.RandomKernels;

/// <summary>How a generated entry point is run: a vector width and a thread cap.</summary>
internal readonly record struct RunConfiguration(SimdWidth Width, int Threads)
{
    public IDisposable Apply() => DataParallelSettings.Override(ExecutionMode.Auto, Threads, Width);

    public override string ToString() => $"width {Width}, {Threads} thread(s)";
}

/// <summary>One disagreement between a generated entry point and its scalar kernel.</summary>
internal sealed record KernelFailure(RandomKernel Kernel, Shape Shape, RunConfiguration Configuration, string Detail)
{
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine($"{Kernel.Name}, {Shape}, {Configuration}: {Detail}");
        text.AppendLine(Kernel.Render());
        return text.ToString();
    }
}

/// <summary>
/// Runs random kernels, generated entry point against the kernel method looped in order, on seeded inputs around
/// the vector widths, and compares every output element bit for bit (any NaN equals any NaN).
/// </summary>
internal static class KernelChecker
{
    public static readonly int[] Sizes1D = [0, 1, 7, 8, 9, 33, 1000];

    public static readonly Shape[] Shapes2D = [new(0, 5), new(1, 1), new(2, 7), new(3, 8), new(2, 9), new(3, 33), new(5, 200)];

    /// <summary>Large enough for several chunks (and, for costlier kernels, both threads).</summary>
    public static readonly Shape Large1D = new(40_000, -1);

    public static readonly Shape Large2D = new(100, 400);

    private static readonly SimdWidth[] s_widths = [SimdWidth.Scalar, SimdWidth.Vector128, SimdWidth.Vector256, SimdWidth.Vector512];

    public static IEnumerable<Shape> ShapesFor(RandomKernel kernel, bool large)
    {
        IEnumerable<Shape> shapes = kernel.Dimensions == 1 ? Sizes1D.Select(n => new Shape(n, -1)) : Shapes2D;
        return large ? shapes.Append(kernel.Dimensions == 1 ? Large1D : Large2D) : shapes;
    }

    /// <summary>Every width on one thread; the large domain also on two.</summary>
    public static IEnumerable<RunConfiguration> ConfigurationsFor(Shape shape)
    {
        bool large = shape == Large1D || shape == Large2D;
        foreach (SimdWidth width in s_widths)
        {
            yield return new RunConfiguration(width, 1);
            if (large)
                yield return new RunConfiguration(width, 2);
        }
    }

    /// <summary>The first failure of <paramref name="kernel"/> on <paramref name="shapes"/>, or null.</summary>
    public static KernelFailure? Check(CompiledBatch batch, RandomKernel kernel, IEnumerable<Shape> shapes, Func<Shape, IEnumerable<RunConfiguration>>? configurations = null)
    {
        foreach (Shape shape in shapes)
        {
            KernelInputs inputs = KernelInputs.Create(kernel, shape);
            Outcome expected = Run(batch, kernel.Name + "Scalar", inputs);
            if (expected.Error is { } scalarError)
            {
                return new KernelFailure(kernel, shape, default,
                    $"the SCALAR kernel threw {scalarError.GetType().Name}: {scalarError.Message} — the random builder must not produce such kernels (a test bug).\n{inputs.Describe()}");
            }
            foreach (RunConfiguration configuration in (configurations ?? ConfigurationsFor)(shape))
            {
                Outcome actual;
                using (configuration.Apply())
                    actual = Run(batch, kernel.Name + "Generated", inputs);
                if (Compare(expected, actual, inputs) is { } detail)
                    return new KernelFailure(kernel, shape, configuration, detail);
            }
        }
        return null;
    }

    private sealed record Outcome(object? Result, Array? Output, Exception? Error);

    private static Outcome Run(CompiledBatch batch, string driver, KernelInputs inputs)
    {
        Array? output = (Array?)inputs.Output?.Clone();
        try
        {
            object? result = batch.Invoke(driver, inputs.Arguments(output));
            return new Outcome(result, output, null);
        }
        catch (Exception exception)
        {
            return new Outcome(null, output, exception);
        }
    }

    private static string? Compare(Outcome expected, Outcome actual, KernelInputs inputs)
    {
        if (actual.Error is { } error)
            return $"the generated entry point threw {error.GetType().Name}: {error.Message}; the scalar kernel did not.\n{inputs.Describe()}";
        if (expected.Output is { } expectedOutput)
        {
            List<int> mismatches = ElementComparison.Bitwise.Mismatches(expectedOutput, actual.Output!);
            if (mismatches.Count == 0)
                return null;
            var text = new StringBuilder();
            text.AppendLine($"y differs at {string.Join(", ", mismatches)}{(mismatches.Count == 5 ? ", …" : "")} ({inputs.Position(mismatches[0])}).");
            foreach (int index in mismatches)
            {
                text.AppendLine($"  y[{index}]: scalar {ElementComparison.Format(expectedOutput.GetValue(index))}, generated {ElementComparison.Format(actual.Output!.GetValue(index))}, before the call {ElementComparison.Format(inputs.Output!.GetValue(index))}");
            }
            text.Append(inputs.Describe(mismatches[0]));
            return text.ToString();
        }
        if (!ElementComparison.Bitwise.SameValue(expected.Result, actual.Result))
            return $"returned {ElementComparison.Format(actual.Result)}, the scalar fold {ElementComparison.Format(expected.Result)}.\n{inputs.Describe()}";
        return null;
    }
}

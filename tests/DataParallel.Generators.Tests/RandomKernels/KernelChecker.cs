using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using DataParallel.Generators.Tests.Harness;

namespace DataParallel.Generators.Tests.RandomKernels;

/// <summary>A domain: <c>N0</c> elements (1-D), or <c>N0</c> rows of <c>N1</c> columns (2-D).</summary>
internal readonly record struct Shape(int N0, int N1)
{
    public override string ToString() => N1 < 0 ? $"size {N0}" : $"{N0}×{N1}";
}

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

/// <summary>Seeded inputs for one kernel on one shape: uniforms, the seven input spans (padded) and the output.</summary>
internal sealed class KernelInputs
{
    private const int Padding = KernelBuilder.Padding;

    private static readonly float[] s_tinyFloats = [-2f, -1f, -0.5f, -0f, 0f, 0.5f, 1f, 2f];

    private static readonly double[] s_tinyDoubles = [-2d, -1d, -0.5d, -0d, 0d, 0.5d, 1d, 2d];

    public int Lo0, Hi0, Lo1, Hi1, W;
    public float Uf;
    public double Ud;
    public int Ui, Um, Ut;
    public bool Ub;
    public long Ul;
    public uint Uu;
    public float[] Xf = [];
    public double[] Xd = [];
    public int[] Xi = [];
    public long[] Xl = [];
    public uint[] Xu = [];
    public short[] Xs = [];
    public byte[] Xb = [];
    public Array? Output;

    public static KernelInputs Create(RandomKernel kernel, Shape shape)
    {
        // Not HashCode.Combine: it is randomised per process, and a failure must replay with the same inputs.
        int seed = unchecked(kernel.InputSeed * 31 + shape.N0 * 1_000_003 + shape.N1);
        var random = new Random(seed);
        var inputs = new KernelInputs();
        int length;
        if (kernel.Dimensions == 1)
        {
            (inputs.Lo0, inputs.Hi0) = (Padding, Padding + shape.N0);
            inputs.W = random.Next(-3, 100);
            length = shape.N0 + 2 * Padding;
        }
        else
        {
            inputs.W = shape.N1 + 2 * Padding;
            (inputs.Lo0, inputs.Hi0, inputs.Lo1, inputs.Hi1) = (0, shape.N0, Padding, Padding + shape.N1);
            length = shape.N0 * inputs.W;
        }

        inputs.Uf = random.Next(3) switch
        {
            0 => TestValues.Floats(1, random.Next())[0],
            1 => s_tinyFloats[random.Next(s_tinyFloats.Length)],
            _ => (float)Math.Round(random.NextDouble() * 8 - 4, 2),
        };
        inputs.Ud = random.Next(3) switch
        {
            0 => TestValues.Doubles(1, random.Next())[0],
            1 => s_tinyDoubles[random.Next(s_tinyDoubles.Length)],
            _ => Math.Round(random.NextDouble() * 8 - 4, 3),
        };
        inputs.Ui = random.Next(3) == 0 ? TestValues.Integers<int>(1, random.Next())[0] : random.Next(-3, 11);
        inputs.Ul = random.Next(3) == 0 ? TestValues.Integers<long>(1, random.Next())[0] : random.Next(-3, 11);
        inputs.Uu = random.Next(3) == 0 ? TestValues.Integers<uint>(1, random.Next())[0] : (uint)random.Next(0, 11);
        inputs.Um = random.Next(0, KernelBuilder.MaxLoopOffset + 1);
        inputs.Ut = random.Next(0, 13);
        inputs.Ub = random.Next(2) == 0;

        // Each span is wild (the type's whole range with its awkward values), tame (small values, so that loops
        // and branches go both ways) or tiny (a handful of values, so that comparisons meet equality and ±0).
        int Profile() => random.Next(3);
        T[] Pick<T>(Func<T[]> wild, Func<T[]> tame, T[] tiny)
            => Profile() switch
            {
                0 => wild(),
                1 => tame(),
                _ => Enumerable.Range(0, length).Select(_ => tiny[random.Next(tiny.Length)]).ToArray(),
            };
        inputs.Xf = Pick(() => TestValues.Floats(length, random.Next()), () => TestValues.ModerateFloats(length, random.Next(), 4f), s_tinyFloats);
        inputs.Xd = Pick(() => TestValues.Doubles(length, random.Next()), () => TestValues.ModerateDoubles(length, random.Next(), 4d), s_tinyDoubles);
        inputs.Xi = Pick(() => TestValues.Integers<int>(length, random.Next()), () => TestValues.SmallIntegers<int>(length, random.Next(), -20, 21), [-2, -1, 0, 1, 2, 3]);
        inputs.Xl = Pick(() => TestValues.Integers<long>(length, random.Next()), () => TestValues.SmallIntegers<long>(length, random.Next(), -20, 21), [-2L, -1L, 0L, 1L, 2L, 3L]);
        inputs.Xu = Pick(() => TestValues.Integers<uint>(length, random.Next()), () => TestValues.SmallIntegers<uint>(length, random.Next(), 0, 41), [0u, 1u, 2u, 3u, 7u, uint.MaxValue]);
        inputs.Xs = Pick(() => TestValues.Integers<short>(length, random.Next()), () => TestValues.SmallIntegers<short>(length, random.Next(), -20, 21), [(short)-1, (short)0, (short)1, (short)2, (short)7]);
        inputs.Xb = Pick(() => TestValues.Integers<byte>(length, random.Next()), () => TestValues.SmallIntegers<byte>(length, random.Next(), 0, 21), [(byte)0, (byte)1, (byte)2, (byte)7, (byte)255]);
        if (!kernel.IsReduction)
        {
            int outputSeed = random.Next();
            inputs.Output = kernel.Output switch
            {
                Ty.Float => TestValues.Floats(length, outputSeed),
                Ty.Double => TestValues.Doubles(length, outputSeed),
                Ty.Int => TestValues.Integers<int>(length, outputSeed),
                Ty.Long => TestValues.Integers<long>(length, outputSeed),
                Ty.UInt => TestValues.Integers<uint>(length, outputSeed),
                Ty.Short => TestValues.Integers<short>(length, outputSeed),
                Ty.Byte => TestValues.Integers<byte>(length, outputSeed),
                _ => throw new InvalidOperationException(),
            };
        }
        return inputs;
    }

    public object[] Arguments(Array? output)
    {
        var arguments = new List<object> { Lo0, Hi0, Lo1, Hi1, Uf, Ud, Ui, Ul, Uu, Um, Ut, W, Ub, Xf, Xd, Xi, Xl, Xu, Xs, Xb };
        if (output is not null)
            arguments.Add(output);
        return arguments.ToArray();
    }

    /// <summary>Where a flat element sits in the domain.</summary>
    public string Position(int flat)
    {
        if (Hi1 == 0 && Lo1 == 0)
            return flat >= Lo0 && flat < Hi0 ? $"i = {flat}" : $"outside the domain [{Lo0}, {Hi0})";
        int row = W == 0 ? 0 : flat / W, col = W == 0 ? 0 : flat % W;
        return col >= Lo1 && col < Hi1 ? $"row = {row}, col = {col}" : $"row {row}, column {col}: outside the domain";
    }

    public string Describe(int? flat = null)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"  domain [{Lo0}, {Hi0}){(Hi1 > 0 ? $" × [{Lo1}, {Hi1})" : "")}; uniforms uf = {ElementComparison.Format(Uf)}, ud = {ElementComparison.Format(Ud)}, ui = {Ui}, ul = {Ul}, uu = {Uu}, um = {Um}, ut = {Ut}, w = {W}, ub = {Ub}"));
        if (flat is int at)
        {
            text.Append("  around that element:");
            for (int k = Math.Max(0, at - 3); k <= Math.Min(Xf.Length - 1, at + 7); k++)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"\n    [{k}] xf {ElementComparison.Format(Xf[k])}, xd {ElementComparison.Format(Xd[k])}, xi {Xi[k]}, xl {Xl[k]}, xu {Xu[k]}, xs {Xs[k]}, xb {Xb[k]}");
            }
            text.AppendLine();
        }
        return text.ToString();
    }
}

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

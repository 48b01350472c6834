using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using DataParallel.Generators.Tests.Harness;
using DataParallel.Gpu.Tests.Harness;
using ILGPU.Runtime;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace DataParallel.Gpu.Tests.Differential;

/// <summary>
/// The generator tests' everyday kernels (tests/DataParallel.Generators.Tests/UserKernels/EverydayKernelTests.cs, read
/// at test time) that get GPU entry points, each run through its span-form GPU entry point on ILGPU's CPU accelerator
/// against its scalar driver: bit for bit, and within <see cref="DifferentialTests.MathUlpBound"/> where a kernel
/// calls a transcendental.
/// </summary>
public sealed partial class EverydayKernelGpuTests(CpuAccelerator cpu, ITestOutputHelper output) : IClassFixture<CpuAccelerator>
{
    private const string EverydayFile = "tests/DataParallel.Generators.Tests/UserKernels/EverydayKernelTests.cs";

    private static readonly int[] s_sizes = [0, 1, 7, 33];

    /// <summary>The arguments after the accelerator, per kernel and size (the everyday tests' shapes of data).</summary>
    private static readonly Dictionary<string, Func<int, object[]>> s_inputs = new(StringComparer.Ordinal)
    {
        ["Gray"] = size => [Bytes(3 * size, size), new byte[size]],
        ["LeakyRelu"] = size => [0.01f, TestValues.Floats(size, size), new float[size]],
        ["Sigmoid"] = size => [TestValues.Floats(size, size), new float[size]],
        ["ClampAll"] = size => [-1f, 1f, TestValues.Floats(size, size)],
        ["Stencil"] = size => [TestValues.Floats(size, size), new float[size]],
        ["ComplexMul"] = size => [TestValues.Floats(2 * size, size), TestValues.Floats(2 * size, size + 1), new float[2 * size]],
        ["CountAbove"] = size => [0.5f, TestValues.Floats(size, size)],
        ["FirstNegative"] = size => [TestValues.Floats(size, size)],
        ["Hash"] = size => [TestValues.Integers<uint>(size, size), new uint[size]],
        ["AddSaturate"] = size => [Bytes(size, size), Bytes(size, size + 1), new byte[size]],
        ["PrefixSum"] = size => [TestValues.ModerateFloats(size, size), new float[size]],
        ["Smooth"] = size => [TestValues.Floats(size, size), new float[size]],
        ["FloorThird"] = size => [TestValues.ModerateDoubles(size, size, 1e12), new long[size]],
        ["Bilinear"] = size => BilinearInputs(size),
        ["RowSums"] = size => [3, TestValues.Floats(3 * size, size), new float[size]],
    };

    /// <summary>Kernels that call a transcendental, compared within the ulp bound.</summary>
    private static readonly HashSet<string> s_transcendental = new(StringComparer.Ordinal) { "Sigmoid" };

    [Fact]
    public void Every_everyday_kernel_with_gpu_entry_points_matches_its_scalar_kernel()
    {
        string source = RepositoryFiles.RawStringConstant(EverydayFile, "Kernels");
        var (generated, _, _) = GpuCompilation.Generate(GpuCompilation.Create(referenceGpu: true, source));
        INamedTypeSymbol kernelsType = generated.GetSymbolsWithName("Kernels", SymbolFilter.Type).OfType<INamedTypeSymbol>().Single();
        string[] onGpu = kernelsType.GetMembers().OfType<IMethodSymbol>()
            .Where(m => m.Parameters.FirstOrDefault()?.Type.Name == nameof(Accelerator))
            .Select(m => m.Name).Distinct().Order(StringComparer.Ordinal).ToArray();
        // docs/guides/gpu.md: 15 of the 16 everyday kernels reach the GPU; fewer means the whitelist lost some.
        Assert.True(onGpu.Length >= 15, $"Only {onGpu.Length} everyday kernels got GPU entry points: {string.Join(", ", onGpu)}.");
        string[] withoutInputs = onGpu.Where(name => !s_inputs.ContainsKey(name)).ToArray();
        Assert.True(withoutInputs.Length == 0, $"Everyday kernels on the GPU with no inputs here: {string.Join(", ", withoutInputs)}.");

        Assembly assembly = GpuCompilation.CompileAndLoad(source, GpuDrivers(source, kernelsType.ContainingNamespace.ToDisplayString(), onGpu));
        Type scalar = assembly.GetTypes().Single(t => t.Name == "Drivers");
        Type gpu = assembly.GetTypes().Single(t => t.Name == "GpuDrivers");
        foreach (string kernel in onGpu)
        {
            ElementComparison comparison = s_transcendental.Contains(kernel) ? ElementComparison.WithinUlps(DifferentialTests.MathUlpBound) : ElementComparison.Bitwise;
            foreach (int size in s_sizes)
            {
                object[] expected = s_inputs[kernel](size), actual = s_inputs[kernel](size);
                object? expectedResult = Invoke(scalar, kernel + "Scalar", expected);
                object? actualResult = Invoke(gpu, kernel + "Gpu", [cpu.Accelerator, .. actual]);
                if (!comparison.SameValue(expectedResult, actualResult))
                    throw new XunitException($"{kernel}, size {size}: GPU returned {ElementComparison.Format(actualResult)}, the scalar kernel {ElementComparison.Format(expectedResult)}.");
                for (int a = 0; a < expected.Length; a++)
                {
                    if (expected[a] is Array expectedArray && comparison.Mismatches(expectedArray, (Array)actual[a]) is { Count: > 0 } mismatches)
                        throw new XunitException($"{kernel}, size {size}: argument {a} differs at {string.Join(", ", mismatches)}.");
                }
            }
        }
        output.WriteLine($"{onGpu.Length} everyday kernels on the GPU matched their scalar kernels: {string.Join(", ", onGpu)}.");
    }

    /// <summary>
    /// A driver per GPU kernel, made from its CPU driver <c>{K}Generated(…) =&gt; Kernels.K(…)</c>: the same call with the
    /// accelerator first, which picks the span-form GPU entry point.
    /// </summary>
    private static string GpuDrivers(string source, string ns, IEnumerable<string> kernels)
    {
        var gpuKernels = kernels.ToHashSet(StringComparer.Ordinal);
        var text = new StringBuilder($"using System;\nusing DataParallel;\n\nnamespace {ns};\n\npublic static class GpuDrivers\n{{\n");
        foreach (Match driver in CpuDriver().Matches(source))
        {
            if (gpuKernels.Contains(driver.Groups["kernel"].Value))
            {
                text.AppendLine($"    public static {driver.Groups["result"].Value} {driver.Groups["kernel"].Value}Gpu(ILGPU.Runtime.Accelerator gpu, {driver.Groups["parameters"].Value})" +
                    $" => Kernels.{driver.Groups["kernel"].Value}(gpu, {driver.Groups["arguments"].Value});");
            }
        }
        return text.AppendLine("}").ToString();
    }

    [GeneratedRegex(@"public static (?<result>\w+) (?<kernel>\w+)Generated\((?<parameters>[^)]*)\) => Kernels\.\k<kernel>\((?<arguments>.*)\);")]
    private static partial Regex CpuDriver();

    private static object? Invoke(Type drivers, string name, object[] arguments)
        => (drivers.GetMethod(name) ?? throw new XunitException($"No driver {name}."))
            .Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);

    /// <summary>Bilinear's image (20 × 10) and coordinates inside it, as the everyday test draws them: its reads are guarded in the kernel.</summary>
    private static object[] BilinearInputs(int size)
    {
        const int width = 20, height = 10;
        var random = new Random(size);
        float[] u = Enumerable.Range(0, size).Select(_ => (float)(random.NextDouble() * (width - 1.01))).ToArray();
        float[] v = Enumerable.Range(0, size).Select(_ => (float)(random.NextDouble() * (height - 1.01))).ToArray();
        return [width, TestValues.Floats(width * height, size), u, v, new float[size]];
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}

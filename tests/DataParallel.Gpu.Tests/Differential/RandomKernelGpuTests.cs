using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using DataParallel.Generators.Tests.Harness;
using DataParallel.Generators.Tests.RandomKernels;
using DataParallel.Gpu.Tests.Harness;
using ILGPU.Runtime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace DataParallel.Gpu.Tests.Differential;

/// <summary>
/// Property (issue 13, item 5): every random kernel (the generator tests' <see cref="KernelBuilder"/>) that gets GPU
/// entry points computes, through them on ILGPU's CPU accelerator, what its scalar kernel computes looped in order —
/// bit for bit (any NaN equals any NaN). The builder's math calls (Sqrt, Abs, Floor, Ceiling, Round, Truncate, Min,
/// Max, …) are all exactly rounded, so no ulp bound applies: a kernel with a transcendental would be compared within
/// <see cref="DifferentialTests.MathUlpBound"/>, and the builder draws none.
/// </summary>
/// <remarks>
/// Reproducible by default (fixed batches). <c>DATAPARALLEL_GPU_FUZZ_BATCH=&lt;seed&gt;:&lt;complexity&gt;</c> runs one other
/// batch. A whitelisted kernel that crashes the generator, does not compile, fails to load or differs is a bug of the
/// GPU lowering; a call the GPU entry point refuses with an <see cref="ArgumentException"/> (a bound it cannot prove on
/// the host, where the CPU would run the checked kernel) is counted, not failed: docs/guides/gpu.md documents it.
/// </remarks>
public sealed class RandomKernelGpuTests(CpuAccelerator cpu, ITestOutputHelper output) : IClassFixture<CpuAccelerator>
{
    /// <summary>Two batches of the CPU property test's size, at complexities 1 and 2 (small: the accelerator is slow).</summary>
    private static readonly (int Seed, int Complexity)[] s_defaultBatches = [(0x6B1D_2026, 1), (0x6B1D_4052, 2)];

    private const int KernelsPerBatch = 40;

    /// <summary>Every third GPU kernel also runs through the view form.</summary>
    private const int ViewsEvery = 3;

    /// <summary>Domains inside the first 256-element reduction block (the padding is 8), so a float fold runs in index order as the scalar one does.</summary>
    private static readonly Shape[] s_shapes1D = [new(0, -1), new(1, -1), new(7, -1), new(33, -1)];

    private static readonly Shape[] s_shapes2D = [new(0, 5), new(1, 1), new(2, 7), new(3, 9)];

    /// <summary>Support the view drivers share: device copies of host arrays, empty ones included.</summary>
    private const string DriverSupport = """
        internal static class GpuDriverSupport
        {
            public static ILGPU.Runtime.MemoryBuffer1D<T, ILGPU.Stride1D.Dense> Upload<T>(ILGPU.Runtime.Accelerator gpu, T[] data) where T : unmanaged
            {
                var buffer = gpu.Allocate1D<T>(Math.Max(data.Length, 1));
                if (data.Length > 0)
                    buffer.View.SubView(0, data.Length).CopyFromCPU(data);
                return buffer;
            }

            public static ILGPU.ArrayView<T> View<T>(ILGPU.Runtime.MemoryBuffer1D<T, ILGPU.Stride1D.Dense> buffer, int length) where T : unmanaged
                => buffer.View.SubView(0, length);
        }
        """;

    [Fact]
    public void Random_kernels_with_gpu_entry_points_match_their_scalar_kernels_bit_for_bit()
    {
        (int Seed, int Complexity)[] batches = Environment.GetEnvironmentVariable("DATAPARALLEL_GPU_FUZZ_BATCH") is { Length: > 0 } single
            ? [(int.Parse(single.Split(':')[0]), int.Parse(single.Split(':')[1]))]
            : s_defaultBatches;
        int kernels = 0, onGpu = 0, checkedKernels = 0, throughViews = 0, refused = 0;
        foreach ((int seed, int complexity) in batches)
        {
            KernelBatch batch = KernelBatch.Create(seed, complexity, KernelsPerBatch);
            GpuBatch compiled = GpuBatch.Compile(batch);
            kernels += batch.Kernels.Length;
            onGpu += compiled.GpuKernels.Count;
            int index = 0;
            foreach (RandomKernel kernel in batch.Kernels.Where(k => compiled.GpuKernels.Contains(k.Name)))
            {
                bool viaViews = index++ % ViewsEvery == 0;
                refused += Check(compiled, kernel, viaViews, batch);
                checkedKernels++;
                if (viaViews)
                    throughViews++;
            }
        }
        output.WriteLine($"{onGpu} of {kernels} random kernels got GPU entry points; {checkedKernels} checked against their scalar kernels " +
            $"({throughViews} also through the view form); {refused} call(s) refused on the host.");
        // The default batches must keep reaching the GPU; an explored batch may hold few GPU kernels.
        if (batches == s_defaultBatches)
            Assert.True(checkedKernels >= 10, $"Only {checkedKernels} random kernels reached the GPU: the test checks too little.");
    }

    /// <summary>Runs one kernel on every small shape; returns how many calls the GPU entry point refused.</summary>
    private int Check(GpuBatch compiled, RandomKernel kernel, bool viaViews, KernelBatch batch)
    {
        int refused = 0;
        foreach (Shape shape in kernel.Dimensions == 1 ? s_shapes1D : s_shapes2D)
        {
            KernelInputs inputs = KernelInputs.Create(kernel, shape);
            (object? expected, Array? expectedOutput) = compiled.Run("Drivers", kernel.Name + "Scalar", null, inputs);
            foreach (string form in viaViews ? new[] { "GpuSpans", "GpuViews" } : ["GpuSpans"])
            {
                object? actual;
                Array? actualOutput;
                try
                {
                    (actual, actualOutput) = compiled.Run("GpuDrivers", kernel.Name + form, cpu.Accelerator, inputs);
                }
                catch (ArgumentException refusal)
                {
                    refused++;
                    output.WriteLine($"{kernel.Name} {form} on {shape}: refused ({refusal.Message})");
                    continue;
                }
                catch (Exception e)
                {
                    throw new XunitException($"{Where(batch, kernel, shape, form)} threw {e.GetType().Name}: {e.Message}\n{inputs.Describe()}\n{kernel.Render()}\n{compiled.GpuSource(kernel.Name)}");
                }
                if (expectedOutput is not null)
                {
                    List<int> mismatches = ElementComparison.Bitwise.Mismatches(expectedOutput, actualOutput!);
                    if (mismatches.Count > 0)
                    {
                        var text = new StringBuilder($"{Where(batch, kernel, shape, form)}: y differs at {string.Join(", ", mismatches)} ({inputs.Position(mismatches[0])}).\n");
                        foreach (int at in mismatches)
                            text.AppendLine($"  y[{at}]: scalar {ElementComparison.Format(expectedOutput.GetValue(at))}, GPU {ElementComparison.Format(actualOutput!.GetValue(at))}");
                        throw new XunitException(text + inputs.Describe(mismatches[0]) + kernel.Render() + compiled.GpuSource(kernel.Name));
                    }
                }
                else if (!ElementComparison.Bitwise.SameValue(expected, actual))
                {
                    throw new XunitException($"{Where(batch, kernel, shape, form)}: returned {ElementComparison.Format(actual)}, the scalar fold {ElementComparison.Format(expected)}.\n" +
                        inputs.Describe() + kernel.Render() + compiled.GpuSource(kernel.Name));
                }
            }
        }
        return refused;
    }

    private static string Where(KernelBatch batch, RandomKernel kernel, Shape shape, string form)
        => $"{kernel.Name} of {batch} (DATAPARALLEL_GPU_FUZZ_BATCH={batch.Seed}:{batch.Complexity}), {shape}, {form}";

    /// <summary>A batch compiled with DataParallel.Gpu referenced, with GPU drivers for the kernels that got GPU entry points.</summary>
    private sealed class GpuBatch
    {
        private readonly Assembly _assembly;
        private readonly Compilation _output;

        private GpuBatch(Assembly assembly, Compilation output, IReadOnlySet<string> gpuKernels)
        {
            _assembly = assembly;
            _output = output;
            GpuKernels = gpuKernels;
        }

        /// <summary>The kernels with GPU entry points (a first parameter of type <see cref="Accelerator"/>).</summary>
        public IReadOnlySet<string> GpuKernels { get; }

        public static GpuBatch Compile(KernelBatch batch)
        {
            var source = new BatchSource(batch.Kernels);
            var (output, diagnostics, result) = GpuCompilation.Generate(GpuCompilation.Create(referenceGpu: true, source.Text));
            if (result.Results.Any(r => r.Exception is not null) || diagnostics.Any(d => d.Severity >= DiagnosticSeverity.Warning))
            {
                throw new XunitException($"The generator failed on {batch}:\n" + string.Join("\n", result.Results.Select(r => r.Exception?.ToString()).OfType<string>().Concat(
                    diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => $"{d} ({source.KernelAt(d)})"))));
            }

            INamedTypeSymbol kernelsType = output.GetTypeByMetadataName("Probe.Kernels")!;
            var gpuKernels = batch.Kernels
                .Where(k => kernelsType.GetMembers(k.Name).OfType<IMethodSymbol>().Any(m => m.Parameters.FirstOrDefault()?.Type.Name == nameof(Accelerator)))
                .Select(k => k.Name)
                .ToHashSet(StringComparer.Ordinal);

            var drivers = new StringBuilder("using System;\nusing DataParallel;\nusing ILGPU;\nusing ILGPU.Runtime;\n\nnamespace Probe;\n\npublic static class GpuDrivers\n{\n");
            foreach (RandomKernel kernel in batch.Kernels.Where(k => gpuKernels.Contains(k.Name)))
                drivers.Append(kernel.RenderGpuDrivers());
            drivers.AppendLine("}").AppendLine().AppendLine(DriverSupport);
            output = output.AddSyntaxTrees(CSharpSyntaxTree.ParseText(drivers.ToString(), (CSharpParseOptions)output.SyntaxTrees.First().Options, "GpuDrivers.cs"));

            using var image = new MemoryStream();
            var emitted = output.Emit(image);
            Diagnostic[] problems = emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToArray();
            if (!emitted.Success || problems.Length > 0)
            {
                throw new XunitException($"{batch} with its GPU entry points did not compile:\n" + string.Join("\n", problems.Select(d =>
                    $"{d} ({source.KernelAt(d) ?? d.Location.SourceTree?.FilePath})")));
            }
            // The default load context: the kernels must bind to the test host's ILGPU, whose accelerator they get.
            return new GpuBatch(Assembly.Load(image.ToArray()), output, gpuKernels);
        }

        /// <summary>Calls driver <paramref name="method"/> of <paramref name="type"/> on a copy of the inputs' output; the driver's exception comes out unwrapped.</summary>
        public (object? Result, Array? Output) Run(string type, string method, Accelerator? gpu, KernelInputs inputs)
        {
            MethodInfo driver = _assembly.GetType("Probe." + type, throwOnError: true)!.GetMethod(method)
                ?? throw new XunitException($"No driver {type}.{method}.");
            Array? copy = (Array?)inputs.Output?.Clone();
            object[] arguments = inputs.Arguments(copy);
            if (gpu is not null)
                arguments = [gpu, .. arguments];
            object? result = driver.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
            return (result, copy);
        }

        /// <summary>The GPU file generated for <paramref name="kernel"/>, for failure reports.</summary>
        public string GpuSource(string kernel)
            => string.Join("\n", _output.SyntaxTrees
                .Where(t => t.FilePath.Contains($".{kernel}Kernel_", StringComparison.Ordinal) && t.FilePath.EndsWith("Gpu.g.cs", StringComparison.Ordinal))
                .Select(t => $"// {t.FilePath}\n{t}"));
    }
}

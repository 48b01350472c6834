using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using DataParallel.Gpu.Tests.Harness;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DataParallel.Gpu.Tests.Ptx;

/// <summary>
/// The repository's other kernels — the tour's, the benchmarks', the generator tests' everyday kernels — generated with
/// DataParallel.Gpu referenced: whatever the whitelist lets onto the GPU compiles as C# with no warning and to PTX, and
/// whatever it keeps off gets no GPU file rather than broken code.
/// </summary>
public sealed class KernelCorpusTests(Xunit.Abstractions.ITestOutputHelper output)
{
    public static TheoryData<string> Corpora => new() { "tour", "bit counts", "slices", "everyday" };

    private static string Source(string corpus) => corpus switch
    {
        "tour" => RepositoryFiles.Read("samples/DataParallel.Tour/Kernels.cs"),
        "bit counts" => RepositoryFiles.Read("benchmarks/DataParallel.Benchmarks/BitCountKernels.cs"),
        "slices" => RepositoryFiles.Read("benchmarks/DataParallel.Benchmarks/SliceKernels.cs"),
        _ => RepositoryFiles.RawStringConstant("tests/DataParallel.Generators.Tests/UserKernels/EverydayKernelTests.cs", "Kernels"),
    };

    [Theory]
    [MemberData(nameof(Corpora))]
    public void Gpu_files_compile_with_no_warning_and_every_gpu_kernel_compiles_to_ptx(string corpus)
    {
        Assembly assembly = GpuCompilation.CompileAndLoad(Source(corpus));
        MethodInfo[] kernels = assembly.GetTypes()
            .Where(t => t.IsNested && t.Name.EndsWith("Gpu", System.StringComparison.Ordinal) && t.GetMethod("Kernel") is not null)
            .Select(t => t.GetMethod("Kernel")!)
            .ToArray();
        int all = assembly.GetTypes().Count(t => t.IsNested && t.Name.StartsWith("__", System.StringComparison.Ordinal) && t.Name.Contains("Kernel_", System.StringComparison.Ordinal) && !t.Name.EndsWith("Gpu", System.StringComparison.Ordinal));
        output.WriteLine($"{corpus}: {kernels.Length} of {all} kernels on the GPU: {string.Join(", ", kernels.Select(k => k.DeclaringType!.Name))}");
        using Context context = Context.Create(builder => builder.Default().EnableAlgorithms());
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_80), CudaArchitecture.SM_80, CudaInstructionSet.ISA_70, nvvmAPI: null);
        foreach (MethodInfo kernel in kernels)
        {
            var compiled = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(kernel), KernelSpecialization.Empty);
            Assert.Contains(".entry", compiled.PTXAssembly);
        }
    }
}

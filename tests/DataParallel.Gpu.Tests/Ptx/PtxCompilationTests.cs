using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using DataParallel.Gpu.Tests.Harness;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using Xunit;

namespace DataParallel.Gpu.Tests.Ptx;

/// <summary>
/// Real GPU code generation without a GPU: every generated ILGPU kernel compiled to PTX by ILGPU's own backend for
/// sm_80 and sm_90 (PTX ISA 7.0 and 7.8). A kernel that fails here is a lowering bug, or a construct DP3003 must report.
/// </summary>
public sealed class PtxCompilationTests
{
    /// <summary>The generated kernels: the <c>Kernel</c> method of every GPU launcher of the compiled sources.</summary>
    public static TheoryData<string> GeneratedKernelNames()
    {
        var names = new TheoryData<string>();
        foreach (MethodInfo kernel in GeneratedGpuKernels())
            names.Add(kernel.DeclaringType!.Name);
        return names;
    }

    private static IEnumerable<MethodInfo> GeneratedGpuKernels()
        => GeneratedKernels.Kernels.GetNestedTypes(BindingFlags.NonPublic | BindingFlags.Public)
            .Where(t => t.Name.EndsWith("Gpu", System.StringComparison.Ordinal))
            .Select(t => t.GetMethod("Kernel")!)
            .OrderBy(m => m.DeclaringType!.Name, System.StringComparer.Ordinal);

    [Fact]
    public void Every_gpu_lowerable_kernel_of_the_sources_has_a_gpu_kernel()
        => Assert.Equal(38, GeneratedGpuKernels().Count());

    [Theory]
    [InlineData("Highest", "max.f32")]
    [InlineData("LowestDouble", "min.f64")]
    [InlineData("MoreMath", "min.f32")]
    [InlineData("MoreMath", "max.f32")]
    [InlineData("MoreMath", "min.f64")]
    [InlineData("MoreMath", "max.f64")]
    public void Float_min_and_max_reductions_fold_with_comparisons_not_the_devices_instruction(string kernelName, string instruction)
    {
        // PTX's min/max return the other operand for a NaN; Math.Min/Max return NaN. The CPU accelerator runs .NET's
        // Math either way, so only the PTX shows that the device fold uses GpuMath's comparisons.
        MethodInfo kernel = GeneratedGpuKernels().Single(m => m.DeclaringType!.Name.StartsWith($"__{kernelName}Kernel_", System.StringComparison.Ordinal));
        using Context context = Context.Create(builder => builder.Default().EnableAlgorithms());
        using var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_80), CudaArchitecture.SM_80, CudaInstructionSet.ISA_70, nvvmAPI: null);
        var compiled = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(kernel), KernelSpecialization.Empty);
        Assert.Contains("setp.", compiled.PTXAssembly);
        Assert.DoesNotContain(instruction, compiled.PTXAssembly);
    }

    [Theory]
    [MemberData(nameof(GeneratedKernelNames))]
    public void Compiles_to_ptx_for_sm_80_and_sm_90(string launcher)
    {
        MethodInfo kernel = GeneratedGpuKernels().Single(m => m.DeclaringType!.Name == launcher);
        using Context context = Context.Create(builder => builder.Default().EnableAlgorithms());
        foreach ((CudaArchitecture architecture, CudaInstructionSet isa) in new[] { (CudaArchitecture.SM_80, CudaInstructionSet.ISA_70), (CudaArchitecture.SM_90, CudaInstructionSet.ISA_78) })
        {
            using var backend = new PTXBackend(context, new CudaCapabilityContext(architecture), architecture, isa, nvvmAPI: null);
            EntryPointDescription entry = EntryPointDescription.FromImplicitlyGroupedKernel(kernel);
            var compiled = (PTXCompiledKernel)backend.Compile(entry, KernelSpecialization.Empty);
            Assert.Contains(".entry", compiled.PTXAssembly);
            // ILGPU 1.5.3 writes ".target sm_80" for SM_90 too (measured): PTX for sm_80 is forward compatible, and the
            // driver compiles it for sm_90 when it loads it; the kernel was still compiled against sm_90's capabilities.
            Assert.Contains(".target sm_80", compiled.PTXAssembly);
            Assert.Contains($".version {(isa == CudaInstructionSet.ISA_70 ? "7.0" : "7.8")}", compiled.PTXAssembly);
        }
    }
}

using System.Linq;
using System.Reflection;
using DataParallel.Gpu.Tests.Harness;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.OpenCL;
using ILGPU.Runtime;
using ILGPU.Runtime.OpenCL;
using Xunit;

namespace DataParallel.Gpu.Tests.Ptx;

/// <summary>Every generated ILGPU kernel also compiled to OpenCL C by ILGPU's OpenCL backend (OpenCL C 2.0, doubles on), no device needed.</summary>
public sealed class OpenClCompilationTests
{
    [Theory]
    [MemberData(nameof(PtxCompilationTests.GeneratedKernelNames), MemberType = typeof(PtxCompilationTests))]
    public void Compiles_to_opencl_c(string launcher)
    {
        MethodInfo kernel = GeneratedKernels.Kernels.GetNestedTypes(BindingFlags.NonPublic | BindingFlags.Public)
            .Single(t => t.Name == launcher).GetMethod("Kernel")!;
        using Context context = Context.Create(builder => builder.Default().EnableAlgorithms());
        var capabilities = new CLCapabilityContext(float16: false, float64: true, genericAddressSpace: true, int64_Atomics: true, subGroups: false);
        using var backend = new CLBackend(context, capabilities, CLDeviceVendor.Intel, CLCVersion.CL20);
        var compiled = (CLCompiledKernel)backend.Compile(EntryPointDescription.FromImplicitlyGroupedKernel(kernel), KernelSpecialization.Empty);
        Assert.Contains("kernel", compiled.Source);
    }
}

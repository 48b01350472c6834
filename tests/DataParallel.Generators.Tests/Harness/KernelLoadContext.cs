using System.Reflection;
using System.Runtime.Loader;

namespace DataParallel.Generators.Tests.Harness;

/// <summary>
/// A collectible context per compiled test assembly. DataParallel.Runtime resolves to the copy the tests already
/// loaded, so <see cref="DataParallelSettings.Override"/> in a test governs the loaded kernels too.
/// </summary>
internal sealed class KernelLoadContext() : AssemblyLoadContext("DataParallelKernels", isCollectible: true)
{
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        Assembly runtime = typeof(ParallelAttribute).Assembly;
        if (assemblyName.Name == runtime.GetName().Name)
            return runtime;
        // Everything else (the framework) comes from the default context.
        return null;
    }
}

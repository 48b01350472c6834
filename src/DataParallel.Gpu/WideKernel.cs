using System;
using System.ComponentModel;
using System.Reflection;
using ILGPU;
using ILGPU.Runtime;

namespace DataParallel.Gpu;

/// <summary>
/// Loads a generated kernel with more parameters than ILGPU's typed loaders take (15 type arguments: the index, the
/// uniforms' struct and 13 views) through ILGPU's <see cref="MethodInfo"/> loader, which has no such limit; its
/// launches pass the arguments boxed, in the kernel's parameter order after the index. Called by generated code; not
/// meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WideKernel
{
    /// <summary>Loads <paramref name="kernel"/> on <paramref name="accelerator"/>, implicitly grouped, as the typed loaders do.</summary>
    public static Action<AcceleratorStream, TIndex, object[]> Load<TIndex>(Accelerator accelerator, MethodInfo kernel)
        where TIndex : struct, IIndex
    {
        Kernel loaded = accelerator.LoadAutoGroupedKernel(kernel);
        return (stream, extent, arguments) => loaded.Launch(stream, extent, arguments);
    }
}

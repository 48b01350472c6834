using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using ILGPU;
using ILGPU.Runtime;

namespace DataParallel.Gpu;

/// <summary>
/// The generated kernels loaded on each accelerator: each is compiled and loaded once per accelerator, on first use,
/// by one thread while others wait, and forgotten when the accelerator is disposed (or collected).
/// </summary>
/// <remarks>
/// Only successes are kept. A failed load is reported as a <see cref="GpuKernelLoadException"/> naming the kernel,
/// and ILGPU's own caches are cleared, so that nothing half-compiled from the failure is served to the next load
/// (ILGPU keeps compiled methods in caches of its own); the next call tries again.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GpuKernelCache
{
    private static readonly ConditionalWeakTable<Accelerator, LoadedKernels> Accelerators = new();

    /// <summary>
    /// The kernel <paramref name="kernelName"/> loaded on <paramref name="accelerator"/>, loading it with
    /// <paramref name="load"/> the first time.
    /// </summary>
    /// <exception cref="GpuKernelLoadException">ILGPU could not compile or load the kernel.</exception>
    public static TLauncher GetOrLoad<TLauncher>(Accelerator accelerator, string kernelName, Func<Accelerator, TLauncher> load)
        where TLauncher : Delegate
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        GpuArguments.RequireUsable(accelerator, nameof(accelerator));
        LoadedKernels kernels = Accelerators.GetValue(accelerator, static a => LoadedKernels.Watch(a));
        return kernels.GetOrLoad(accelerator, kernelName, load);
    }

    /// <summary>The number of kernels loaded on <paramref name="accelerator"/> (for tests and diagnostics).</summary>
    public static int LoadedCount(Accelerator accelerator)
        => Accelerators.TryGetValue(accelerator, out LoadedKernels? kernels) ? kernels.Count : 0;

    /// <summary>One accelerator's loaded kernels, by name.</summary>
    private sealed class LoadedKernels
    {
        private readonly Dictionary<string, Delegate> _byName = new(StringComparer.Ordinal);
        private readonly object _gate = new();

        public int Count
        {
            get
            {
                lock (_gate)
                    return _byName.Count;
            }
        }

        public static LoadedKernels Watch(Accelerator accelerator)
        {
            var kernels = new LoadedKernels();
            // Disposing the accelerator disposes its kernels; drop the launchers with it.
            accelerator.Disposed += (_, _) =>
            {
                lock (kernels._gate)
                    kernels._byName.Clear();
                Accelerators.Remove(accelerator);
            };
            return kernels;
        }

        public TLauncher GetOrLoad<TLauncher>(Accelerator accelerator, string kernelName, Func<Accelerator, TLauncher> load)
            where TLauncher : Delegate
        {
            // One lock per accelerator: ILGPU compiles one kernel at a time per context anyway, and a second caller
            // of the same kernel must wait for the first load rather than compile it again.
            lock (_gate)
            {
                if (_byName.TryGetValue(kernelName, out Delegate? loaded))
                    return (TLauncher)loaded;
                TLauncher launcher;
                try
                {
                    launcher = load(accelerator);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    accelerator.ClearCache(ClearCacheMode.Everything);
                    throw new GpuKernelLoadException(kernelName, accelerator.Name, e);
                }
                _byName.Add(kernelName, launcher);
                return launcher;
            }
        }
    }
}

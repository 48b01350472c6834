using System;
using System.Linq;
using System.Reflection;
using ILGPU;
using ILGPU.Runtime;

namespace DataParallel.Gpu.Tests.Harness;

/// <summary>The compiled <see cref="GpuKernelSources.Kernels"/>: its drivers, and its entry points by signature.</summary>
internal static class GeneratedKernels
{
    public static Assembly Assembly => GpuCompilation.CompileAndLoad(GpuKernelSources.Kernels);

    public static Type Kernels => Assembly.GetType("Probe.Kernels", throwOnError: true)!;

    /// <summary>Calls driver <paramref name="name"/>.</summary>
    public static void Drive(string name, params object[] arguments) => Evaluate<object?>(name, arguments);

    /// <summary>Calls driver <paramref name="name"/> and returns its value.</summary>
    public static T Evaluate<T>(string name, params object[] arguments)
    {
        MethodInfo driver = Assembly.GetType("Probe.Drivers", throwOnError: true)!.GetMethod(name)
            ?? throw new InvalidOperationException($"No driver {name}.");
        return (T)Invoke(driver, arguments)!;
    }

    /// <summary>Calls the entry point <paramref name="name"/> whose parameters have exactly the arguments' types.</summary>
    public static void Call(string name, params object[] arguments) => Call<object?>(name, arguments);

    /// <summary>Calls the entry point <paramref name="name"/> and returns its value.</summary>
    public static T Call<T>(string name, params object[] arguments)
    {
        Type[] types = arguments.Select(a => a is Accelerator ? typeof(Accelerator) : a is AcceleratorStream ? typeof(AcceleratorStream) : a.GetType()).ToArray();
        MethodInfo method = Kernels.GetMethod(name, types)
            ?? throw new InvalidOperationException($"No entry point {name}({string.Join(", ", types.Select(t => t.Name))}).");
        return (T)Invoke(method, arguments)!;
    }

    /// <summary>Whether <c>Probe.Kernels</c> has a GPU entry point named <paramref name="name"/>.</summary>
    public static bool HasGpuEntryPoint(string name)
        => Kernels.GetMethods().Any(m => m.Name == name && m.GetParameters().FirstOrDefault()?.ParameterType == typeof(Accelerator));

    private static object? Invoke(MethodInfo method, object[] arguments)
    {
        try
        {
            return method.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>A device copy of <paramref name="data"/> (dispose it).</summary>
    public static MemoryBuffer1D<T, Stride1D.Dense> Upload<T>(Accelerator accelerator, T[] data) where T : unmanaged
    {
        MemoryBuffer1D<T, Stride1D.Dense> buffer = accelerator.Allocate1D<T>(Math.Max(data.Length, 1));
        buffer.View.SubView(0, data.Length).CopyFromCPU(data);
        return buffer;
    }

    public static ArrayView<T> View<T>(MemoryBuffer1D<T, Stride1D.Dense> buffer, int length) where T : unmanaged => View(buffer, 0, length);

    /// <summary>Elements [offset, offset + length) of <paramref name="buffer"/> as the generated entry points take them.</summary>
    public static ArrayView<T> View<T>(MemoryBuffer1D<T, Stride1D.Dense> buffer, int offset, int length) where T : unmanaged => buffer.View.SubView(offset, length);
}

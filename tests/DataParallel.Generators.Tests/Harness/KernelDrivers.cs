using System;
using System.Linq;
using System.Reflection;
using Xunit.Sdk;

namespace DataParallel.Generators.Tests.Harness;

/// <summary>
/// The public static driver methods a compiled test source declares next to its kernels. Spans cannot be boxed for
/// reflection, so each driver takes arrays and makes the span call itself: <c>{Kernel}Generated</c> calls the
/// generated entry point, <c>{Kernel}Scalar</c> loops the kernel method over the same domain.
/// </summary>
internal sealed class KernelDrivers
{
    private readonly Type _type;

    public KernelDrivers(Assembly assembly, string typeName = "Probe.Drivers")
        => _type = assembly.GetType(typeName, throwOnError: true)!;

    /// <summary>Calls the driver <paramref name="method"/> whose parameter types match <paramref name="arguments"/>; exceptions surface unwrapped.</summary>
    public object? Invoke(string method, params object?[] arguments)
    {
        Type[] types = arguments.Select(argument => argument?.GetType() ?? throw new ArgumentException("Driver arguments cannot be null.")).ToArray();
        MethodInfo target = _type.GetMethod(method, BindingFlags.Public | BindingFlags.Static, types)
            ?? throw new XunitException($"The compiled source has no public static {_type.FullName}.{method}({string.Join(", ", types.Select(t => t.Name))}).");
        return target.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
    }
}

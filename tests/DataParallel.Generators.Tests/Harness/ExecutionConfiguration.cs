using System;
using System.Collections.Generic;

namespace DataParallel.Generators.Tests.Harness;

/// <summary>
/// One way of running a generated entry point. An element's result must not depend on the vector width, the thread
/// count or the mode (DESIGN §3), so every differential case runs under all of them.
/// </summary>
internal sealed record ExecutionConfiguration(ExecutionMode Mode, int? Threads, SimdWidth Width)
{
    public static IReadOnlyList<ExecutionConfiguration> All { get; } = CreateAll();

    private static ExecutionConfiguration[] CreateAll()
    {
        var all = new List<ExecutionConfiguration>();
        foreach (SimdWidth width in new[] { SimdWidth.Scalar, SimdWidth.Vector128, SimdWidth.Vector256, SimdWidth.Vector512 })
        {
            all.Add(new(ExecutionMode.Auto, 1, width));
            all.Add(new(ExecutionMode.Auto, 2, width));
            all.Add(new(ExecutionMode.Sequential, null, width));
        }
        // The reference-semantics mode: the entry point calls the kernel method for each index.
        all.Add(new(ExecutionMode.Scalar, 1, SimdWidth.Auto));
        return all.ToArray();
    }

    /// <summary>Applies this configuration to calls made on the current thread until disposed.</summary>
    public IDisposable Apply() => DataParallelSettings.Override(Mode, Threads, Width);

    public override string ToString()
        => $"mode {Mode}, width {Width}, " + (Threads is { } threads ? $"{threads} thread(s)" : "default threads");
}

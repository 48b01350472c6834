using System;
using System.Collections.Generic;
using DataParallel.Compiler.Model;

namespace DataParallel.Generators.Emit;

/// <summary>
/// The kernel's namespace and partial containing types, opened around what a generated file adds to them (the CPU
/// file and the GPU file alike); disposing it closes them, innermost first.
/// </summary>
internal sealed class KernelTypeScope : IDisposable
{
    private readonly List<IDisposable> _scopes = new();

    public KernelTypeScope(IndentedWriter writer, KernelModel kernel)
    {
        if (kernel.Namespace is { } ns)
            _scopes.Add(writer.Block($"namespace {ns}"));
        foreach (ContainingType type in kernel.ContainingTypes)
            _scopes.Add(writer.Block($"partial {type.Keyword} {type.Name}"));
    }

    public void Dispose()
    {
        for (int i = _scopes.Count - 1; i >= 0; i--)
            _scopes[i].Dispose();
        _scopes.Clear();
    }
}

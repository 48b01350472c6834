using System;
using System.ComponentModel;
using System.Linq;
using ILGPU;
using ILGPU.Runtime;

namespace DataParallel.Gpu;

/// <summary>
/// The device record of one launch of a guarded kernel (<see cref="KernelGuards"/>): one <c>long</c>, the smallest
/// <c>position * KernelGuards.Codes + code</c> any thread recorded, where the position is the failing index's place in the domain in
/// row-major order (the order the scalar kernel runs it). The entry point waits for the launch, reads it, and throws
/// the CPU's exception for the first failing index. Called by generated code; not meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class KernelFaultRecord : IDisposable
{
    private const long Clear = long.MaxValue;

    private readonly MemoryBuffer1D<long, Stride1D.Dense> _buffer;

    private KernelFaultRecord(MemoryBuffer1D<long, Stride1D.Dense> buffer)
    {
        _buffer = buffer;
    }

    /// <summary>The record as the kernel takes it.</summary>
    public ArrayView<long> View => _buffer.View;

    /// <summary>A clear record on <paramref name="stream"/>'s accelerator, cleared on that stream before the launch.</summary>
    public static KernelFaultRecord Allocate(AcceleratorStream stream)
    {
        MemoryBuffer1D<long, Stride1D.Dense> buffer = stream.Accelerator.Allocate1D<long>(1);
        try
        {
            buffer.View.CopyFromCPU(stream, [Clear]);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
        return new KernelFaultRecord(buffer);
    }

    /// <summary>
    /// Waits for <paramref name="stream"/>, and throws the CPU's exception for the first failing index if any thread
    /// recorded a fault. <paramref name="domain"/> is each index's start and count, in the kernel's order.
    /// </summary>
    /// <exception cref="DivideByZeroException">An integer division or remainder by zero.</exception>
    /// <exception cref="OverflowException"><c>checked</c> arithmetic overflowed, or <c>MinValue / -1</c>.</exception>
    /// <exception cref="IndexOutOfRangeException">An access whose index was read from data left its view.</exception>
    public void ThrowIfRaised(AcceleratorStream stream, string kernel, string[] indices, params int[] domain)
    {
        long[] value = new long[1];
        _buffer.View.CopyToCPU(stream, value);
        stream.Synchronize();
        if (value[0] == Clear)
            return;
        throw Describe(kernel, indices, domain, value[0] / KernelGuards.Codes, (int)(value[0] % KernelGuards.Codes));
    }

    /// <summary>The exception the CPU throws for <paramref name="code"/>, naming the index at <paramref name="position"/>.</summary>
    public static Exception Describe(string kernel, string[] indices, int[] domain, long position, int code)
    {
        // Row-major: the last index varies fastest.
        var values = new long[indices.Length];
        for (int d = indices.Length - 1; d >= 0; d--)
        {
            int count = domain[2 * d + 1];
            values[d] = domain[2 * d] + position % count;
            position /= count;
        }
        string at = string.Join(", ", Enumerable.Range(0, indices.Length).Select(d => $"{indices[d]} = {values[d]}"));
        string where = $"in GPU kernel '{kernel}' at {at} (the first failing index in the domain's order; other indices may have run and written their elements)";
        return code switch
        {
            KernelGuards.DivideByZero => new DivideByZeroException($"Attempted to divide by zero {where}."),
            KernelGuards.Overflow => new OverflowException($"Arithmetic operation resulted in an overflow {where}."),
            KernelGuards.IndexOutOfRange => new IndexOutOfRangeException($"Index was outside the bounds of the array {where}."),
            KernelGuards.NotANumber => new ArithmeticException($"Function does not accept floating point Not-a-Number values {where}."),
            KernelGuards.MinAboveMax => new ArgumentException($"Math.Clamp was called with a minimum greater than its maximum {where}."),
            _ => new InvalidOperationException($"Unknown fault code {code} {where}."),
        };
    }

    /// <inheritdoc/>
    public void Dispose() => _buffer.Dispose();
}

using System;

namespace DataParallel.Runtime.Tests.Scheduling;

/// <summary>A distinctive exception type, so a test can tell the kernel's own failure from any the scheduler might add.</summary>
internal sealed class KernelFailureException(int offset) : Exception($"Kernel failed at offset {offset}.")
{
    public int Offset { get; } = offset;
}

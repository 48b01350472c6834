using System;
using System.ComponentModel;

namespace DataParallel.CompilerServices;

/// <summary>
/// Marks a generated partitioned entry point of a kernel that cannot run on partitioned arrays: the call throws
/// <see cref="NotSupportedException"/>, and the analyzers report DP4001 where it is called.
/// </summary>
/// <param name="reason">Why the kernel cannot be partitioned.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class NotPartitionableAttribute(string reason) : Attribute
{
    /// <summary>Why the kernel cannot be partitioned.</summary>
    public string Reason { get; } = reason;
}

using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace DataParallel.Compiler.Model;

/// <summary>
/// Compares objects by identity. IR nodes are records (equal by value), but two equal nodes written at two places
/// in a kernel have two source locations.
/// </summary>
internal sealed class ReferenceIdentity : IEqualityComparer<object>
{
    public static readonly ReferenceIdentity Instance = new();

    public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

    public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
}

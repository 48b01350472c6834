using System.ComponentModel;

namespace DataParallel.Gpu;

/// <summary>
/// The length of a view as the kernel's <c>int</c> indices see it. Generated host-side checks take one in place of
/// each view, so they read <c>x.Length</c> exactly as the CPU entry points read a span's.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct ViewLength(int length)
{
    /// <summary>The number of elements.</summary>
    public int Length { get; } = length;
}

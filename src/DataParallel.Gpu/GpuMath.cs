using System.ComponentModel;
using ILGPU;

namespace DataParallel.Gpu;

/// <summary>
/// Floating-point <c>Min</c>/<c>Max</c> with exactly <see cref="System.Math.Min(float, float)"/>'s and
/// <see cref="System.Math.Max(float, float)"/>'s meaning, for generated GPU reductions: a NaN operand gives NaN, and
/// −0 is less than +0. ILGPU compiles <c>Math.Min</c>/<c>Max</c> to the device's own minimum and maximum, which on
/// GPUs return the other operand for a NaN and may pick either zero, so the fold inside a GPU kernel uses these,
/// written with comparisons only. Called by generated code; not meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GpuMath
{
    private const uint SingleSignBit = 0x8000_0000u;
    private const ulong DoubleSignBit = 0x8000_0000_0000_0000ul;

    /// <summary>The smaller of two floats as <see cref="System.Math.Min(float, float)"/> defines it.</summary>
    public static float Min(float left, float right)
    {
        if (left != right)
            return float.IsNaN(left) ? left : left < right ? left : right;
        // Equal, or both NaN: of +0 and −0 the negative one; otherwise either (left, as Math.Min returns).
        return (Interop.FloatAsInt(left) & SingleSignBit) != 0 ? left : right;
    }

    /// <summary>The larger of two floats as <see cref="System.Math.Max(float, float)"/> defines it.</summary>
    public static float Max(float left, float right)
    {
        if (left != right)
            return float.IsNaN(left) ? left : right < left ? left : right;
        return (Interop.FloatAsInt(right) & SingleSignBit) != 0 ? left : right;
    }

    /// <summary>The smaller of two doubles as <see cref="System.Math.Min(double, double)"/> defines it.</summary>
    public static double Min(double left, double right)
    {
        if (left != right)
            return double.IsNaN(left) ? left : left < right ? left : right;
        return (Interop.FloatAsInt(left) & DoubleSignBit) != 0 ? left : right;
    }

    /// <summary>The larger of two doubles as <see cref="System.Math.Max(double, double)"/> defines it.</summary>
    public static double Max(double left, double right)
    {
        if (left != right)
            return double.IsNaN(left) ? left : right < left ? left : right;
        return (Interop.FloatAsInt(right) & DoubleSignBit) != 0 ? left : right;
    }
}

namespace DataParallel;

/// <summary>The vector width generated code runs with; see <see cref="DataParallelSettings.Width"/>.</summary>
public enum SimdWidth
{
    /// <summary>The widest hardware-accelerated width: 512 bits where <c>Vector512.IsHardwareAccelerated</c>, else 256, else 128, else scalar.</summary>
    Auto = 0,
    /// <summary>One element at a time (the generated scalar path, still multi-core).</summary>
    Scalar,
    /// <summary><c>Vector128&lt;T&gt;</c>.</summary>
    Vector128,
    /// <summary><c>Vector256&lt;T&gt;</c>.</summary>
    Vector256,
    /// <summary><c>Vector512&lt;T&gt;</c> (emulated with two 256-bit halves where not accelerated).</summary>
    Vector512,
}

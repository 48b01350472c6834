using System;
using System.Runtime.Intrinsics;

namespace DataParallel;

/// <summary>
/// Process-wide switches for generated entry points: how many cores they may use, whether they run vectorised,
/// multi-core or as plain calls of the kernel method, and the vector width. Each can also be set before start-up
/// with an environment variable, and overridden for the current thread with <see cref="Override"/>.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term><c>DATAPARALLEL_MODE</c></term><description><c>Auto</c>, <c>Sequential</c> or <c>Scalar</c> (see <see cref="ExecutionMode"/>).</description></item>
/// <item><term><c>DATAPARALLEL_MAX_THREADS</c></term><description>A positive integer capping the cores one call uses.</description></item>
/// <item><term><c>DATAPARALLEL_SIMD</c></term><description><c>Auto</c>, <c>Scalar</c>, <c>Vector128</c>, <c>Vector256</c> or <c>Vector512</c>.</description></item>
/// </list>
/// </remarks>
public static class DataParallelSettings
{
    private static volatile int s_maxDegreeOfParallelism = ReadPositiveInt("DATAPARALLEL_MAX_THREADS") ?? Environment.ProcessorCount;
    private static volatile ExecutionMode s_mode = ReadEnum("DATAPARALLEL_MODE", ExecutionMode.Auto);
    private static volatile SimdWidth s_width = ReadEnum("DATAPARALLEL_SIMD", SimdWidth.Auto);

    [ThreadStatic]
    private static SettingsScope? t_scope;

    /// <summary>The widest vector width this machine accelerates (never <see cref="SimdWidth.Auto"/>).</summary>
    public static SimdWidth HardwareWidth { get; } =
        Vector512.IsHardwareAccelerated ? SimdWidth.Vector512 :
        Vector256.IsHardwareAccelerated ? SimdWidth.Vector256 :
        Vector128.IsHardwareAccelerated ? SimdWidth.Vector128 :
        SimdWidth.Scalar;

    /// <summary>The most threads one generated call runs on (the calling thread included). Defaults to <see cref="Environment.ProcessorCount"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int MaxDegreeOfParallelism
    {
        get => t_scope?.MaxDegreeOfParallelism ?? s_maxDegreeOfParallelism;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            s_maxDegreeOfParallelism = value;
        }
    }

    /// <summary>How generated entry points execute. Defaults to <see cref="ExecutionMode.Auto"/>.</summary>
    public static ExecutionMode Mode
    {
        get => t_scope?.Mode ?? s_mode;
        set => s_mode = Validate(value);
    }

    /// <summary>The vector width requested. Defaults to <see cref="SimdWidth.Auto"/>; see <see cref="EffectiveWidth"/>.</summary>
    public static SimdWidth Width
    {
        get => t_scope?.Width ?? s_width;
        set => s_width = Validate(value);
    }

    /// <summary><see cref="Width"/> with <see cref="SimdWidth.Auto"/> resolved to <see cref="HardwareWidth"/>.</summary>
    public static SimdWidth EffectiveWidth
    {
        get
        {
            SimdWidth width = Width;
            return width == SimdWidth.Auto ? HardwareWidth : width;
        }
    }

    /// <summary>
    /// Overrides settings for calls made on the current thread until the returned scope is disposed; a
    /// <see langword="null"/> argument keeps the value in force. Scopes nest. Meant for tests and for debugging
    /// one call site without changing the whole process.
    /// </summary>
    /// <example><code>
    /// using (DataParallelSettings.Override(mode: ExecutionMode.Scalar))
    ///     Kernels.Saxpy(2f, x, y); // steps through the kernel method in order
    /// </code></example>
    public static IDisposable Override(ExecutionMode? mode = null, int? maxDegreeOfParallelism = null, SimdWidth? width = null)
    {
        if (maxDegreeOfParallelism is int dop)
            ArgumentOutOfRangeException.ThrowIfLessThan(dop, 1, nameof(maxDegreeOfParallelism));
        var scope = new SettingsScope(
            t_scope,
            mode is { } m ? Validate(m) : Mode,
            maxDegreeOfParallelism ?? MaxDegreeOfParallelism,
            width is { } w ? Validate(w) : Width);
        t_scope = scope;
        return scope;
    }

    private static T Validate<T>(T value) where T : struct, Enum
        => Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a defined {typeof(T).Name}.");

    private static int? ReadPositiveInt(string variable)
        => int.TryParse(Environment.GetEnvironmentVariable(variable), out int value) && value > 0 ? value : null;

    private static T ReadEnum<T>(string variable, T fallback) where T : struct, Enum
        => Enum.TryParse(Environment.GetEnvironmentVariable(variable), ignoreCase: true, out T value) && Enum.IsDefined(value) ? value : fallback;

    private sealed class SettingsScope(SettingsScope? outer, ExecutionMode mode, int maxDegreeOfParallelism, SimdWidth width) : IDisposable
    {
        private bool _disposed;

        public ExecutionMode Mode { get; } = mode;
        public int MaxDegreeOfParallelism { get; } = maxDegreeOfParallelism;
        public SimdWidth Width { get; } = width;

        public void Dispose()
        {
            if (_disposed)
                return;
            if (!ReferenceEquals(t_scope, this))
                throw new InvalidOperationException("DataParallelSettings scopes must be disposed on the thread that created them, innermost first.");
            _disposed = true;
            t_scope = outer;
        }
    }
}

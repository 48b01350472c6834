using System.Threading.Tasks;

namespace DataParallel.Analyzers.Tests.Harness;

/// <summary>
/// Verifies kernel-shape diagnostics (area <see cref="ShapeArea"/>). DP3001 (the info that a valid kernel does
/// not vectorise) is left out: which kernels vectorise changes as the SIMD lowering grows, and it is the
/// lowering tests' subject, not the shape tests'.
/// </summary>
internal static class KernelShapeVerifier
{
    public static Task VerifyAsync(string markup)
        => AnalyzerVerifier<ShapeArea>.VerifyAnalyzerAsync(markup, disabledDiagnostics: ["DP3001"]);

    /// <summary>Verifies kernel <paramref name="members"/> inside the standard test file of <see cref="KernelSource.Wrap"/>.</summary>
    public static Task VerifyKernelsAsync(string members)
        => AnalyzerVerifier<ShapeArea>.VerifyKernelsAsync(members, "DP3001");
}

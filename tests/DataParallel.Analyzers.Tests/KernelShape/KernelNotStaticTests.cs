using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.KernelShape;

/// <summary>DP0001: a kernel runs once per index with no instance to share, so it must be static.</summary>
public sealed class KernelNotStaticTests
{
    [Fact]
    public Task An_instance_kernel_is_reported_on_its_name() => KernelShapeVerifier.VerifyAsync("""
        using System;
        using DataParallel;

        public partial class Kernels
        {
            [Parallel]
            public void {|DP0001:Scale|}(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = 2f * x[i];
        }
        """);

    [Fact]
    public Task An_instance_kernel_in_a_struct_is_reported() => KernelShapeVerifier.VerifyAsync("""
        using System;
        using DataParallel;

        public partial struct Kernels
        {
            [Parallel]
            internal void {|DP0001:Scale|}(int i, Span<float> y) => y[i] = 1f;
        }
        """);

    [Fact]
    public Task A_static_kernel_is_fine() => KernelShapeVerifier.VerifyAsync("""
        using System;
        using DataParallel;

        public partial class Kernels
        {
            [Parallel]
            public static void Scale(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = 2f * x[i];

            // Not a kernel: instance methods without [Parallel] are none of the analyzer's business.
            public void Helper() { }
        }
        """);

    [Fact]
    public async Task The_message_names_the_kernel()
    {
        var diagnostics = await AnalyzerVerifier<ShapeArea>.GetDiagnosticsAsync("""
            using System;
            using DataParallel;

            public partial class Kernels
            {
                [Parallel]
                public void Scale(int i, Span<float> y) => y[i] = 1f;
            }
            """);

        var diagnostic = Assert.Single(diagnostics, d => d.Id == "DP0001");
        Assert.Contains("'Scale'", diagnostic.GetMessage(), System.StringComparison.Ordinal);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
    }
}

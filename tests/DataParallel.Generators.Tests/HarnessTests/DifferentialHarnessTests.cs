using System;
using DataParallel.Generators.Tests.Harness;
using Xunit;
using Xunit.Sdk;

namespace DataParallel.Generators.Tests.HarnessTests;

/// <summary>
/// The differential harness must see a wrong result wherever it is: a harness that passes everything would make
/// every differential test worthless. The "generated" drivers here are hand-written and wrong on purpose; no kernel
/// is involved, so these tests do not depend on the generator's state.
/// </summary>
public sealed class DifferentialHarnessTests
{
    private const string Source = """
        using System;

        namespace Probe;

        public static class Drivers
        {
            public static void CopyScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) y[i] = x[i]; }

            // Right everywhere.
            public static void CopyGenerated(float[] x, float[] y) => x.AsSpan().CopyTo(y);

            // Wrong only in the last element: a tail bug.
            public static void TailBugScalar(float[] x, float[] y) => CopyScalar(x, y);
            public static void TailBugGenerated(float[] x, float[] y) { CopyGenerated(x, y); if (y.Length > 0) y[^1] += 1f; }

            // Wrong only in the sign of zero.
            public static void ZeroSignScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) y[i] = -0f; }
            public static void ZeroSignGenerated(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) y[i] = 0f; }

            // Writes into its input: inputs are compared too.
            public static void ScribbleScalar(float[] x, float[] y) => CopyScalar(x, y);
            public static void ScribbleGenerated(float[] x, float[] y) { CopyGenerated(x, y); if (x.Length > 0) x[0] = 42f; }

            // Wrong only under the Vector128 setting: every configuration is checked.
            public static void WidthBugScalar(float[] x, float[] y) => CopyScalar(x, y);
            public static void WidthBugGenerated(float[] x, float[] y)
            {
                CopyGenerated(x, y);
                if (y.Length > 0 && DataParallel.DataParallelSettings.Width == DataParallel.SimdWidth.Vector128) y[0] = float.NaN;
            }

            // A different NaN payload is not a difference.
            public static void PayloadScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) y[i] = float.NaN; }
            public static void PayloadGenerated(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) y[i] = BitConverter.Int32BitsToSingle(0x7FC00001); }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    private static void Run(string driver)
        => Differential.AssertGeneratedMatchesScalar(Drivers, driver, size => [TestValues.Floats(size, size), new float[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Identical_results_pass() => Run("Copy");

    [Fact]
    public void Different_NaN_payloads_pass() => Run("Payload");

    [Theory]
    [InlineData("TailBug")]
    [InlineData("ZeroSign")]
    [InlineData("Scribble")]
    [InlineData("WidthBug")]
    public void A_wrong_result_fails_and_says_where(string driver)
    {
        var failure = Assert.Throws<XunitException>(() => Run(driver));

        Assert.Contains(driver, failure.Message, StringComparison.Ordinal);
        Assert.Contains("size", failure.Message, StringComparison.Ordinal);
    }
}

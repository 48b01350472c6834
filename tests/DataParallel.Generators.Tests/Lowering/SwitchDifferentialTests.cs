using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// <c>switch</c> statements and expressions are if/else-if chains in disguise (and <c>x is …</c> one test of them): arms tried in order, a default
/// section last, constant, relational and <c>and</c>/<c>or</c>/<c>not</c> patterns and <c>when</c> guards as
/// comparisons. They vectorise as masks and blends and give the scalar kernel's results; the shapes that cannot
/// (no catch-all arm, so an unmatched value throws; a <c>break</c> out of the middle of a section; a pattern that
/// binds a variable) run as written, multi-core scalar, and DP3001 names the construct.
/// </summary>
public sealed class SwitchDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Rate(int i, ReadOnlySpan<int> code, ReadOnlySpan<float> x, Span<float> y)
                => y[i] = x[i] * code[i] switch
                {
                    0 => 1.5f,
                    1 or 2 => 2.25f,
                    > 10 and < 20 => -4f,
                    not (>= -3) => 0.5f,
                    7 when x[i] > 0f => 9f,
                    _ => 7.5f,
                };

            [Parallel]
            public static void Band(int i, ReadOnlySpan<float> x, Span<int> band)
                => band[i] = x[i] switch
                {
                    < 0f => -1,
                    >= 0f and < 1f => 0,
                    >= 1f => 1,
                    _ => 99,
                };

            [Parallel]
            public static void Opcode(int i, ReadOnlySpan<byte> op, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> y)
            {
                int r;
                switch (op[i])
                {
                    default:
                        r = 0;
                        break;
                    case 0:
                        r = a[i] + b[i];
                        break;
                    case 1:
                    case 2:
                        r = a[i] - b[i];
                        if (op[i] == 2)
                            r = -r;
                        break;
                    case 3 when b[i] != 0 && b[i] != -1:
                        r = a[i] / b[i];
                        break;
                    case >= 200:
                        y[i] = 12345;
                        return;
                }
                y[i] = r;
            }

            [Parallel]
            public static void IsPattern(int i, ReadOnlySpan<int> code, ReadOnlySpan<float> x, Span<int> y)
                => y[i] = (code[i] is > 0 and < 10 or 42 ? 1 : 0) + (x[i] is float.NaN ? 2 : 0) + (x[i] is not (>= 0f and <= 1f) ? 4 : 0);

            [Parallel]
            public static void NoCatchAll(int i, ReadOnlySpan<int> code, Span<int> y)
                => y[i] = (code[i] & 1) switch { 0 => 10, 1 => 20, int other => other };

            [Parallel]
            public static void Binding(int i, ReadOnlySpan<int> code, Span<int> y)
                => y[i] = code[i] switch { 0 => 1, var c when c > 5 => c, _ => -1 };

            [Parallel]
            public static void EarlyBreak(int i, ReadOnlySpan<int> code, Span<int> y)
            {
                int r = 1;
                switch (code[i] & 3)
                {
                    case 0:
                        if (y[i] > 0)
                            break;
                        r = 2;
                        break;
                    default:
                        r = 3;
                        break;
                }
                y[i] = r;
            }

            [Parallel]
            public static void SpanSwitch(int i, ReadOnlySpan<int> code, Span<int> y)
            {
                ReadOnlySpan<int> s = code;
                switch (code[i] & 1)
                {
                    case 0:
                        s = code.Slice(i);
                        break;
                    default:
                        break;
                }
                y[i] = s[0];
            }

            private static int Steps(int v)
            {
                int n = 0;
                while (v > 1)
                {
                    v >>= 1;
                    n++;
                }
                return n;
            }

            [Parallel]
            public static void HelperArm(int i, ReadOnlySpan<int> code, Span<int> y)
                => y[i] = code[i] switch { > 0 => Steps(code[i]), _ => -1 };
        }

        public static class Drivers
        {
            public static void RateGenerated(int[] code, float[] x, float[] y) => Kernels.Rate(code, x, y);
            public static void RateScalar(int[] code, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Rate(i, code, x, y); }
            public static void BandGenerated(float[] x, int[] band) => Kernels.Band(x, band);
            public static void BandScalar(float[] x, int[] band) { for (int i = 0; i < band.Length; i++) Kernels.Band(i, x, band); }
            public static void OpcodeGenerated(byte[] op, int[] a, int[] b, int[] y) => Kernels.Opcode(op, a, b, y);
            public static void OpcodeScalar(byte[] op, int[] a, int[] b, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.Opcode(i, op, a, b, y); }
            public static void IsPatternGenerated(int[] code, float[] x, int[] y) => Kernels.IsPattern(code, x, y);
            public static void IsPatternScalar(int[] code, float[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.IsPattern(i, code, x, y); }
            public static void NoCatchAllGenerated(int[] code, int[] y) => Kernels.NoCatchAll(code, y);
            public static void NoCatchAllScalar(int[] code, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.NoCatchAll(i, code, y); }
            public static void BindingGenerated(int[] code, int[] y) => Kernels.Binding(code, y);
            public static void BindingScalar(int[] code, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.Binding(i, code, y); }
            public static void EarlyBreakGenerated(int[] code, int[] y) => Kernels.EarlyBreak(code, y);
            public static void EarlyBreakScalar(int[] code, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.EarlyBreak(i, code, y); }
            public static void SpanSwitchGenerated(int[] code, int[] y) => Kernels.SpanSwitch(code, y);
            public static void SpanSwitchScalar(int[] code, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.SpanSwitch(i, code, y); }
            public static void HelperArmGenerated(int[] code, int[] y) => Kernels.HelperArm(code, y);
            public static void HelperArmScalar(int[] code, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.HelperArm(i, code, y); }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    private static string GeneratedFor(string kernel)
    {
        GeneratorRun run = GeneratorHarness.Run(Source);
        run.AssertGeneratorDidNotThrow();
        return run.GeneratedSourceOf(kernel);
    }

    [Theory]
    [InlineData("Rate")]
    [InlineData("Band")]
    [InlineData("Opcode")]
    [InlineData("IsPattern")]
    public void Switches_with_a_catch_all_vectorise(string kernel)
        => Assert.Contains("Execute256(", GeneratedFor(kernel), StringComparison.Ordinal);

    [Theory]
    [InlineData("NoCatchAll", "a switch expression without a final '_' arm (an unmatched value throws)")]
    [InlineData("EarlyBreak", "a break out of a switch section before its end")]
    [InlineData("Binding", "the switch pattern 'var c'")]
    [InlineData("SpanSwitch", "the span local 's', assigned again in a switch section")]
    [InlineData("HelperArm", "a call of a helper with control flow in a switch arm")]
    public void Switches_that_cannot_be_chains_run_as_written_and_say_why(string kernel, string reason)
    {
        string generated = GeneratedFor(kernel);
        Assert.DoesNotContain("Execute256(", generated, StringComparison.Ordinal);
        Assert.Contains($"multi-core scalar (it uses {reason}", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void Constant_relational_combined_and_guarded_patterns() => Differential.AssertGeneratedMatchesScalar(Drivers, "Rate",
        size => [TestValues.SmallIntegers<int>(size, size, -6, 22), TestValues.Floats(size, size), new float[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Relational_patterns_on_floats_leave_NaN_to_the_catch_all() => Differential.AssertGeneratedMatchesScalar(Drivers, "Band",
        size => [TestValues.Floats(size, size), new int[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Switch_statement_with_default_first_shared_sections_guards_and_a_return() => Differential.AssertGeneratedMatchesScalar(Drivers, "Opcode",
        size =>
        {
            byte[] op = TestValues.SmallIntegers<int>(size, size, 0, 7).Select(v => (byte)(v == 6 ? 250 : v)).ToArray();
            return [op, TestValues.Integers<int>(size, size), TestValues.SmallIntegers<int>(size, size + 1, -3, 4), new int[size]];
        }, DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Is_patterns_with_and_or_not_and_a_NaN_constant() => Differential.AssertGeneratedMatchesScalar(Drivers, "IsPattern",
        size => [TestValues.SmallIntegers<int>(size, size, -3, 45).Select(v => v > 40 ? 42 : v).ToArray(), TestValues.Floats(size, size), new int[size]],
        DomainSizes.Standard, ElementComparison.Bitwise);

    [Theory]
    [InlineData("NoCatchAll")]
    [InlineData("EarlyBreak")]
    [InlineData("Binding")]
    [InlineData("SpanSwitch")]
    [InlineData("HelperArm")]
    public void Switches_run_as_written_give_the_scalar_results(string kernel) => Differential.AssertGeneratedMatchesScalar(Drivers, kernel,
        size => [TestValues.Integers<int>(size, size), TestValues.SmallIntegers<int>(size, size + 1, -2, 3)], DomainSizes.Standard, ElementComparison.Bitwise);
}

using System.Collections.Generic;
using System.Linq;
using System.Text;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// The exactly-rounded <c>Math</c>/<c>MathF</c> functions must map to vector equivalents with the same results,
/// including the cases where instruction sets disagree: Min/Max of NaN and of -0 vs +0, Round's ties-to-even,
/// the sign of a zero result, FusedMultiplyAdd's single rounding.
/// </summary>
public sealed class MathFunctionDifferentialTests
{
    /// <summary>(kernel suffix, arity, float body, double body); x, z and w are the element reads.</summary>
    private static readonly (string Name, int Arity, string FloatBody, string DoubleBody)[] s_functions =
    [
        ("Min", 2, "MathF.Min(x, z)", "Math.Min(x, z)"),
        ("Max", 2, "MathF.Max(x, z)", "Math.Max(x, z)"),
        ("Abs", 1, "MathF.Abs(x)", "Math.Abs(x)"),
        ("Sqrt", 1, "MathF.Sqrt(x)", "Math.Sqrt(x)"),
        ("Floor", 1, "MathF.Floor(x)", "Math.Floor(x)"),
        ("Ceiling", 1, "MathF.Ceiling(x)", "Math.Ceiling(x)"),
        ("Round", 1, "MathF.Round(x)", "Math.Round(x)"),
        ("Truncate", 1, "MathF.Truncate(x)", "Math.Truncate(x)"),
        ("FusedMultiplyAdd", 3, "MathF.FusedMultiplyAdd(x, z, w)", "Math.FusedMultiplyAdd(x, z, w)"),
        ("CopySign", 2, "MathF.CopySign(x, z)", "Math.CopySign(x, z)"),
        ("MathOverloads", 2, "Math.Max(Math.Abs(x), z)", "Math.Min(Math.Abs(x), z)"),
    ];

    public static IEnumerable<object[]> Functions => s_functions.Select(f => new object[] { f.Name });

    private static readonly string s_source = BuildSource();

    private static string BuildSource()
    {
        var kernels = new StringBuilder();
        var drivers = new StringBuilder();
        foreach (var (name, arity, floatBody, doubleBody) in s_functions)
        {
            foreach (var (type, body) in new[] { ("float", floatBody), ("double", doubleBody) })
            {
                string kernel = name + (type == "float" ? "Float" : "Double");
                string[] inputs = new[] { "x", "z", "w" }.Take(arity).ToArray();
                string spanParameters = string.Concat(inputs.Select(input => $"ReadOnlySpan<{type}> {input}, "));
                string arrayParameters = string.Concat(inputs.Select(input => $"{type}[] {input}, "));
                string arguments = string.Concat(inputs.Select(input => input + ", "));
                string expression = inputs.Aggregate(body, (text, input) => text.Replace($"{input})", $"{input}[i])").Replace($"{input},", $"{input}[i],"));
                kernels.AppendLine($$"""
                        [Parallel]
                        public static void {{kernel}}(int i, {{spanParameters}}Span<{{type}}> y) => y[i] = {{expression}};
                    """);
                drivers.AppendLine($$"""
                        public static void {{kernel}}Generated({{arrayParameters}}{{type}}[] y) => Kernels.{{kernel}}({{arguments}}y);
                        public static void {{kernel}}Scalar({{arrayParameters}}{{type}}[] y) { for (int i = 0; i < y.Length; i++) Kernels.{{kernel}}(i, {{arguments}}y); }
                    """);
            }
        }
        return $$"""
            using System;
            using DataParallel;

            namespace Probe;

            public static partial class Kernels
            {
            {{kernels}}
            }

            public static class Drivers
            {
            {{drivers}}
            }
            """;
    }

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(s_source));

    private static int Arity(string name) => s_functions.Single(f => f.Name == name).Arity;

    [Theory]
    [MemberData(nameof(Functions))]
    public void Float_function_matches_bit_for_bit(string function)
        => Differential.AssertGeneratedMatchesScalar(Drivers, function + "Float",
            size => Enumerable.Range(0, Arity(function)).Select(input => (object)TestValues.Floats(size, size * 3 + input)).Append(new float[size]).ToArray(),
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Theory]
    [MemberData(nameof(Functions))]
    public void Double_function_matches_bit_for_bit(string function)
        => Differential.AssertGeneratedMatchesScalar(Drivers, function + "Double",
            size => Enumerable.Range(0, Arity(function)).Select(input => (object)TestValues.Doubles(size, size * 3 + input)).Append(new double[size]).ToArray(),
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Round_breaks_ties_to_even()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "RoundFloat",
            size => [Enumerable.Range(0, size).Select(i => (i - size / 2) + 0.5f).ToArray(), new float[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);
}

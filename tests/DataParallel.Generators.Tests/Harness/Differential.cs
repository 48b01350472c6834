using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Xunit.Sdk;

namespace DataParallel.Generators.Tests.Harness;

/// <summary>
/// Differential testing (DESIGN §7): the kernel method, called for each index in order, is the meaning of the
/// parallel call. Each case runs the scalar driver once and the generated entry point under every
/// <see cref="ExecutionConfiguration"/>, and compares every array afterwards (inputs included, which must be
/// untouched) and any returned value.
/// </summary>
internal static class Differential
{
    /// <param name="drivers">The compiled source's drivers.</param>
    /// <param name="kernel">Driver prefix: <c>{kernel}Generated</c> and <c>{kernel}Scalar</c> are called.</param>
    /// <param name="arguments">Fresh driver arguments for a domain size (arrays are cloned per run).</param>
    /// <param name="sizes">The sizes to run.</param>
    /// <param name="comparison">How results must agree.</param>
    public static void AssertGeneratedMatchesScalar(
        KernelDrivers drivers, string kernel, Func<int, object[]> arguments, IEnumerable<int> sizes, ElementComparison comparison)
    {
        foreach (int size in sizes)
        {
            object[] template = arguments(size);
            object[] expected = Clone(template);
            object? expectedResult = drivers.Invoke(kernel + "Scalar", expected);

            foreach (ExecutionConfiguration configuration in ExecutionConfiguration.All)
            {
                object[] actual = Clone(template);
                object? actualResult;
                using (configuration.Apply())
                    actualResult = drivers.Invoke(kernel + "Generated", actual);

                for (int position = 0; position < template.Length; position++)
                {
                    if (template[position] is not Array)
                        continue;
                    List<int> mismatches = comparison.Mismatches((Array)expected[position], (Array)actual[position]);
                    if (mismatches.Count > 0)
                        throw new XunitException(DescribeMismatch(kernel, size, configuration, comparison, position, template, expected, actual, mismatches));
                }

                if (!comparison.SameValue(expectedResult, actualResult))
                {
                    throw new XunitException(
                        $"{kernel}, size {size}, {configuration}: returned {ElementComparison.Format(actualResult)}, the scalar kernel {ElementComparison.Format(expectedResult)} ({comparison}).");
                }
            }
        }
    }

    private static object[] Clone(object[] arguments)
        => arguments.Select(argument => argument is Array array ? array.Clone() : argument).ToArray();

    private static string DescribeMismatch(
        string kernel, int size, ExecutionConfiguration configuration, ElementComparison comparison, int position,
        object[] inputs, object[] expected, object[] actual, List<int> mismatches)
    {
        var text = new StringBuilder();
        text.AppendLine($"{kernel}, size {size}, {configuration}: argument {position} differs from the scalar kernel ({comparison}) at {string.Join(", ", mismatches)}{(mismatches.Count == 5 ? ", …" : "")}.");
        foreach (int index in mismatches)
        {
            text.AppendLine($"  [{index}] expected {ElementComparison.Format(((Array)expected[position]).GetValue(index))}, got {ElementComparison.Format(((Array)actual[position]).GetValue(index))}");
            for (int input = 0; input < inputs.Length; input++)
            {
                string value = inputs[input] switch
                {
                    Array array when index < array.Length => $"[{index}] = {ElementComparison.Format(array.GetValue(index))}",
                    Array array => $"(length {array.Length})",
                    var uniform => $"= {ElementComparison.Format(uniform)}",
                };
                text.AppendLine($"      argument {input} before the call: {value}");
            }
        }
        return text.ToString();
    }
}

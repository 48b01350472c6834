namespace DataParallel.Analyzers.Tests.Harness;

/// <summary>
/// The standard test source file around kernel members (<c>using System; using DataParallel;</c> and a
/// <c>public static partial class Kernels</c>), so that tests show only the kernels.
/// </summary>
internal static class KernelSource
{
    /// <summary>Wraps <paramref name="members"/> (markup included) in the standard usings and kernel class.</summary>
    public static string Wrap(string members) => "using System;\nusing DataParallel;\n\npublic static partial class Kernels\n{\n" + members + "\n}\n";
}

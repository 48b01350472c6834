namespace DataParallel.Analyzers.Tests.Races;

/// <summary>Wraps kernel members into a compilable source file, so that tests show only the kernels.</summary>
internal static class Kernels
{
    public static string Wrap(string members) => "using System;\nusing DataParallel;\n\npublic static partial class Kernels\n{\n" + members + "\n}\n";
}

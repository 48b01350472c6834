using System;
using System.IO;

namespace DataParallel.Gpu.Tests.Harness;

/// <summary>Kernel sources elsewhere in the repository (samples, benchmarks, other tests), read at test time.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DataParallel.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException("DataParallel.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Read(string path) => File.ReadAllText(Path.Combine(s_root.Value, path));

    /// <summary>The text of the raw string constant <paramref name="name"/> (<c>const string Name = """ … """;</c>) of a C# file.</summary>
    public static string RawStringConstant(string path, string name)
    {
        string text = Read(path);
        int start = text.IndexOf($"const string {name} = \"\"\"", StringComparison.Ordinal);
        if (start < 0)
            throw new InvalidOperationException($"No raw string constant {name} in {path}.");
        start = text.IndexOf('\n', start) + 1;
        int end = text.IndexOf("\"\"\";", start, StringComparison.Ordinal);
        string[] lines = text[start..end].Split('\n');
        // The closing quotes' indentation is the raw string's common indentation.
        int indent = lines[^1].Length;
        return string.Join("\n", Array.ConvertAll(lines[..^1], line => line.Length >= indent ? line[indent..] : line.TrimStart()));
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace DataParallel.Analyzers.Tests.Corpus;

/// <summary>
/// One kernel of the labelled corpus (<c>Corpus/*.kernels</c>): its source and whether it has a data race and a
/// locality problem. A corpus file is C# members, each kernel preceded by a label line
/// <c>//# id; race: yes|no; locality: yes|no</c> (static fields it uses go between the label and the kernel).
/// </summary>
internal sealed record LabelledKernel(string File, string Id, bool Race, bool Locality, string Text)
{
    /// <summary>Where the kernel sits in <see cref="CorpusFile.Source"/>.</summary>
    public TextSpan Span { get; init; }

    public static string Directory([CallerFilePath] string here = "") => Path.GetDirectoryName(here)!;
}

/// <summary>A corpus file compiled as one partial class, with each kernel's span in the compiled source.</summary>
internal sealed record CorpusFile(string Name, string Source, IReadOnlyList<LabelledKernel> Kernels)
{
    public static IReadOnlyList<CorpusFile> LoadAll()
        => System.IO.Directory.GetFiles(LabelledKernel.Directory(), "*.kernels").OrderBy(f => f, StringComparer.Ordinal).Select(Load).ToList();

    public static CorpusFile Load(string path)
    {
        string name = Path.GetFileName(path);
        var source = new StringBuilder("using System;\nusing DataParallel;\n\npublic static partial class Corpus\n{\n");
        var kernels = new List<LabelledKernel>();
        (string Id, bool Race, bool Locality)? label = null;
        var text = new StringBuilder();

        void Flush()
        {
            if (label is not { } l)
                return;
            int start = source.Length;
            source.Append(text);
            kernels.Add(new LabelledKernel(name, l.Id, l.Race, l.Locality, text.ToString()) { Span = TextSpan.FromBounds(start, source.Length) });
            text.Clear();
        }

        foreach (string line in File.ReadAllLines(path))
        {
            if (line.StartsWith("//#", StringComparison.Ordinal))
            {
                Flush();
                label = Parse(line.Substring(3), path);
            }
            else if (label is not null)
            {
                text.AppendLine(line);
            }
        }
        Flush();
        source.Append("}\n");
        return new CorpusFile(name, source.ToString(), kernels);
    }

    private static (string Id, bool Race, bool Locality) Parse(string label, string path)
    {
        var parts = label.Split(';').Select(p => p.Trim()).ToList();
        bool Flag(string key)
        {
            string? part = parts.FirstOrDefault(p => p.StartsWith(key + ":", StringComparison.Ordinal));
            return part?.Substring(key.Length + 1).Trim() switch
            {
                "yes" => true,
                "no" => false,
                _ => throw new FormatException($"{path}: label '{label}' needs '{key}: yes' or '{key}: no'."),
            };
        }
        return (parts[0], Flag("race"), Flag("locality"));
    }
}

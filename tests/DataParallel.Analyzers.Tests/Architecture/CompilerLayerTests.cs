using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Xunit;

namespace DataParallel.Analyzers.Tests.Architecture;

/// <summary>
/// The compiler's folders read syntax → model → analysis → plan, and each may use only the layers before it: a cycle
/// would make the GPU backend (a second consumer of the model and the plan) drag in what it does not need. The
/// hosts (generator, analyzers) use the compiler; the compiler never uses them.
/// </summary>
public sealed class CompilerLayerTests
{
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Model"] = [],
        ["Diagnostics"] = [],
        ["Analysis"] = ["Model"],
        ["Planning"] = ["Model", "Analysis"],
        ["Syntax"] = ["Model", "Analysis", "Diagnostics"],
    };

    private static readonly Regex Qualified = new(@"\bDataParallel\.(Compiler\.(?<layer>\w+)|(?<host>Analyzers|Generators|CodeFixes)\b)", RegexOptions.Compiled);

    // Inside namespace DataParallel.Compiler.X, a sibling layer can be named without the prefix (Analysis.KernelWalker).
    private static readonly Regex Relative = new(@"(?<![\w.])(?<layer>Syntax|Model|Analysis|Planning|Diagnostics)\.[A-Z]\w*", RegexOptions.Compiled);

    private static readonly Regex StringLiteral = new(@"""(?:[^""\\\n]|\\.)*""", RegexOptions.Compiled);

    private static string CompilerDirectory([CallerFilePath] string here = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "src", "DataParallel.Compiler"));

    [Fact]
    public void Every_layer_uses_only_the_layers_before_it()
    {
        string root = CompilerDirectory();
        Assert.True(Directory.Exists(root), root);
        var violations = new List<string>();
        var layers = Directory.GetDirectories(root).Select(Path.GetFileName).Where(name => name is not ("bin" or "obj" or "Polyfills")).ToList();
        Assert.Equal(Allowed.Keys.OrderBy(k => k, StringComparer.Ordinal), layers.OrderBy(k => k, StringComparer.Ordinal)!);
        foreach (string layer in layers!)
        {
            foreach (string file in Directory.GetFiles(Path.Combine(root, layer!), "*.cs", SearchOption.AllDirectories))
            {
                // Comments and string literals name things without using them (the generator's name in an attribute check).
                string code = StringLiteral.Replace(string.Join("\n", File.ReadAllLines(file).Select(line => line.Split("//", 2)[0])), "\"\"");
                foreach (Match match in Qualified.Matches(code).Concat(Relative.Matches(code)))
                {
                    if (match.Groups["host"].Success)
                        violations.Add($"{layer}/{Path.GetFileName(file)} uses the host DataParallel.{match.Groups["host"].Value}");
                    else if (match.Groups["layer"].Value is { } used && used != layer && Allowed.ContainsKey(used) && !Allowed[layer!].Contains(used))
                        violations.Add($"{layer}/{Path.GetFileName(file)} uses {used} ({match.Value})");
                }
            }
        }
        Assert.True(violations.Count == 0, string.Join("\n", violations.Distinct()));
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace DataParallel.Analyzers.Tests.Docs;

/// <summary>
/// The pages of docs/diagnostics for the race, locality and lowering IDs show what the analyzers do: the failing
/// example reports the page's ID and the fixed example does not. (Examples may call generated entry points, which do not
/// exist here; compiler errors outside kernels do not matter to the analyzers.)
/// </summary>
public sealed class DiagnosticDocsTests
{
    public static IEnumerable<object[]> Ids => new[] { "DP1001", "DP1002", "DP1003", "DP1004", "DP1005", "DP2001", "DP2002", "DP2003", "DP2004", "DP2005", "DP2006", "DP3001" }.Select(id => new object[] { id });

    [Theory]
    [MemberData(nameof(Ids))]
    public async Task Failing_example_reports_the_id_and_fixed_example_does_not(string id)
    {
        string page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "diagnostics", id + ".md"));
        Assert.Contains($"dotnet_diagnostic.{id}.severity", page);
        string category = id[2] switch { '1' => "Races", '2' => "Locality", _ => "Lowering" };
        Assert.Contains($"| Category | DataParallel.{category} |", page);

        Assert.Contains(await IdsReported(Example(page, "## Failing example")), d => d == id);
        Assert.DoesNotContain(await IdsReported(Example(page, "## Fixed example")), d => d == id);
    }

    private static string Example(string page, string heading)
    {
        int at = page.IndexOf(heading, StringComparison.Ordinal);
        Assert.True(at >= 0, $"no '{heading}' section");
        Match block = Regex.Match(page.Substring(at), "```csharp\n(.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, $"no csharp block under '{heading}'");
        return block.Groups[1].Value;
    }

    /// <summary>What the analyzers report on an example: kernel members, or a whole file with its usings and class.</summary>
    private static async Task<IEnumerable<string>> IdsReported(string example)
    {
        string source = example.Contains("partial class Kernels", StringComparison.Ordinal) ? example : KernelSource.Wrap(example);
        Compilation compilation = TestCompilation.Create(source);
        var race = await AnalyzerVerifier<RaceArea>.GetDiagnosticsAsync(compilation);
        var locality = await AnalyzerVerifier<LocalityArea>.GetDiagnosticsAsync(compilation);
        var lowering = await AnalyzerVerifier<ShapeArea>.GetDiagnosticsAsync(compilation);
        // #pragma warning disable applies to analyzer diagnostics through the compilation's suppression.
        return race.Concat(locality).Concat(lowering).Where(d => !d.IsSuppressed).Select(d => d.Id).ToList();
    }

    private static string RepositoryRoot([CallerFilePath] string here = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));
}

using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DataParallel.Analyzers.Tests.Locality;

/// <summary>
/// The kernels the tour and the benchmarks ship are the project's own examples of good kernels: no race or
/// locality analyzer may report on them (a false positive there is one every user sees first).
/// </summary>
public sealed class ShippedKernelsTests
{
    [Theory]
    [InlineData("samples/DataParallel.Tour/Kernels.cs")]
    [InlineData("benchmarks/DataParallel.Benchmarks/SliceKernels.cs")]
    public async Task Shipped_kernels_are_diagnostic_free(string path)
    {
        string source = File.ReadAllText(Path.Combine(RepositoryRoot(), path));
        Compilation compilation = TestCompilation.Create(source);
        var race = await AnalyzerVerifier<RaceArea>.GetDiagnosticsAsync(compilation);
        var locality = await AnalyzerVerifier<LocalityArea>.GetDiagnosticsAsync(compilation);
        var reported = race.Concat(locality).Where(d => d.Id.StartsWith("DP", StringComparison.Ordinal)).Select(d => d.ToString()).ToList();
        Assert.True(reported.Count == 0, string.Join("\n", reported));
    }

    private static string RepositoryRoot([CallerFilePath] string here = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));
}

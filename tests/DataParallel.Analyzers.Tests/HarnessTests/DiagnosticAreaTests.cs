using System.Linq;
using System.Reflection;
using DataParallel.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DataParallel.Analyzers.Tests.HarnessTests;

/// <summary>
/// The verifiers find analyzers by reflection and select diagnostics by area: every diagnostic an analyzer can
/// report must be found that way and belong to an area, or its tests would compare nothing.
/// </summary>
public sealed class DiagnosticAreaTests
{
    [Fact]
    public void Every_analyzer_diagnostic_is_found_by_reflection_and_has_an_area()
    {
        var descriptors = typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => (DiagnosticDescriptor)field.GetValue(null)!)
            // The generator's own failures are reported by the generator, not by an analyzer.
            .Where(descriptor => descriptor.Id is not ("DP3998" or "DP3999"))
            .ToList();

        Assert.NotEmpty(descriptors);
        Assert.All(descriptors, descriptor => Assert.True(
            DataParallelAnalyzers.SupportedDiagnostics.ContainsKey(descriptor.Id),
            $"{descriptor.Id} is supported by no analyzer found by reflection."));
        Assert.All(DataParallelAnalyzers.SupportedDiagnostics.Keys, id => Assert.NotNull(DiagnosticAreas.Of(id)));
    }

    [Theory]
    [InlineData("DP0001", DiagnosticArea.ShapeAndLowering)]
    [InlineData("DP3001", DiagnosticArea.ShapeAndLowering)]
    [InlineData("DP1005", DiagnosticArea.Races)]
    [InlineData("DP2006", DiagnosticArea.Locality)]
    public void Ids_map_to_their_area(string id, DiagnosticArea area) => Assert.Equal(area, DiagnosticAreas.Of(id));

    [Theory]
    [InlineData("CS0103")]
    [InlineData("AD0001")]
    [InlineData("DP12345")]
    public void Other_ids_have_no_area(string id) => Assert.Null(DiagnosticAreas.Of(id));
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace DataParallel.Runtime.Tests.Settings;

/// <summary>
/// The environment variables are the only way to change behaviour without recompiling (CI legs, production triage),
/// so their names and parsing are part of the contract, and their names must appear in the API documentation.
/// </summary>
public sealed class SettingsEnvironmentTests
{
    private const string ModeVariable = "DATAPARALLEL_MODE";
    private const string ThreadsVariable = "DATAPARALLEL_MAX_THREADS";
    private const string SimdVariable = "DATAPARALLEL_SIMD";

    [Fact]
    public void Documented_variables_set_the_process_defaults()
    {
        var values = IsolatedRuntime.ReadSettingsWith(
            new Dictionary<string, string?> { [ModeVariable] = "Sequential", [ThreadsVariable] = "3", [SimdVariable] = "Vector128" },
            nameof(DataParallelSettings.Mode), nameof(DataParallelSettings.MaxDegreeOfParallelism), nameof(DataParallelSettings.Width));

        Assert.Equal("Sequential", values["Mode"]);
        Assert.Equal("3", values["MaxDegreeOfParallelism"]);
        Assert.Equal("Vector128", values["Width"]);
    }

    [Fact]
    public void Enum_values_are_parsed_without_regard_to_case()
    {
        var values = IsolatedRuntime.ReadSettingsWith(
            new Dictionary<string, string?> { [ModeVariable] = "scalar", [SimdVariable] = "VECTOR512" },
            nameof(DataParallelSettings.Mode), nameof(DataParallelSettings.Width));

        Assert.Equal("Scalar", values["Mode"]);
        Assert.Equal("Vector512", values["Width"]);
    }

    [Theory]
    [InlineData("bogus", "0", "Vector1024")]
    [InlineData("42", "-3", "7")]
    [InlineData("", "lots", "")]
    public void Unusable_values_fall_back_to_the_defaults(string mode, string threads, string simd)
    {
        var values = IsolatedRuntime.ReadSettingsWith(
            new Dictionary<string, string?> { [ModeVariable] = mode, [ThreadsVariable] = threads, [SimdVariable] = simd },
            nameof(DataParallelSettings.Mode), nameof(DataParallelSettings.MaxDegreeOfParallelism), nameof(DataParallelSettings.Width));

        Assert.Equal("Auto", values["Mode"]);
        Assert.Equal(Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture), values["MaxDegreeOfParallelism"]);
        Assert.Equal("Auto", values["Width"]);
    }

    [Fact]
    public void Without_variables_the_defaults_are_Auto_on_every_core()
    {
        var values = IsolatedRuntime.ReadSettingsWith(
            new Dictionary<string, string?> { [ModeVariable] = null, [ThreadsVariable] = null, [SimdVariable] = null },
            nameof(DataParallelSettings.Mode), nameof(DataParallelSettings.MaxDegreeOfParallelism), nameof(DataParallelSettings.Width));

        Assert.Equal("Auto", values["Mode"]);
        Assert.Equal(Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture), values["MaxDegreeOfParallelism"]);
        Assert.Equal("Auto", values["Width"]);
    }

    [Fact]
    public void The_variable_names_are_documented_on_DataParallelSettings()
    {
        // The runtime builds its XML documentation file; it is copied beside the assembly with the reference.
        string xmlPath = Path.ChangeExtension(typeof(DataParallelSettings).Assembly.Location, ".xml");
        Assert.True(File.Exists(xmlPath), $"No XML documentation at {xmlPath}.");

        string typeDocs = XDocument.Load(xmlPath).Descendants("member")
            .Single(member => (string?)member.Attribute("name") == "T:" + typeof(DataParallelSettings).FullName)
            .ToString();

        Assert.Contains(ModeVariable, typeDocs, StringComparison.Ordinal);
        Assert.Contains(ThreadsVariable, typeDocs, StringComparison.Ordinal);
        Assert.Contains(SimdVariable, typeDocs, StringComparison.Ordinal);
    }
}

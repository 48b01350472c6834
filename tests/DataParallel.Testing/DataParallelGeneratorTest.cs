using DataParallel.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace DataParallel.Testing;

/// <summary>
/// Microsoft.CodeAnalysis.Testing's source-generator test for <see cref="ParallelGenerator"/>, on the project of
/// <see cref="TestCompilation"/>: the generated sources and the diagnostics (generator's and compiler's, after
/// generation) must be exactly those the test states.
/// </summary>
public sealed class DataParallelGeneratorTest : CSharpSourceGeneratorTest<ParallelGenerator, DefaultVerifier>
{
    /// <summary>A generator test on net10.0 with DataParallel.Runtime referenced.</summary>
    public DataParallelGeneratorTest()
    {
        ReferenceAssemblies = TestCompilation.ReferenceAssemblies;
        TestState.AdditionalReferences.Add(TestCompilation.RuntimeReference);
    }

    /// <inheritdoc/>
    protected override CompilationOptions CreateCompilationOptions() => TestCompilation.Options;

    /// <inheritdoc/>
    protected override ParseOptions CreateParseOptions() => TestCompilation.ParseOptions;
}

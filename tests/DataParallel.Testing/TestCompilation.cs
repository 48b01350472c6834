using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace DataParallel.Testing;

/// <summary>
/// Compiles test sources the way a net10.0 project referencing DataParallel does: C# 14 (Roslyn 4.14's Preview),
/// nullable on, against the net10.0 reference assemblies plus DataParallel.Runtime. The one place every test project
/// (analyzer, code-fix and generator tests, whether on Microsoft.CodeAnalysis.Testing or on a compilation of their
/// own) takes its parse options, compilation options and references from.
/// </summary>
public static class TestCompilation
{
    /// <summary>The path Microsoft.CodeAnalysis.Testing gives its first document, used here too so locations read alike.</summary>
    public const string FilePath = "/0/Test0.cs";

    /// <summary>C# as a net10.0 project compiles it: C# 14, which Roslyn 4.14 calls Preview.</summary>
    public static CSharpParseOptions ParseOptions { get; } = new(LanguageVersion.Preview, DocumentationMode.Parse);

    /// <summary>
    /// A library project's options in a Release build. Unsafe code is not allowed, as in a project that does not opt
    /// in, so generated code that needed it would fail to compile.
    /// </summary>
    public static CSharpCompilationOptions Options { get; } =
        new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable,
                warningLevel: 10,
                deterministic: true)
            // The SDK suppresses these two assembly-unification warnings in every project; so do we.
            .WithSpecificDiagnosticOptions(new[]
            {
                new KeyValuePair<string, ReportDiagnostic>("CS1701", ReportDiagnostic.Suppress),
                new KeyValuePair<string, ReportDiagnostic>("CS1702", ReportDiagnostic.Suppress),
            });

    /// <summary>
    /// Microsoft.NETCore.App.Ref at the version restore downloads (<c>NetCoreAppRefVersion</c> in
    /// Directory.Packages.props, stamped into this assembly). The library's own <c>ReferenceAssemblies.Net.Net100</c>
    /// names 10.0.1, which the package registry does not serve; the downloaded version resolves from the global
    /// packages folder without network.
    /// </summary>
    public static ReferenceAssemblies ReferenceAssemblies { get; } = new(
        "net10.0",
        new PackageIdentity("Microsoft.NETCore.App.Ref", NetCoreAppRefVersion()),
        Path.Combine("ref", "net10.0"));

    /// <summary>DataParallel.Runtime, the one reference a project using DataParallel adds to the framework.</summary>
    public static MetadataReference RuntimeReference { get; } = MetadataReference.CreateFromFile(typeof(ParallelAttribute).Assembly.Location);

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
        // Resolution is asynchronous in the library; a thread-pool task keeps it off any test synchronization context.
        Task.Run(() => ReferenceAssemblies.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).GetAwaiter().GetResult()
            .Add(RuntimeReference));

    /// <summary>
    /// The net10.0 reference assemblies plus DataParallel.Runtime. The test host's own dependencies (xUnit, Roslyn)
    /// stay out, so a kernel cannot bind to something a user would not have.
    /// </summary>
    public static ImmutableArray<MetadataReference> References => s_references.Value;

    /// <summary>Parses <paramref name="source"/> with <see cref="ParseOptions"/> as the file <paramref name="path"/>.</summary>
    public static SyntaxTree Parse(string source, string path = FilePath)
        => CSharpSyntaxTree.ParseText(source, ParseOptions, path, Encoding.UTF8);

    /// <summary>One file, <see cref="FilePath"/>, compiled with <see cref="Options"/> and <see cref="References"/>.</summary>
    public static CSharpCompilation Create(string source) => Create("DataParallelTest", [Parse(source)]);

    /// <summary>A compilation of <paramref name="trees"/> with <see cref="Options"/> and <see cref="References"/>.</summary>
    public static CSharpCompilation Create(string assemblyName, IEnumerable<SyntaxTree> trees)
        => CSharpCompilation.Create(assemblyName, trees, References, Options);

    private static string NetCoreAppRefVersion()
        => typeof(TestCompilation).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
               .SingleOrDefault(attribute => attribute.Key == "NetCoreAppRefVersion")?.Value
           ?? throw new InvalidOperationException("DataParallel.Testing was built without NetCoreAppRefVersion.");
}

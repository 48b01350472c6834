using System.Linq;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace DataParallel.Analyzers.Tests.Harness;

/// <summary>
/// One <c>[Parallel]</c> method compiled from source, for tests of the kernel model and the analyses built on it:
/// the method, its body's operation tree and the model built from them.
/// </summary>
internal sealed record CompiledKernel(IMethodSymbol Method, IOperation Body, KernelBuildResult Build)
{
    /// <summary>The kernel model; the test fails if the builder refused the kernel.</summary>
    public KernelModel Model => Assert.IsType<KernelModel>(Build.Model);

    /// <summary>Compiles <paramref name="members"/> inside a kernel class and builds the model of its one <c>[Parallel]</c> method.</summary>
    public static CompiledKernel From(string members)
    {
        Compilation compilation = TestCompilation.Create(KernelSource.Wrap(members));
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SemanticModel model = compilation.GetSemanticModel(tree);
        MethodDeclarationSyntax declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.AttributeLists.Count > 0);
        IMethodSymbol method = (IMethodSymbol)model.GetDeclaredSymbol(declaration)!;
        IOperation body = model.GetOperation(declaration)!;
        return new CompiledKernel(method, body, KernelModelBuilder.Build(method, body, default));
    }
}

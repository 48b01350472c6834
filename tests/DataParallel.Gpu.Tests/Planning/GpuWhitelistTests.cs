using System.Linq;
using System.Threading;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Planning;
using DataParallel.Compiler.Syntax;
using DataParallel.Generators;
using DataParallel.Generators.Emit;
using DataParallel.Gpu.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace DataParallel.Gpu.Tests.Planning;

/// <summary>
/// The GPU lowering is a whitelist: an IR construct it does not name — such as a node type added to the IR after it
/// was written — keeps the kernel on the CPU, with a DP3003 reason, and never reaches the emitter or crashes it.
/// </summary>
public sealed class GpuWhitelistTests
{
    /// <summary>A statement kind the GPU lowering has never heard of.</summary>
    private sealed record FutureStatement : KernelStatement;

    /// <summary>An expression kind the GPU lowering has never heard of.</summary>
    private sealed record FutureExpression() : KernelExpression(ScalarKind.Single);

    private static KernelModel Saxpy()
    {
        CSharpCompilation compilation = GpuCompilation.Create(referenceGpu: true, """
            using System;
            using DataParallel;

            public static partial class Kernels
            {
                [Parallel]
                public static void Saxpy(int i, float a, ReadOnlySpan<float> x, Span<float> y) => y[i] = a * x[i] + y[i];
            }
            """);
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        SemanticModel semantics = compilation.GetSemanticModel(tree);
        MethodDeclarationSyntax declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single();
        var method = (IMethodSymbol)semantics.GetDeclaredSymbol(declaration)!;
        return KernelModelBuilder.Build(method, semantics.GetOperation(declaration), CancellationToken.None).Model!;
    }

    private static KernelModel WithStatement(KernelModel kernel, KernelStatement statement)
        => kernel with { Body = new BlockStatement(kernel.Body.Statements.Append(statement).ToEquatableArray()) };

    [Fact]
    public void The_known_kernel_is_lowered()
    {
        KernelModel kernel = Saxpy();
        Assert.NotNull(GpuPlanner.Plan(kernel, KernelAccessAnalysis.Collect(kernel)).Plan);
        Assert.NotNull(GpuLowering.Lower(kernel, NamespaceAliases.Default, CancellationToken.None).Source);
    }

    [Fact]
    public void An_unknown_statement_keeps_the_kernel_on_the_cpu()
    {
        var unknown = new FutureStatement { Id = 9001 };
        KernelModel kernel = WithStatement(Saxpy(), unknown);
        GpuDecision decision = GpuPlanner.Plan(kernel, KernelAccessAnalysis.Collect(kernel));
        Assert.Null(decision.Plan);
        Assert.Equal(unknown.Id, decision.BlockingNode);
        Assert.Contains("does not cover this statement (FutureStatement)", decision.Blocker);
        GpuLoweredKernel lowered = GpuLowering.Lower(kernel, NamespaceAliases.Default, CancellationToken.None);
        Assert.Null(lowered.Source);
        Assert.Null(lowered.Failure);
    }

    [Fact]
    public void An_unknown_expression_keeps_the_kernel_on_the_cpu()
    {
        var unknown = new FutureExpression { Id = 9002 };
        KernelModel kernel = WithStatement(Saxpy(), new DeclareLocalStatement("future", ScalarKind.Single, unknown));
        GpuDecision decision = GpuPlanner.Plan(kernel, KernelAccessAnalysis.Collect(kernel));
        Assert.Null(decision.Plan);
        Assert.Equal(unknown.Id, decision.BlockingNode);
        Assert.Equal(GpuBlockReason.NotCoveredYet, decision.Reason);
        Assert.Null(GpuLowering.Lower(kernel, NamespaceAliases.Default, CancellationToken.None).Source);
    }
}

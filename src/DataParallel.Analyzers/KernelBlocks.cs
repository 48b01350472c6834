using System;
using System.Collections.Generic;
using System.Linq;
using DataParallel.Compiler.Planning;
using DataParallel.Compiler.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DataParallel.Analyzers;

/// <summary>
/// How the analyzer attaches to the compilation, only where it references the runtime (and knowing whether it
/// references DataParallel.Gpu): per method body of a
/// <c>[Parallel]</c> method, and per type that contains such methods (at any depth). What a diagnostic says about a
/// type is reported from the type's own action: reported from a kernel's body it would sit outside the code being
/// analysed, which Roslyn counts as non-local and an IDE shows only in full-solution analysis.
/// </summary>
internal static class KernelBlocks
{
    public static void Register(AnalysisContext context,
        Action<OperationBlockAnalysisContext, IMethodSymbol, IOperation, bool> analyzeKernel,
        Action<SymbolAnalysisContext, INamedTypeSymbol, IReadOnlyList<IMethodSymbol>> analyzeEnclosingType)
    {
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? attribute = start.Compilation.GetTypeByMetadataName(KernelModelBuilder.AttributeName);
            if (attribute is null)
                return;
            // Looked up once per compilation, not per kernel: DP3003 only where GPU entry points are generated at all.
            bool gpuReferenced = start.Compilation.GetTypeByMetadataName(GpuPlanner.MarkerMetadataName) is not null;
            start.RegisterOperationBlockAction(block =>
            {
                if (block.OwningSymbol is not IMethodSymbol method || !IsKernel(method, attribute))
                    return;
                IOperation? body = block.OperationBlocks.FirstOrDefault(o => o is IMethodBodyOperation)
                    ?? block.OperationBlocks.FirstOrDefault(o => o is IBlockOperation);
                if (body is not null)
                    analyzeKernel(block, method, body, gpuReferenced);
            });
            start.RegisterSymbolAction(symbol =>
            {
                var type = (INamedTypeSymbol)symbol.Symbol;
                var kernels = new List<IMethodSymbol>();
                CollectKernels(type, attribute, kernels);
                if (kernels.Count > 0)
                    analyzeEnclosingType(symbol, type, kernels);
            }, SymbolKind.NamedType);
        });
    }

    private static bool IsKernel(IMethodSymbol method, INamedTypeSymbol attribute)
        => method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

    /// <summary>The kernels declared in <paramref name="type"/> and in the types nested in it, in member order.</summary>
    private static void CollectKernels(INamedTypeSymbol type, INamedTypeSymbol attribute, List<IMethodSymbol> kernels)
    {
        foreach (ISymbol member in type.GetMembers())
        {
            if (member is IMethodSymbol method && IsKernel(method, attribute))
                kernels.Add(method);
            else if (member is INamedTypeSymbol nested)
                CollectKernels(nested, attribute, kernels);
        }
    }
}

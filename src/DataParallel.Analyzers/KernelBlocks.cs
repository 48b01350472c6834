using System;
using System.Linq;
using DataParallel.Compiler.Syntax;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DataParallel.Analyzers;

/// <summary>
/// How every DataParallel analyzer attaches to the compilation: per method body, and only for methods marked
/// <c>[Parallel]</c> in a compilation that references the runtime (each analyzer's <c>Initialize</c> still enables
/// concurrent execution and skips generated code itself, where the Roslyn analyzer rules look for it).
/// </summary>
internal static class KernelBlocks
{
    public static void Register(AnalysisContext context, Action<OperationBlockAnalysisContext, IMethodSymbol, IOperation> analyzeKernel)
    {
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? attribute = start.Compilation.GetTypeByMetadataName(KernelModelBuilder.AttributeName);
            if (attribute is null)
                return;
            start.RegisterOperationBlockAction(block =>
            {
                if (block.OwningSymbol is not IMethodSymbol method
                    || !method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)))
                    return;
                IOperation? body = block.OperationBlocks.FirstOrDefault(o => o is IMethodBodyOperation)
                    ?? block.OperationBlocks.FirstOrDefault(o => o is IBlockOperation);
                if (body is not null)
                    analyzeKernel(block, method, body);
            });
        });
    }
}

using System.Linq;
using DataParallel.Compiler.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace DataParallel.Analyzers;

/// <summary>
/// DP4001 where a partitioned entry point of a kernel that cannot be partitioned is called (or taken as a delegate).
/// The generator still writes those overloads, so the call compiles and throws; it marks them with
/// <c>NotPartitionableAttribute</c>, whose reason this analyzer repeats. Reporting at the call, not on the kernel,
/// keeps kernels that are never run partitioned (most reductions) free of noise. Part of <see cref="KernelAnalyzer"/>.
/// </summary>
internal static class PartitionCalls
{
    private const string AttributeName = "DataParallel.CompilerServices.NotPartitionableAttribute";

    public static void Register(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(AttributeName) is not { } attribute)
                return;
            start.RegisterOperationAction(operation =>
            {
                IMethodSymbol? method = operation.Operation switch
                {
                    IInvocationOperation invocation => invocation.TargetMethod,
                    IMethodReferenceOperation reference => reference.Method,
                    _ => null,
                };
                if (method?.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)) is not { } marker)
                    return;
                string reason = marker.ConstructorArguments.FirstOrDefault().Value as string ?? "";
                operation.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotPartitionable, operation.Operation.Syntax.GetLocation(),
                    method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), method.Name, reason));
            }, OperationKind.Invocation, OperationKind.MethodReference);
        });
    }
}

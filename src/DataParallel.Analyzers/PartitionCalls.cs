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
    private const string DeviceSetName = "DataParallel.DeviceSet";

    public static void Register(AnalysisContext context)
    {
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(AttributeName) is not { } attribute
                || start.Compilation.GetTypeByMetadataName(DeviceSetName) is not { } deviceSet)
                return;
            start.RegisterOperationAction(operation =>
            {
                IMethodSymbol? method = operation.Operation switch
                {
                    IInvocationOperation invocation => invocation.TargetMethod,
                    IMethodReferenceOperation reference => reference.Method,
                    _ => null,
                };
                // Every partitioned entry point takes the set first: other calls are passed over without reading attributes.
                if (method is not { Parameters.Length: > 0 } || !SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, deviceSet))
                    return;
                if (method.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)) is not { } marker)
                    return;
                string reason = marker.ConstructorArguments.FirstOrDefault().Value as string ?? "";
                operation.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NotPartitionable, operation.Operation.Syntax.GetLocation(),
                    method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), method.Name, reason));
            }, OperationKind.Invocation, OperationKind.MethodReference);
        });
    }
}

using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Diagnostics;
using DataParallel.Compiler.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DataParallel.Compiler.Syntax;

/// <summary>
/// Diagnostics: what the reader reports: constructs DESIGN §2 excludes (DP3002 errors) and the first construct the IR does not model (the DP3001 reason).
/// </summary>
internal sealed partial class KernelBodyReader
{
    private KernelStatement Unsupported(IOperation operation)
    {
        if (!ScanForErrors(operation))
            NotLowered(operation, Describe(operation));
        return new BlockStatement(EquatableArray<KernelStatement>.Empty);
    }

    private KernelExpression Placeholder(IOperation operation, string description)
    {
        NotLowered(operation, description);
        return new HelperCallExpression(operation.Syntax.ToString(), ScalarKindFacts.FromType(operation.Type) ?? ScalarKind.Int32);
    }

    /// <summary>
    /// Walks a subtree the IR does not model, reporting every excluded construct in it; returns whether the root
    /// itself was excluded.
    /// </summary>
    private bool ScanForErrors(IOperation operation)
    {
        if (operation is IInvalidOperation)
            _hasInvalidCode = true;
        if (IsRejected(operation))
            return true;
        foreach (IOperation child in operation.ChildOperations)
            ScanForErrors(child);
        return false;
    }

    /// <summary>Reports the construct if DESIGN §2 excludes it; returns whether it did.</summary>
    private bool IsRejected(IOperation operation)
    {
        (string Construct, string Reason)? rejection = operation switch
        {
            IObjectCreationOperation or IArrayCreationOperation or IAnonymousObjectCreationOperation or ITypeParameterObjectCreationOperation
                or IDelegateCreationOperation or ICollectionExpressionOperation
                => ("Allocation", "it would allocate on every index"),
            ILiteralOperation { Type.SpecialType: SpecialType.System_String } or IInterpolatedStringOperation
                or { Type.SpecialType: SpecialType.System_String }
                => ("A string", "kernels compute on numbers; strings allocate and cannot vectorise"),
            IThrowOperation or ITryOperation
                => ("Exception handling", "a kernel cannot throw or catch per index; validate inputs before the call"),
            IAnonymousFunctionOperation
                => ("A lambda", "move the code into a static method of the type (or a local function), which the kernel may call"),
            ITranslatedQueryOperation
                => ("LINQ", "queries allocate and call delegates per element"),
            IAddressOfOperation
                => ("Unsafe code", "pointers defeat the bounds and race analysis"),
            IConversionOperation { Type.IsReferenceType: true, Operand.Type.IsValueType: true }
                => ("Boxing", "it allocates on every index"),
            IInvocationOperation call when !IsStaticOrLocal(call.TargetMethod) && !IsSlice(call)
                => (call.TargetMethod.IsVirtual || call.TargetMethod.IsAbstract || call.TargetMethod.IsOverride || call.TargetMethod.ContainingType.TypeKind == TypeKind.Interface
                        ? "A virtual or interface call" : "An instance method call",
                    "kernels may call only static methods whose bodies are in the kernel language"),
            IAwaitOperation or ILockOperation or IUsingOperation or IUsingDeclarationOperation
                => ("This statement", "kernels must not block, await or own resources"),
            IDynamicInvocationOperation or IDynamicMemberReferenceOperation or IDynamicObjectCreationOperation or IDynamicIndexerAccessOperation
                => ("dynamic", "dynamic dispatch cannot run in a kernel"),
            _ when operation.Type is IPointerTypeSymbol or IFunctionPointerTypeSymbol
                => ("Unsafe code", "pointers defeat the bounds and race analysis"),
            _ => null,
        };
        if (rejection is not { } r)
            return false;
        Reject(operation, r.Construct, r.Reason);
        return true;
    }

    private void Reject(IOperation operation, string construct, string reason)
        => _errors.Add(Diagnostic.Create(DiagnosticDescriptors.UnsupportedConstruct, operation.Syntax.GetLocation(), construct, _kernel.Name, reason));

    private void NotLowered(IOperation operation, string description)
    {
        if (operation is IInvalidOperation)
            _hasInvalidCode = true;
        if (!_hidesSpanAccesses && TouchesSpan(operation))
            _hidesSpanAccesses = true;
        _unlowered ??= (description, operation.Syntax.GetLocation());
    }

    /// <summary>
    /// Whether an operation the IR leaves out names a span anywhere in it (<c>foreach (ref var v in y)</c>,
    /// <c>Bump(ref y[i / 2])</c>, <c>(float)x[i]</c> through a user-defined conversion, a span local assigned in a
    /// loop): then accesses exist that the race analysis does not see.
    /// </summary>
    private static bool TouchesSpan(IOperation operation)
        => operation.DescendantsAndSelf().Any(o => IsSpanType(o.Type) || o is ILocalReferenceOperation { Local.Type: var local } && IsSpanType(local));

    private static string Describe(IOperation operation) => operation switch
    {
        IForEachLoopOperation => "a foreach loop",
        IWhileLoopOperation { ConditionIsUntil: true } => "an until loop",
        ISwitchOperation or ISwitchExpressionOperation => "a switch",
        IBranchOperation => "a goto",
        IIncrementOrDecrementOperation => "an increment used as a value",
        IDeconstructionAssignmentOperation => "a tuple (deconstruction) assignment",
        IAssignmentOperation => "an assignment used as a value",
        _ => $"'{operation.Syntax}'",
    };
}

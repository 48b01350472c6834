using System.Collections.Generic;
using DataParallel.Compiler.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DataParallel.Compiler.Syntax;

internal sealed partial class KernelBodyReader
{
    /// <summary>
    /// What the reader must know before the first statement, found in one walk over the body: span locals passed by
    /// ref (<see cref="NoteSpanPassedByRef"/>) and the copies of assigned parameters, returned as the declarations
    /// that start the body.
    /// </summary>
    private List<KernelStatement> ScanAhead(IOperation body)
    {
        var copies = new List<KernelStatement>();
        foreach (IOperation operation in body.DescendantsAndSelf())
        {
            NoteSpanPassedByRef(operation);
            if (operation is IParameterReferenceOperation reference && CopyIfAssigned(reference) is { } copy)
                copies.Add(copy);
        }
        return copies;
    }

    /// <summary>
    /// Declares a local for a scalar parameter the body assigns (<c>k -= 1;</c>, <c>n /= 2;</c>, <c>i++</c>,
    /// <c>(a, k) = …</c>, <c>Step(ref k)</c>), the first time one of its writes is seen. Every index's call of the
    /// kernel method gets its own copy of its arguments, so such a parameter is exactly a local that starts with the
    /// value passed in; the IR reads it as one, and the analyses follow its assignments as they follow any local's.
    /// Found up front, as a read may precede the first assignment.
    /// </summary>
    private KernelStatement? CopyIfAssigned(IParameterReferenceOperation reference)
    {
        IParameterSymbol parameter = reference.Parameter;
        if (_parameterCopies.ContainsKey(parameter) || parameter.RefKind != RefKind.None || !IsWritten(reference)
            || !SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _kernel)
            || !_parameters.TryGetValue(parameter.Name, out KernelParameter? p))
            return null;
        KernelExpression? passed = p.Kind switch
        {
            ParameterKind.Index => new IndexExpression(p.Dimension),
            ParameterKind.Uniform => new UniformExpression(p.Name, p.Type),
            _ => null,
        };
        if (passed is null)
            return null;
        var copy = new LocalExpression(FreshName(p.Name), p.Type);
        _parameterCopies[parameter] = copy;
        return Track(new DeclareLocalStatement(copy.Name, copy.Type, passed), reference);
    }

    /// <summary>Whether <paramref name="reference"/> is assigned: a target, an element of a deconstructed tuple, or a <c>ref</c>/<c>out</c> argument.</summary>
    private static bool IsWritten(IOperation reference)
    {
        IOperation target = reference;
        while (target.Parent is ITupleOperation tuple)
            target = tuple;
        return target.Parent switch
        {
            IAssignmentOperation assignment => assignment.Target == target,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
            _ => false,
        };
    }
}

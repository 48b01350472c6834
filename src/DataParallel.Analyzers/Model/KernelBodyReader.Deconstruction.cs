using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DataParallel.Analyzers.Model;

internal sealed partial class KernelBodyReader
{
    /// <summary>
    /// Reads <c>(a, b) = (b, a)</c>, <c>var (s, c) = (x[i], y[i])</c> and <c>(y[i], z[i]) = (p, q)</c>. C# evaluates
    /// every element on the right before it assigns any target, so each value goes to a fresh local first and the
    /// targets are assigned from those, left to right: a swap swaps. Deconstructions the IR cannot follow (a tuple
    /// local or a call on the right, nested tuples, non-scalar elements, a target index that reads what the same
    /// assignment writes) leave the kernel running as written, and DP3001 names them.
    /// </summary>
    private List<KernelStatement> ReadDeconstruction(IDeconstructionAssignmentOperation deconstruction)
    {
        var statements = new List<KernelStatement>();
        if (TupleElements(deconstruction) is not { } pairs)
        {
            ScanForErrors(deconstruction.Value);
            NotLowered(deconstruction, "a tuple (deconstruction) assignment from something other than a tuple of scalars written out");
            return statements;
        }
        if (pairs.FirstOrDefault(p => p.Target is not ILocalReferenceOperation && ReadsAssignedState(p.Target, pairs)) is { Target: not null } blocked)
        {
            NotLowered(deconstruction, $"the tuple assignment target {blocked.Target.Syntax}, whose index reads what the same assignment writes");
            return statements;
        }

        var values = new List<LocalExpression>(pairs.Count);
        foreach ((_, IOperation value, ScalarKind type) in pairs)
        {
            var temp = new LocalExpression(FreshName("tuple_item"), type);
            KernelExpression read = ConvertTo(ReadInto(value, statements), type, checkedContext: false);
            statements.Add(Track(new DeclareLocalStatement(temp.Name, type, read), value));
            values.Add(temp);
        }
        for (int k = 0; k < pairs.Count; k++)
        {
            switch (pairs[k].Target)
            {
                case IDiscardOperation:
                    break;
                case ILocalReferenceOperation { IsDeclaration: true } declared:
                    statements.Add(Track(new DeclareLocalStatement(DeclareLocal(declared.Local, pairs[k].Type), pairs[k].Type, values[k]), declared));
                    break;
                case IOperation target:
                    statements.Add(Assign(target, values[k], target));
                    break;
            }
        }
        return statements;
    }

    /// <summary>
    /// The (target, value, target type) of each element, declarations unwrapped; null unless both sides are flat tuples
    /// of the same arity whose targets have scalar types.
    /// </summary>
    private static List<(IOperation Target, IOperation Value, ScalarKind Type)>? TupleElements(IDeconstructionAssignmentOperation deconstruction)
    {
        IOperation targetSide = deconstruction.Target is IDeclarationExpressionOperation declaration ? declaration.Expression : deconstruction.Target;
        // A tuple literal converted to the targets' types as a whole: each element is converted below instead.
        IOperation valueSide = deconstruction.Value is IConversionOperation { Operand: ITupleOperation literal } ? literal : deconstruction.Value;
        if (targetSide is not ITupleOperation targets || valueSide is not ITupleOperation values || targets.Elements.Length != values.Elements.Length)
            return null;
        var pairs = new List<(IOperation, IOperation, ScalarKind)>(targets.Elements.Length);
        for (int k = 0; k < targets.Elements.Length; k++)
        {
            IOperation target = targets.Elements[k] is IDeclarationExpressionOperation declared ? declared.Expression : targets.Elements[k];
            IOperation value = values.Elements[k];
            if (target is ITupleOperation || value is ITupleOperation || ScalarKindFacts.FromType(target.Type) is not { } type)
                return null;
            pairs.Add((target, value, type));
        }
        return pairs;
    }

    /// <summary>
    /// Whether a target's own operands (a span element's index) read a local the deconstruction assigns or any span
    /// element: C# evaluates those operands before the first assignment, and the IR would evaluate them at their store.
    /// </summary>
    private static bool ReadsAssignedState(IOperation target, List<(IOperation Target, IOperation Value, ScalarKind Type)> pairs)
    {
        var assigned = new HashSet<ILocalSymbol>(pairs.Select(p => p.Target).OfType<ILocalReferenceOperation>().Select(l => l.Local), SymbolEqualityComparer.Default);
        return target.ChildOperations.SelectMany(c => c.DescendantsAndSelf()).Any(o =>
            o is ILocalReferenceOperation local && assigned.Contains(local.Local)
            || o is IPropertyReferenceOperation { Property.IsIndexer: true } or IImplicitIndexerReferenceOperation or IArrayElementReferenceOperation);
    }
}

using System.Collections.Generic;
using System.Linq;
using DataParallel.Compiler.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace DataParallel.Compiler.Syntax;

internal sealed partial class KernelBodyReader
{
    /// <summary>
    /// Reads <c>(a, b) = (b, a)</c>, <c>var (s, c) = (x[i], y[i])</c>, <c>(y[i], z[i]) = (p, q)</c> and
    /// <c>(int row, int col) = Math.DivRem(i, n)</c>. C# evaluates every value on the right before it assigns any
    /// target, so each value goes to a fresh local first and the targets are assigned from those, left to right: a
    /// swap swaps. Deconstructions the IR cannot follow (a tuple local or another call on the right, nested tuples,
    /// non-scalar elements, a target index that reads what the same assignment writes) leave the kernel running as
    /// written, and DP3001 names them.
    /// </summary>
    private List<KernelStatement> ReadDeconstruction(IDeconstructionAssignmentOperation deconstruction)
    {
        var statements = new List<KernelStatement>();
        List<(IOperation Target, ScalarKind Type)>? targets = TupleTargets(deconstruction);
        List<KernelExpression>? values = targets is null ? null : ReadTupleValues(deconstruction, targets, statements);
        if (targets is null || values is null)
        {
            ScanForErrors(deconstruction.Value);
            NotLowered(deconstruction, "a tuple (deconstruction) assignment from something other than a tuple of scalars written out or Math.DivRem");
            return [];
        }
        if (targets.FirstOrDefault(t => t.Target is not ILocalReferenceOperation && ReadsAssignedState(t.Target, targets)) is { Target: not null } blocked)
        {
            NotLowered(deconstruction, $"the tuple assignment target {blocked.Target.Syntax}, whose index reads what the same assignment writes");
            return [];
        }

        var temps = new List<LocalExpression>(targets.Count);
        for (int k = 0; k < targets.Count; k++)
        {
            var temp = new LocalExpression(FreshName("tuple_item"), targets[k].Type);
            statements.Add(Track(new DeclareLocalStatement(temp.Name, temp.Type, ConvertTo(values[k], temp.Type, checkedContext: false)), deconstruction));
            temps.Add(temp);
        }
        for (int k = 0; k < targets.Count; k++)
        {
            switch (targets[k].Target)
            {
                case IDiscardOperation:
                    break;
                case ILocalReferenceOperation { IsDeclaration: true } declared:
                    statements.Add(Track(new DeclareLocalStatement(DeclareLocal(declared.Local, targets[k].Type), targets[k].Type, temps[k], declared.Local.Name), declared));
                    break;
                case IOperation target:
                    statements.Add(Assign(target, temps[k], target));
                    break;
            }
        }
        return statements;
    }

    /// <summary>The targets and their types, declarations unwrapped; null unless they are a flat tuple of scalars.</summary>
    private static List<(IOperation Target, ScalarKind Type)>? TupleTargets(IDeconstructionAssignmentOperation deconstruction)
    {
        IOperation targetSide = deconstruction.Target is IDeclarationExpressionOperation declaration ? declaration.Expression : deconstruction.Target;
        if (targetSide is not ITupleOperation tuple)
            return null;
        var targets = new List<(IOperation, ScalarKind)>(tuple.Elements.Length);
        foreach (IOperation element in tuple.Elements)
        {
            IOperation target = element is IDeclarationExpressionOperation declared ? declared.Expression : element;
            if (target is ITupleOperation || ScalarKindFacts.FromType(target.Type) is not { } type)
                return null;
            targets.Add((target, type));
        }
        return targets;
    }

    /// <summary>
    /// The values on the right, in order, with the statements that compute them appended to <paramref name="statements"/>:
    /// the elements of a tuple literal, or the quotient and remainder of <c>Math.DivRem(a, b)</c> (or <c>int.DivRem</c> and
    /// kin) on int, uint, long or ulong (<c>a / b</c> and <c>a % b</c> of its arguments, each evaluated once, throwing where the call throws).
    /// Null for anything else.
    /// </summary>
    private List<KernelExpression>? ReadTupleValues(IDeconstructionAssignmentOperation deconstruction, List<(IOperation Target, ScalarKind Type)> targets, List<KernelStatement> statements)
    {
        // A tuple literal converted to the targets' types as a whole: each element is converted on assignment instead.
        IOperation valueSide = deconstruction.Value is IConversionOperation { Operand: ITupleOperation literal } ? literal : deconstruction.Value;
        switch (valueSide)
        {
            case ITupleOperation tuple when tuple.Elements.Length == targets.Count && !tuple.Elements.Any(e => e is ITupleOperation):
                return tuple.Elements.Select(element => ReadInto(element, statements)).ToList();
            case IInvocationOperation { TargetMethod: { Name: "DivRem" } method, Arguments.Length: 2 } call
                when targets.Count == 2 && method.ContainingType.ToDisplayString() is "System.Math" or "int" or "uint" or "long" or "ulong"
                    && ScalarKindFacts.FromType(method.Parameters[0].Type) is (ScalarKind.Int32 or ScalarKind.UInt32 or ScalarKind.Int64 or ScalarKind.UInt64) and { } type:
            {
                var operands = new List<LocalExpression>(2);
                foreach (IArgumentOperation argument in call.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0))
                {
                    var operand = new LocalExpression(FreshName("divrem_" + argument.Parameter?.Name), type);
                    statements.Add(Track(new DeclareLocalStatement(operand.Name, type, ConvertTo(ReadInto(argument.Value, statements), type, checkedContext: false)), argument));
                    operands.Add(operand);
                }
                return
                [
                    new BinaryExpression(BinaryOperator.Divide, operands[0], operands[1], type, false),
                    new BinaryExpression(BinaryOperator.Remainder, operands[0], operands[1], type, false),
                ];
            }
            default:
                return null;
        }
    }

    /// <summary>
    /// Whether a target's own operands (a span element's index) read a local the deconstruction assigns or any span
    /// element: C# evaluates those operands before the first assignment, and the IR would evaluate them at their store.
    /// </summary>
    private static bool ReadsAssignedState(IOperation target, List<(IOperation Target, ScalarKind Type)> targets)
    {
        var assigned = new HashSet<ILocalSymbol>(targets.Select(t => t.Target).OfType<ILocalReferenceOperation>().Select(l => l.Local), SymbolEqualityComparer.Default);
        return target.ChildOperations.SelectMany(c => c.DescendantsAndSelf()).Any(o =>
            o is ILocalReferenceOperation local && assigned.Contains(local.Local)
            || o is IPropertyReferenceOperation { Property.IsIndexer: true } or IImplicitIndexerReferenceOperation or IArrayElementReferenceOperation);
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace DataParallel.Compiler.Syntax;

/// <summary>
/// Builds the access analysis's input for a kernel the user is editing, from what <see cref="KernelModelBuilder"/>
/// read — also for kernels with shape errors (a missing <c>partial</c> does not make a race go away). It refuses
/// (returns null) when the IR would mislead the analysis: code that does not compile yet, or control flow
/// (<c>return</c>, <c>break</c>, <c>goto</c>) inside statements the IR leaves out. Locals and parameters assigned
/// inside such statements are marked untrusted.
/// </summary>
internal static class AccessAnalysisSource
{
    public static AccessAnalysisInput? Create(IMethodSymbol method, KernelBuildResult result, IOperation body)
    {
        if (result.Body is not { HasInvalidCode: false } read)
            return null;

        int dimensions = result.Model?.Dimensions ?? DeclaredDimensions(method);
        ImmutableArray<KernelParameter> parameters = result.Model?.Parameters.AsImmutableArray() ?? Parameters(method, dimensions);
        if (parameters.Length != method.Parameters.Length)
            return null;

        var sourceWrites = new Dictionary<string, int>(System.StringComparer.Ordinal);
        int sourceExits = 0;
        var untrusted = ImmutableHashSet.CreateBuilder<string>(System.StringComparer.Ordinal);
        foreach (IOperation operation in body.DescendantsAndSelf())
        {
            switch (operation)
            {
                case IReturnOperation or IBranchOperation:
                    sourceExits++;
                    if (operation is IBranchOperation { BranchKind: not (BranchKind.Break or BranchKind.Continue) })
                        return null;   // goto: the IR has no such thing
                    break;
                case IVariableDeclaratorOperation { Initializer: not null } declarator:
                    Count(sourceWrites, declarator.Symbol.Name);
                    break;
                case IVariableDeclaratorOperation declarator when declarator.Parent is IVariableDeclarationOperation { Initializer: not null }:
                    Count(sourceWrites, declarator.Symbol.Name);
                    break;
                case IAssignmentOperation assignment:
                    Target(assignment.Target);
                    break;
                case IIncrementOrDecrementOperation increment:
                    Target(increment.Target);
                    break;
                case IArgumentOperation { Parameter.RefKind: RefKind.Out or RefKind.Ref } argument:
                    Target(argument.Value);
                    break;
            }
        }

        void Target(IOperation target)
        {
            switch (target)
            {
                case ILocalReferenceOperation local:
                    Count(sourceWrites, local.Local.Name);
                    break;
                case IParameterReferenceOperation parameter when parameter.Parameter.RefKind == RefKind.None:
                    // The IR does not model assigning a by-value parameter; what it holds afterwards is unknown.
                    untrusted.Add(parameter.Parameter.Name);
                    break;
            }
        }

        // Writes per source name: the reader gives each source local a unique IR name (and introduces locals of its
        // own, which have no source name and count for none).
        var sourceNames = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (KernelStatement statement in KernelWalker.Statements(read.Body))
        {
            if (statement is DeclareLocalStatement { SourceName: { } sourceName } declared)
                sourceNames[declared.Name] = sourceName;
        }
        var irWrites = new Dictionary<string, int>(System.StringComparer.Ordinal);
        int irExits = 0;
        foreach (KernelStatement statement in KernelWalker.Statements(read.Body))
        {
            switch (statement)
            {
                case DeclareLocalStatement { Initializer: not null, SourceName: { } sourceName }:
                    Count(irWrites, sourceName);
                    break;
                case AssignLocalStatement assign when sourceNames.TryGetValue(assign.Name, out string? sourceName):
                    Count(irWrites, sourceName);
                    break;
                case ReturnStatement or BreakStatement or ContinueStatement:
                    irExits++;
                    break;
            }
        }
        if (irExits != sourceExits)
            return null;   // an exit inside a statement the IR left out: the guards would be wrong
        if (parameters.Any(p => p.Kind == ParameterKind.Index && untrusted.Contains(p.Name)))
            return null;
        foreach (var pair in sourceWrites)
        {
            if (!irWrites.TryGetValue(pair.Key, out int seen) || seen < pair.Value)
            {
                foreach (var local in sourceNames.Where(l => l.Value == pair.Key))
                    untrusted.Add(local.Key);
            }
        }
        return new AccessAnalysisInput(dimensions, parameters, read.Body, untrusted.ToImmutable());
    }

    /// <summary>Where a diagnostic about an access goes: the element access (or the shared target) itself, not the whole statement.</summary>
    public static Location Locate(AccessSite site, BodyReadResult read, Location fallback)
    {
        if (!read.Locations.TryGetValue(site.Node.Id, out Location? location))
            return fallback;
        if (location.SourceTree?.GetRoot().FindNode(location.SourceSpan, getInnermostNodeForTie: true) is not { } node)
            return location;
        SyntaxNode? target = node switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left,
            PostfixUnaryExpressionSyntax postfix => postfix.Operand,
            PrefixUnaryExpressionSyntax prefix => prefix.Operand,
            _ => null,
        };
        return target?.GetLocation() ?? location;
    }

    private static void Count(Dictionary<string, int> counts, string name) => counts[name] = counts.TryGetValue(name, out int n) ? n + 1 : 1;

    private static int DeclaredDimensions(IMethodSymbol method)
    {
        AttributeData? attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == KernelModelBuilder.AttributeName);
        int dimensions = 1;
        foreach (KeyValuePair<string, TypedConstant> argument in attribute?.NamedArguments ?? ImmutableArray<KeyValuePair<string, TypedConstant>>.Empty)
        {
            if (argument.Key == "Dimensions" && argument.Value.Value is int d)
                dimensions = d;
        }
        return System.Math.Max(1, System.Math.Min(dimensions, System.Math.Min(3, method.Parameters.Length)));
    }

    /// <summary>The parameters as the model builder classifies them, for kernels that have no model.</summary>
    private static ImmutableArray<KernelParameter> Parameters(IMethodSymbol method, int dimensions)
    {
        var parameters = ImmutableArray.CreateBuilder<KernelParameter>();
        for (int p = 0; p < method.Parameters.Length; p++)
        {
            IParameterSymbol parameter = method.Parameters[p];
            if (p < dimensions)
            {
                parameters.Add(new KernelParameter(parameter.Name, ParameterKind.Index, ScalarKind.Int32, ParameterRefKind.Value, p));
                continue;
            }
            if (parameter.Type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1, Name: "Span" or "ReadOnlySpan" } span
                && ScalarKindFacts.FromType(span.TypeArguments[0]) is { } element)
            {
                parameters.Add(new KernelParameter(parameter.Name, span.Name == "Span" ? ParameterKind.Span : ParameterKind.ReadOnlySpan, element, ParameterRefKind.Value, -1));
                continue;
            }
            if (ScalarKindFacts.FromType(parameter.Type) is { } scalar)
                parameters.Add(new KernelParameter(parameter.Name, ParameterKind.Uniform, scalar, parameter.RefKind == RefKind.None ? ParameterRefKind.Value : ParameterRefKind.Ref, -1));
        }
        return parameters.ToImmutable();
    }
}

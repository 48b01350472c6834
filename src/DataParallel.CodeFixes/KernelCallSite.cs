using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DataParallel.CodeFixes;

/// <summary>
/// A call of a kernel, or of an entry point the generator made for it, somewhere in the solution. Entry points keep
/// the kernel's parameter names and order: the <c>Range</c> overload has the same parameters with ranges for the
/// indices, the domain-inferred overload drops the indices. So an argument can be matched to the kernel parameter it
/// stands for — by name when named, else by position — which is what fixes that change a kernel's signature need to
/// update its callers.
/// </summary>
/// <param name="Document">The document the call is in.</param>
/// <param name="Invocation">The call.</param>
/// <param name="IndicesDropped">The call passes no index arguments (the domain-inferred overload).</param>
internal sealed record KernelCallSite(Document Document, InvocationExpressionSyntax Invocation, bool IndicesDropped)
{
    /// <summary>Every call of <paramref name="kernel"/> or its entry points, in every document of the solution.</summary>
    public static async Task<ImmutableArray<KernelCallSite>> FindAsync(Solution solution, IMethodSymbol kernel, CancellationToken cancellationToken)
    {
        string containingType = kernel.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        int dimensions = Dimensions(kernel);
        var sites = ImmutableArray.CreateBuilder<KernelCallSite>();
        foreach (Document document in solution.Projects.SelectMany(p => p.Documents))
        {
            if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
                continue;
            var candidates = root.DescendantNodes().OfType<InvocationExpressionSyntax>().Where(i => InvokedName(i) == kernel.Name).ToList();
            if (candidates.Count == 0 || await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false) is not { } model)
                continue;
            foreach (InvocationExpressionSyntax invocation in candidates)
            {
                SymbolInfo info = model.GetSymbolInfo(invocation, cancellationToken);
                bool ours = (info.Symbol is null ? info.CandidateSymbols : ImmutableArray.Create(info.Symbol))
                    .OfType<IMethodSymbol>()
                    .Any(m => m.Name == kernel.Name && m.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == containingType);
                if (!ours)
                    continue;
                int count = invocation.ArgumentList.Arguments.Count;
                if (count == kernel.Parameters.Length)
                    sites.Add(new KernelCallSite(document, invocation, false));
                else if (count == kernel.Parameters.Length - dimensions)
                    sites.Add(new KernelCallSite(document, invocation, true));
            }
        }
        return sites.ToImmutable();
    }

    /// <summary>The argument that stands for kernel parameter <paramref name="ordinal"/>, or null (an index the call does not pass).</summary>
    public ArgumentSyntax? ArgumentFor(IMethodSymbol kernel, int ordinal)
    {
        string name = kernel.Parameters[ordinal].Name;
        var arguments = Invocation.ArgumentList.Arguments;
        if (arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == name) is { } named)
            return named;
        int position = IndicesDropped ? ordinal - Dimensions(kernel) : ordinal;
        if (position < 0 || position >= arguments.Count || arguments.Take(position + 1).Any(a => a.NameColon is not null))
            return null;
        return arguments[position];
    }

    public static int Dimensions(IMethodSymbol kernel)
    {
        foreach (AttributeData attribute in kernel.GetAttributes().Where(a => a.AttributeClass?.ToDisplayString() == "DataParallel.ParallelAttribute"))
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                if (argument.Key == "Dimensions" && argument.Value.Value is int d)
                    return Math.Max(1, Math.Min(3, d));
            }
        }
        return 1;
    }

    private static string? InvokedName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        _ => null,
    };
}

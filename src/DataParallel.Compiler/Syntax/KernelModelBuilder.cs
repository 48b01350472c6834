using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Diagnostics;
using DataParallel.Compiler.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DataParallel.Compiler.Syntax;

/// <summary>
/// Turns a <c>[Parallel]</c> method into a <see cref="KernelModel"/>, checking the kernel's shape (DP0xxx) and its
/// body (DP3002). The analyzers report what it finds while the user types; the generator builds the same model and
/// generates only for kernels without errors, so the two never disagree.
/// </summary>
internal static class KernelModelBuilder
{
    public const string AttributeName = "DataParallel.ParallelAttribute";

    public static KernelBuildResult Build(IMethodSymbol method, IOperation? body, CancellationToken cancellationToken)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        Location nameLocation = method.Locations.FirstOrDefault() ?? Location.None;
        AttributeData? attribute = method.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == AttributeName);
        int dimensions = 1;
        ReductionKind reduce = ReductionKind.None;
        bool reduceDefined = true;
        bool fastMath = false;
        if (attribute is not null)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
            {
                switch (argument.Key)
                {
                    case "Dimensions" when argument.Value.Value is int d:
                        dimensions = d;
                        break;
                    case "Reduce" when argument.Value.Value is int r:
                        reduceDefined = ReductionKindFacts.FromValue(r) is not null;
                        reduce = ReductionKindFacts.FromValue(r) ?? ReductionKind.None;
                        break;
                    case "FastMath" when argument.Value.Value is bool f:
                        fastMath = f;
                        break;
                }
            }
        }

        if (!method.IsStatic)
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.KernelNotStatic, nameLocation, method.Name));
        if (method.IsGenericMethod)
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.GenericKernel, nameLocation, method.Name, "has type parameters"));

        var containingTypes = new List<ContainingType>();
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsGenericType)
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.GenericKernel, nameLocation, method.Name, $"is in generic type '{type.Name}'"));
            if (!IsPartial(type, cancellationToken))
            {
                Location typeLocation = type.Locations.FirstOrDefault(l => l.IsInSource) ?? nameLocation;
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.TypeNotPartial, typeLocation, type.Name, method.Name));
            }
            containingTypes.Insert(0, new ContainingType(TypeKeyword(type), type.Name));
        }

        if (dimensions is < 1 or > 3 || method.Parameters.Length < dimensions)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidDimensions, nameLocation, method.Name, dimensions));
            dimensions = System.Math.Max(1, System.Math.Min(dimensions, System.Math.Min(3, method.Parameters.Length)));
        }

        var parameters = ImmutableArray.CreateBuilder<KernelParameter>();
        for (int p = 0; p < method.Parameters.Length; p++)
        {
            IParameterSymbol parameter = method.Parameters[p];
            Location location = parameter.Locations.FirstOrDefault() ?? nameLocation;
            if (p < dimensions)
            {
                if (parameter.Type.SpecialType != SpecialType.System_Int32 || parameter.RefKind != RefKind.None)
                    diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.IndexNotInt, location, parameter.Name, method.Name, p + 1, dimensions,
                        (parameter.RefKind == RefKind.None ? "" : parameter.RefKind.ToString().ToLowerInvariant() + " ") + parameter.Type.ToDisplayString()));
                parameters.Add(new KernelParameter(parameter.Name, ParameterKind.Index, ScalarKind.Int32, ParameterRefKind.Value, p));
                continue;
            }
            if (ClassifyData(parameter, out KernelParameter? data, out string? problem))
            {
                parameters.Add(data!);
                continue;
            }
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.UnsupportedParameter, location, parameter.Name, method.Name, parameter.Type.ToDisplayString(), problem));
            if (data is not null)
                parameters.Add(data);   // no model, but the body is still read: the race analyzer names what the out parameter's writes race with
        }

        ScalarKind? returnType = null;
        if (!method.ReturnsVoid)
        {
            returnType = ScalarKindFacts.FromType(method.ReturnType);
            if (reduce == ReductionKind.None && reduceDefined)
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.MissingReduce, nameLocation, method.Name, method.ReturnType.ToDisplayString()));
            else if (ReductionProblem(method, returnType, reduce, reduceDefined) is { } problem)
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidReduce, nameLocation, method.Name, problem));
        }
        else if (reduce != ReductionKind.None || !reduceDefined)
        {
            diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.InvalidReduce, nameLocation, method.Name,
                !reduceDefined ? "Reduce is not a defined Reduction" : $"Reduce = Reduction.{reduce} needs the kernel to return the value to combine, but it returns void"));
        }

        BodyReadResult? read = null;
        // Half-typed code can repeat or omit parameter names; it does not compile, so there is no body to read.
        bool namesUsable = parameters.All(p => p.Name.Length > 0) && parameters.Select(p => p.Name).Distinct().Count() == parameters.Count;
        if (body is not null && parameters.Count == method.Parameters.Length && namesUsable)
        {
            var byName = parameters.ToDictionary(p => p.Name);
            read = KernelBodyReader.Read(method, body, byName, cancellationToken);
            diagnostics.AddRange(read.Errors);
        }

        KernelModel? model = null;
        bool hasErrors = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
        if (!hasErrors && read is { HasInvalidCode: false })
        {
            model = new KernelModel(
                method.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
                containingTypes.ToEquatableArray(),
                method.Name,
                Accessibility(method.DeclaredAccessibility),
                dimensions,
                parameters.ToImmutable().ToEquatableArray(),
                returnType,
                reduce,
                fastMath,
                read.Body,
                read.Unlowered?.Description)
            {
                AssignedSpanParameters = read.AssignedSpanParameters,
                HidesSpanAccesses = read.HidesSpanAccesses,
            };
            if (EntryPointCollision(method, model) is { } collision)
            {
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.EntryPointCollision, nameLocation, collision, method.Name));
                model = null;
            }
        }
        return new KernelBuildResult(model, diagnostics.ToImmutable(), read);
    }

    private static bool ClassifyData(IParameterSymbol parameter, out KernelParameter? data, out string? problem)
    {
        data = null;
        problem = null;
        ITypeSymbol type = parameter.Type;
        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named
            && named.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true }
            && named.Name is "Span" or "ReadOnlySpan")
        {
            if (ScalarKindFacts.FromType(named.TypeArguments[0]) is not { } element)
            {
                problem = $"its elements are '{named.TypeArguments[0].ToDisplayString()}', not an unmanaged scalar";
                return false;
            }
            if (parameter.RefKind != RefKind.None)
            {
                problem = "spans are passed by value";
                return false;
            }
            data = new KernelParameter(parameter.Name, named.Name == "Span" ? ParameterKind.Span : ParameterKind.ReadOnlySpan, element, ParameterRefKind.Value, -1);
            return true;
        }
        if (ScalarKindFacts.FromType(type) is { } scalar)
        {
            if (parameter.RefKind == RefKind.Out)
            {
                problem = "an out parameter would be written by every index at once";
                data = new KernelParameter(parameter.Name, ParameterKind.Uniform, scalar, ParameterRefKind.Out, -1);
                return false;
            }
            ParameterRefKind refKind = parameter.RefKind switch
            {
                RefKind.None => ParameterRefKind.Value,
                RefKind.In => ParameterRefKind.In,
                RefKind.Ref => ParameterRefKind.Ref,
                RefKind.RefReadOnlyParameter => ParameterRefKind.RefReadOnly,
                _ => throw new System.ArgumentOutOfRangeException(nameof(parameter), parameter.RefKind, "out parameters are handled above"),
            };
            data = new KernelParameter(parameter.Name, ParameterKind.Uniform, scalar, refKind, -1);
            return true;
        }
        problem = type is IArrayTypeSymbol ? "arrays are passed as Span<T> or ReadOnlySpan<T>" : "it is neither an unmanaged scalar nor a span of one";
        return false;
    }

    private static string? ReductionProblem(IMethodSymbol method, ScalarKind? type, ReductionKind reduce, bool reduceDefined)
    {
        if (!reduceDefined)
            return "Reduce is not a defined Reduction";
        if (method.ReturnsByRef || method.ReturnsByRefReadonly)
            return "a reduction kernel returns its value by value, not by ref";
        if (type is null or ScalarKind.Half)
            return $"Reduce = Reduction.{reduce} needs a numeric return type, not '{method.ReturnType.ToDisplayString()}'";
        if (type == ScalarKind.Boolean)
            return $"Reduce = Reduction.{reduce} cannot combine bool values; return an integer";
        if (reduce.IsBitwise() && !type.Value.IsInteger())
            return $"Reduce = Reduction.{reduce} is bitwise and needs an integer return type, not '{type.Value.DisplayName()}'";
        return null;
    }

    /// <summary>Whether some declaration of <paramref name="type"/> says <c>partial</c>.</summary>
    public static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (SyntaxReference reference in type.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration && declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
                return true;
        }
        return false;
    }

    private static string TypeKeyword(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, IsValueType: true } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    private static string Accessibility(Accessibility accessibility) => accessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    /// <summary>The analyzers also see the generator's output; its own entry points are no collision.</summary>
    private static bool IsOurEntryPoint(IMethodSymbol method)
        => method.GetAttributes().Any(a => a.AttributeClass?.Name == "GeneratedCodeAttribute"
            && a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0].Value as string == "DataParallel.Generators");

    /// <summary>Finds a user member with the signature of a generated entry point.</summary>
    private static string? EntryPointCollision(IMethodSymbol method, KernelModel model)
    {
        var uniforms = model.Parameters.Where(p => p.Kind != ParameterKind.Index).Select(p => p.TypeSyntax).ToList();
        var signatures = new List<List<string>> { Enumerable.Repeat("global::System.Range", model.Dimensions).Concat(uniforms).ToList() };
        if (DomainInference.Infer(model).HasInferredOverload)
            signatures.Add(uniforms);
        foreach (ISymbol member in method.ContainingType.GetMembers(method.Name))
        {
            if (member is not IMethodSymbol other || SymbolEqualityComparer.Default.Equals(other, method) || IsOurEntryPoint(other))
                continue;
            var types = other.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).ToList();
            foreach (List<string> signature in signatures)
            {
                if (types.SequenceEqual(signature))
                    return $"{method.Name}({string.Join(", ", signature.Select(s => s.Replace("global::System.", "")))})";
            }
        }
        return null;
    }
}

/// <summary>What <see cref="KernelModelBuilder"/> produced: a model when the kernel has no errors, and every diagnostic.</summary>
internal sealed record KernelBuildResult(KernelModel? Model, ImmutableArray<Diagnostic> Diagnostics, BodyReadResult? Body);

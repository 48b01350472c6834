using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Planning;
using DataParallel.Generators.Emit;

namespace DataParallel.Generators;

/// <summary>
/// The generator's heavy step: access analysis, plan and emission of one kernel, from its value-equatable model.
/// A failure is contained here (the user's build goes on without that kernel's SIMD path, or without the kernel)
/// and returned as data, for the diagnostics step to place in source.
/// </summary>
internal static class KernelLowering
{
    public static LoweredKernel Lower(KernelModel kernel, NamespaceAliases aliases, CancellationToken cancellationToken)
    {
        var failures = new List<LoweringFailure>();
        string hintName = HintName(kernel, CpuKernelPlan.RunnerNameOf(kernel));
        // The kernel's accesses, collected once for both the entry checks and the SIMD plan.
        KernelAccesses? accesses;
        EquatableArray<RuntimeRequirement> requirements;
        EquatableArray<SpanOverlapCheck> overlaps;
        try
        {
            accesses = KernelAccessAnalysis.Collect(kernel);
            // The analyzers stay silent about races that only some calls have; the entry point must then refuse those calls.
            (requirements, overlaps) = KernelAccessAnalysis.EntryChecks(accesses);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(e, simdOnly: false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            CpuKernelPlan plan = CpuKernelPlan.Create(kernel, accesses, requirements, overlaps);
            return new LoweredKernel(kernel.Key, hintName, KernelSourceEmitter.Emit(plan, aliases), EquatableArray<LoweringFailure>.Empty);
        }
        catch (Exception simdFailure) when (simdFailure is not OperationCanceledException)
        {
            // A bug in the SIMD lowering must not cost the user their build: the scalar path is always correct.
            failures.Add(Failure(simdFailure, simdOnly: true));
        }
        try
        {
            CpuKernelPlan plan = CpuKernelPlan.Create(kernel, accesses, requirements, overlaps, scalarOnly: true);
            return new LoweredKernel(kernel.Key, hintName, KernelSourceEmitter.Emit(plan, aliases), failures.ToEquatableArray());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failures.Add(Failure(e, simdOnly: false));
            return new LoweredKernel(kernel.Key, hintName, null, failures.ToEquatableArray());
        }

        LoweredKernel Failed(Exception e, bool simdOnly)
            => new(kernel.Key, hintName, null, new[] { Failure(e, simdOnly) }.ToEquatableArray());

        LoweringFailure Failure(Exception e, bool simdOnly) => new(kernel.Key, kernel.Name, simdOnly, Describe(e));
    }

    /// <summary>
    /// A generated file's name: the kernel's namespace and types, then <paramref name="generatedType"/> (the CPU runner
    /// or the GPU launcher), unique per kernel because overloads differ in its signature hash.
    /// </summary>
    public static string HintName(KernelModel kernel, string generatedType)
    {
        string types = string.Join(".", kernel.ContainingTypes.Select(t => t.Name));
        return $"{(kernel.Namespace is null ? "" : kernel.Namespace + ".")}{types}.{generatedType.TrimStart('_')}.g.cs";
    }

    public static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";
}

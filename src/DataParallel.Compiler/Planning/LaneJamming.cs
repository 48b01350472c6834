using System.Collections.Generic;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Planning;

/// <summary>
/// Unroll and jam across lanes: the chunk body computes several vectors of lanes side by side, their uniform loops
/// shared. A per-lane sum carried around a long uniform loop (a matrix product's dot product) is one chain of
/// dependent additions, so the loop runs at the adder's latency, not its throughput; independent copies of the chain
/// fill the gap. Every lane still computes exactly what it did — only the order of independent lanes' work changes.
/// </summary>
internal static class LaneJamming
{
    /// <summary>The most copies: four chains cover the latency of a floating-point add at two per cycle.</summary>
    public const int MaxCopies = 4;

    /// <summary>
    /// Copies for a body without loops: nothing is carried, but two vectors per trip halve the loop's own
    /// instructions (compare, branch, index step), which a short body like SAXPY's spends a third of its time on
    /// while its data sit in L1.
    /// </summary>
    public const int StraightLineCopies = 2;

    /// <summary>
    /// Copies for a body with a loop whose lanes leave at different times (an escape-time iteration): each copy's
    /// chain of dependent multiplies runs beside the other's; the loop runs until both copies' lanes are done.
    /// </summary>
    public const int VaryingLoopCopies = 2;

    /// <summary>Vector registers the copies' long-lived values may take (AVX2 has 16; temporaries need the rest).</summary>
    private const int RegisterBudget = 8;

    /// <summary>
    /// How many vectors one step of the main loop computes: 1 (no jamming) where the body has per-lane control flow
    /// (masks) or a return; else <see cref="StraightLineCopies"/> for a body without loops, up to
    /// <see cref="MaxCopies"/> where a uniform loop carries a per-lane value, and 1 for other loops; fewer copies the
    /// more per-lane values live across the body, so that the copies' values stay in registers.
    /// </summary>
    public static int Copies(KernelModel kernel, SimdPlan plan)
    {
        var statements = KernelWalker.Statements(kernel.Body).ToList();
        var varyingLoops = kernel.Body.Statements.OfType<LoopStatement>().Where(plan.Lanes.IsVarying).ToList();
        // Inside a top-level varying loop every copy writes the whole body under its own masks, so per-lane ifs
        // and exits there are the copy's own; anywhere else the copies share control flow, which must be uniform.
        var ownedByCopies = new HashSet<int>(varyingLoops.SelectMany(loop => KernelWalker.Statements(loop.Body)).Select(s => s.Id));
        if (statements.Any(s => s is ReturnStatement or SharedWriteStatement
                || (s is IfStatement branch && plan.Lanes.Classify(branch.Condition) == LaneClass.Varying && !ownedByCopies.Contains(s.Id))
                || (s is LoopStatement loop && plan.Lanes.IsVarying(loop) && !varyingLoops.Any(top => top.Id == loop.Id))
                || (s is LoopStatement header && !plan.Lanes.IsVarying(header) && !HeaderIsUniform(header, plan))))
            return 1;
        // Each copy declares what the varying loop declares: a uniform local there would be declared once per copy.
        if (varyingLoops.Any(loop => loop.Initializers.Concat(KernelWalker.Statements(loop.Body)).OfType<DeclareLocalStatement>()
                .Any(d => plan.Lanes.ClassifyLocal(d.Name) == LaneClass.Uniform)
                || KernelWalker.Statements(loop.Body).OfType<LoopStatement>().Any()))
            return 1;
        var inLoops = statements.OfType<LoopStatement>()
            .SelectMany(loop => loop.Initializers.Concat(loop.Increments).Concat(KernelWalker.Statements(loop.Body)))
            .ToList();
        int live = statements.OfType<DeclareLocalStatement>().Count(d => plan.Lanes.ClassifyLocal(d.Name) == LaneClass.Varying)
            - inLoops.OfType<DeclareLocalStatement>().Count(d => plan.Lanes.ClassifyLocal(d.Name) == LaneClass.Varying);
        int fit = System.Math.Max(RegisterBudget / System.Math.Max(live, 1), 1);
        if (!statements.OfType<LoopStatement>().Any())
            return System.Math.Min(fit, StraightLineCopies);
        if (varyingLoops.Count > 0)
            return System.Math.Min(fit, VaryingLoopCopies);
        bool carried = inLoops.OfType<AssignLocalStatement>().Any(a => plan.Lanes.ClassifyLocal(a.Name) == LaneClass.Varying);
        return carried ? System.Math.Min(fit, MaxCopies) : 1;
    }

    /// <summary>
    /// Whether the loop's header declares and updates uniform locals only. The copies share the header, written
    /// once; a per-lane variable there (<c>for (int t = 0, u = x[i]; t &lt; n; t++, u += 3)</c>) would need a header
    /// per copy, so such a loop is not jammed.
    /// </summary>
    private static bool HeaderIsUniform(LoopStatement loop, SimdPlan plan)
        => loop.Initializers.Concat(loop.Increments).All(statement => statement switch
        {
            DeclareLocalStatement declare => plan.Lanes.ClassifyLocal(declare.Name) == LaneClass.Uniform,
            AssignLocalStatement assign => plan.Lanes.ClassifyLocal(assign.Name) == LaneClass.Uniform,
            _ => false,
        });
}

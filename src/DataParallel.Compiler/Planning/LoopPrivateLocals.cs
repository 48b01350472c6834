using System.Collections.Generic;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Planning;

/// <summary>
/// The varying locals of a varying loop that its masked assignments may overwrite in every lane, without a blend.
/// </summary>
/// <remarks>
/// <para>
/// Under a varying loop's mask, a lane outside the mask has left the loop for good (a <c>break</c>, a
/// <c>return</c>, the condition turning false, or it never entered): no <c>continue</c> keeps it in the loop while
/// it sits out an iteration. If the kernel never reads a local after the loop, such a lane's value of it is never
/// looked at again, so the assignment can compute it for all lanes and skip the blend that would keep the old value
/// — the blend sits on the loop-carried dependency chain of escape-time loops like Mandelbrot's.
/// </para>
/// <para>
/// The lanes that left then carry values the scalar kernel never computes. Those may only flow into arithmetic
/// that cannot fault and whose results are again masked (stores, returns, blends, the loop's own condition); a
/// local qualifies only if no such value can reach an address, a division, a checked operation or a lane-by-lane
/// call — otherwise the loop keeps every blend.
/// </para>
/// </remarks>
internal static class LoopPrivateLocals
{
    /// <summary>
    /// The locals of <paramref name="loop"/> (a varying loop somewhere in <paramref name="body"/>) whose assignments
    /// made under exactly the loop's mask need no blend; empty if the loop does not qualify.
    /// </summary>
    public static IReadOnlyCollection<string> Find(BlockStatement body, LoopStatement loop, LaneClassifier lanes)
    {
        if (FindAncestors(body, loop) is not { } ancestors || ContainsOwnContinue(loop.Body))
            return [];

        var assignedInLoop = new HashSet<string>(KernelWalker.Statements(loop).OfType<AssignLocalStatement>().Select(a => a.Name));
        var declaredInLoop = new HashSet<string>(KernelWalker.Statements(loop).OfType<DeclareLocalStatement>().Select(d => d.Name));
        var readAfter = ReadsAfter(body, loop);

        var candidates = new HashSet<string>();
        foreach (string name in assignedInLoop)
        {
            if (lanes.ClassifyLocal(name) != LaneClass.Varying || readAfter.Contains(name))
                continue;
            if (declaredInLoop.Contains(name) || DeclaredWithoutLoopBetween(ancestors, name))
                candidates.Add(name);
        }
        if (candidates.Count == 0)
            return [];

        // Values computed from the left lanes' garbage: the candidates, and whatever the loop declares from them
        // (a declaration never blends).
        var tainted = new HashSet<string>(candidates);
        bool grew = true;
        while (grew)
        {
            grew = false;
            foreach (KernelStatement statement in KernelWalker.Statements(loop))
            {
                if (statement is DeclareLocalStatement { Initializer: { } init } declare && !tainted.Contains(declare.Name) && Reads(init, tainted))
                    grew = tainted.Add(declare.Name) | grew;
            }
        }

        foreach (KernelStatement statement in KernelWalker.Statements(loop))
        {
            if (statement is StoreStatement store && Reads(store.Index, tainted))
                return [];
            foreach (KernelExpression expression in KernelWalker.OwnExpressions(statement))
            {
                if (!IsHarmless(expression, tainted))
                    return [];
            }
        }
        return candidates;
    }

    /// <summary>The statements enclosing <paramref name="target"/>, outermost first; null if it is not in <paramref name="root"/>.</summary>
    private static List<KernelStatement>? FindAncestors(KernelStatement root, KernelStatement target)
    {
        if (root.Id == target.Id)
            return [];
        IEnumerable<KernelStatement> children = root switch
        {
            BlockStatement block => block.Statements,
            IfStatement branch => branch.Else is null ? [branch.Then] : [branch.Then, branch.Else],
            LoopStatement loop => loop.Initializers.Concat(loop.Increments).Append(loop.Body),
            _ => [],
        };
        foreach (KernelStatement child in children)
        {
            if (FindAncestors(child, target) is { } path)
            {
                path.Insert(0, root);
                return path;
            }
        }
        return null;
    }

    /// <summary>A <c>continue</c> of this loop (not of a loop nested in it).</summary>
    private static bool ContainsOwnContinue(KernelStatement statement) => statement switch
    {
        ContinueStatement => true,
        BlockStatement block => block.Statements.Any(ContainsOwnContinue),
        IfStatement branch => ContainsOwnContinue(branch.Then) || (branch.Else is not null && ContainsOwnContinue(branch.Else)),
        _ => false,
    };

    /// <summary>
    /// The local is declared in a block enclosing the loop with no other loop in between: each execution of the
    /// loop starts from a fresh declaration, never from values a previous execution left behind.
    /// </summary>
    private static bool DeclaredWithoutLoopBetween(List<KernelStatement> ancestors, string name)
    {
        for (int i = ancestors.Count - 1; i >= 0; i--)
        {
            switch (ancestors[i])
            {
                case BlockStatement block when block.Statements.Any(s => s is DeclareLocalStatement d && d.Name == name):
                    return true;
                case LoopStatement:
                    return false;
            }
        }
        return false;
    }

    /// <summary>Locals read anywhere textually after <paramref name="loop"/> (conservatively: any later statement).</summary>
    private static HashSet<string> ReadsAfter(BlockStatement body, LoopStatement loop)
    {
        var reads = new HashSet<string>();
        bool after = false;
        void Visit(KernelStatement statement)
        {
            if (statement.Id == loop.Id)
            {
                after = true;
                return;
            }
            if (after)
            {
                foreach (KernelExpression expression in KernelWalker.OwnExpressions(statement).SelectMany(KernelWalker.Expressions))
                {
                    if (expression is LocalExpression local)
                        reads.Add(local.Name);
                }
            }
            switch (statement)
            {
                case BlockStatement block:
                    foreach (KernelStatement child in block.Statements)
                        Visit(child);
                    break;
                case IfStatement branch:
                    Visit(branch.Then);
                    if (branch.Else is not null)
                        Visit(branch.Else);
                    break;
                case LoopStatement enclosing:
                    foreach (KernelStatement child in enclosing.Initializers)
                        Visit(child);
                    Visit(enclosing.Body);
                    foreach (KernelStatement child in enclosing.Increments)
                        Visit(child);
                    break;
            }
        }
        Visit(body);
        return reads;
    }

    private static bool Reads(KernelExpression expression, HashSet<string> names)
        => KernelWalker.Expressions(expression).Any(e => e is LocalExpression local && names.Contains(local.Name));

    /// <summary>
    /// Whether the expression computes on the tainted locals only with operations that cannot fault and read no
    /// memory at addresses derived from them.
    /// </summary>
    private static bool IsHarmless(KernelExpression expression, HashSet<string> tainted)
    {
        if (!Reads(expression, tainted))
            return true;
        bool operationHarmless = expression switch
        {
            LocalExpression or ConstantExpression or IndexExpression or UniformExpression or SpanLengthExpression or StaticFieldExpression => true,
            LoadExpression => false,
            UnaryExpression unary => !unary.Checked,
            BinaryExpression { Operator: BinaryOperator.Divide or BinaryOperator.Remainder } division => !division.Checked && !division.Type.LaneType()!.Value.IsInteger(),
            BinaryExpression binary => !binary.Checked,
            ConvertExpression convert => !convert.Checked,
            ConditionalExpression => true,
            MathCallExpression call => VectorMath.IsSupported(call),
            _ => false,
        };
        return operationHarmless && KernelWalker.Children(expression).All(child => IsHarmless(child, tainted));
    }
}

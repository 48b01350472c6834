using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;

namespace DataParallel.Generators.Tests.RandomKernels;

/// <summary>
/// Shrinks a failing random kernel to a smaller one that still fails: each round builds every one-step
/// simplification (drop a statement, keep one branch of an if, drop a loop, replace an expression by a
/// same-typed sub-expression or a plain load), compiles them all in one batch (one compilation per round rather
/// than per candidate, which is why this is not FsCheck's own shrinking), and keeps the smallest that still
/// disagrees with its scalar kernel.
/// </summary>
internal static class KernelShrinker
{
    private const int CandidatesPerRound = 120;

    public static (KernelFailure Failure, CompiledBatch? Batch, int Rounds) Shrink(KernelFailure failure, TimeSpan budget)
    {
        var clock = Stopwatch.StartNew();
        KernelFailure current = failure;
        CompiledBatch? currentBatch = null;
        int rounds = 0;
        while (clock.Elapsed < budget)
        {
            string currentText = current.Kernel.Render();
            List<RandomKernel> candidates = Candidates(current.Kernel)
                .Select(body => current.Kernel with { Body = body })
                .DistinctBy(k => k.Render())
                .Where(k => k.Render().Length < currentText.Length)
                .OrderBy(k => k.Render().Length)
                .Take(CandidatesPerRound)
                .Select((k, index) => k with { Name = $"S{index}" })
                .ToList();
            if (candidates.Count == 0)
                break;

            CompiledBatch batch;
            try
            {
                batch = CompiledBatch.Compile(candidates, dropRejected: true, out Dictionary<string, string> rejected);
                candidates.RemoveAll(k => rejected.ContainsKey(k.Name));
            }
            catch (Exception)
            {
                break;
            }

            KernelFailure? next = null;
            foreach (RandomKernel candidate in candidates)
            {
                next = KernelChecker.Check(batch, candidate, [current.Shape], _ => [current.Configuration]);
                if (next is not null && !next.Detail.Contains("SCALAR kernel threw", StringComparison.Ordinal))
                    break;
                next = null;
            }
            if (next is null)
                break;
            current = next;
            currentBatch = batch;
            rounds++;
        }
        return (current, currentBatch, rounds);
    }

    /// <summary>Every one-step simplification of the kernel's body (some will not compile; the batch drops those).</summary>
    private static IEnumerable<ImmutableArray<Stmt>> Candidates(RandomKernel kernel) => Block(kernel.Body, topLevel: true, kernel);

    private static IEnumerable<ImmutableArray<Stmt>> Block(ImmutableArray<Stmt> block, bool topLevel, RandomKernel kernel)
    {
        for (int s = 0; s < block.Length; s++)
        {
            bool final = topLevel && s == block.Length - 1;
            if (!final)
                yield return block.RemoveAt(s);
        }
        for (int s = 0; s < block.Length; s++)
        {
            Stmt statement = block[s];
            switch (statement)
            {
                case If branch:
                    yield return block.RemoveAt(s).InsertRange(s, branch.Then);
                    if (branch.Else is { } otherwise)
                    {
                        yield return block.RemoveAt(s).InsertRange(s, otherwise);
                        yield return block.SetItem(s, branch with { Else = null });
                        foreach (ImmutableArray<Stmt> smaller in Block(otherwise, false, kernel))
                            yield return block.SetItem(s, branch with { Else = smaller });
                    }
                    foreach (ImmutableArray<Stmt> smaller in Block(branch.Then, false, kernel))
                        yield return block.SetItem(s, branch with { Then = smaller });
                    foreach (Expr condition in Expression(branch.Condition, kernel))
                        yield return block.SetItem(s, branch with { Condition = condition });
                    break;
                case For loop:
                    foreach (ImmutableArray<Stmt> smaller in Block(loop.Body, false, kernel))
                        yield return block.SetItem(s, loop with { Body = smaller });
                    yield return block.SetItem(s, loop with { Bound = "1" });
                    break;
                case ForEach loop:
                    foreach (ImmutableArray<Stmt> smaller in Block(loop.Body, false, kernel))
                        yield return block.SetItem(s, loop with { Body = smaller });
                    yield return block.SetItem(s, loop with { Count = 1 });
                    break;
                case While loop:
                    foreach (ImmutableArray<Stmt> smaller in Block(loop.Body, false, kernel))
                        yield return block.SetItem(s, loop with { Body = smaller });
                    foreach (Expr condition in Expression(loop.Condition, kernel))
                        yield return block.SetItem(s, loop with { Condition = condition });
                    break;
                case Declare declare:
                    foreach (Expr value in Expression(declare.Value, kernel))
                        yield return block.SetItem(s, declare with { Value = value });
                    break;
                case Assign assign:
                    foreach (Expr value in Expression(assign.Value, kernel))
                        yield return block.SetItem(s, assign with { Value = value });
                    break;
                case TupleAssign tuple:
                    foreach (Expr value in Expression(tuple.FirstValue, kernel))
                        yield return block.SetItem(s, tuple with { FirstValue = value });
                    foreach (Expr value in Expression(tuple.SecondValue, kernel))
                        yield return block.SetItem(s, tuple with { SecondValue = value });
                    break;
                case Store store:
                    foreach (Expr value in Expression(store.Value, kernel))
                        yield return block.SetItem(s, store with { Value = value });
                    break;
                case Return { Value: { } returned } ret:
                    foreach (Expr value in Expression(returned, kernel))
                        yield return block.SetItem(s, ret with { Value = value });
                    break;
            }
        }
    }

    /// <summary>Simplifications of an expression: itself replaced, or one of its sub-expressions.</summary>
    private static IEnumerable<Expr> Expression(Expr expression, RandomKernel kernel)
    {
        if (expression is not (Lit or Name or Load))
        {
            foreach (Expr child in expression.Children)
            {
                if (child.Type == expression.Type && expression is not Promote)
                    yield return child;
            }
            foreach (Expr leaf in Leaves(expression.Type, kernel))
                yield return leaf;
        }
        ImmutableArray<Expr> children = expression.Children.ToImmutableArray();
        for (int c = 0; c < children.Length; c++)
        {
            foreach (Expr smaller in Expression(children[c], kernel))
                yield return WithChildren(expression, children.SetItem(c, smaller));
        }
    }

    private static IEnumerable<Expr> Leaves(Ty type, RandomKernel kernel)
    {
        if (type == Ty.Bool)
        {
            yield return new Binary(Ty.Bool, "<", new Load(Ty.Float, "xf", kernel.Flat), new Lit(Ty.Float, "0f"));
            yield break;
        }
        yield return new Load(type, type.Span(), kernel.Flat);
        yield return new Lit(type, type switch
        {
            Ty.Float => "1f",
            Ty.Double => "1d",
            Ty.Long => "1L",
            Ty.UInt => "1u",
            Ty.Short => "(short)1",
            Ty.Byte => "(byte)1",
            _ => "1",
        });
    }

    private static Expr WithChildren(Expr expression, ImmutableArray<Expr> children) => expression switch
    {
        Promote promote => promote with { Operand = children[0] },
        Unary unary => unary with { Operand = children[0] },
        Binary binary => binary with { Left = children[0], Right = children[1] },
        Cast cast => cast with { Operand = children[0] },
        Conditional conditional => conditional with { Condition = children[0], WhenTrue = children[1], WhenFalse = children[2] },
        Call call => call with { Arguments = children },
        GuardedDivision division => division with { Dividend = children[0], Divisor = children[1] },
        _ => expression,
    };
}

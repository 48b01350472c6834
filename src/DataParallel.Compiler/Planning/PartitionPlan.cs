using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Planning;

/// <summary>
/// How a kernel runs over partitioned arrays (docs/guides/partitions.md): which span parameters are cut along the
/// outermost index (<see cref="Partitioned"/>) and the accesses whose intervals give, for a partition's rows, the
/// window of each such span it reaches (<see cref="Windows"/>); every other span is passed whole to every
/// partition. Or why the kernel cannot be partitioned (<see cref="Blocker"/>, DP4001).
/// </summary>
/// <remarks>
/// A span is partitioned when every access to it is bounded by interval arithmetic (<see cref="AccessProof"/>) and
/// depends on the outermost index: the bounds of a partition's rows then bound what it reaches, and that window
/// is its block plus halo. A span read elsewhere (a weight vector, gravity's <c>x[j]</c>, a gather) is replicated.
/// A written span must be partitioned: the entry point checks that each partition writes only its own rows.
/// </remarks>
internal sealed class PartitionPlan
{
    private PartitionPlan(string? blocker, ImmutableArray<string> partitioned, ImmutableArray<string> written, ImmutableArray<ProvenAccess> windows)
    {
        Blocker = blocker;
        Partitioned = partitioned;
        Written = written;
        Windows = windows;
    }

    /// <summary>Why the kernel cannot run on partitioned arrays, or null when it can.</summary>
    public string? Blocker { get; }

    /// <summary>The span parameters cut along the outermost index, in parameter order.</summary>
    public ImmutableArray<string> Partitioned { get; }

    /// <summary>The span parameters the kernel stores to.</summary>
    public ImmutableArray<string> Written { get; }

    /// <summary>Every access to a partitioned span, with the interval of the elements it reaches.</summary>
    public ImmutableArray<ProvenAccess> Windows { get; }

    /// <summary>Whether the partitioned entry points take <paramref name="parameter"/> as a <c>PartitionedArray&lt;T&gt;</c>.</summary>
    public bool IsPartitioned(KernelParameter parameter)
        => parameter.IsSpan && (Blocker is null ? Partitioned.Contains(parameter.Name) : true);

    /// <summary>
    /// <see cref="Create"/>, with a failure of this planning contained: the kernel keeps its other entry points and its
    /// SIMD path, and only its partitioned entry points refuse to run.
    /// </summary>
    public static PartitionPlan Contained(KernelModel kernel, IndexRanges ranges)
    {
        try
        {
            return Create(kernel, ranges);
        }
        catch (System.Exception e) when (e is not System.OperationCanceledException)
        {
            return Blocked($"planning its partitions failed ({e.GetType().Name}: {e.Message}); please report this", ImmutableArray<string>.Empty);
        }
    }

    public static PartitionPlan Create(KernelModel kernel, IndexRanges ranges)
    {
        var spans = kernel.Parameters.Where(p => p.IsSpan).Select(p => p.Name).ToList();
        var written = new HashSet<string>();
        var nodes = spans.ToDictionary(s => s, _ => new List<int>());
        string? blocker = null;
        foreach (KernelNode node in KernelWalker.Nodes(kernel.Body))
        {
            (string? span, string? display) = node switch
            {
                LoadExpression load => (load.Span, load.Display),
                StoreStatement store => (store.Span, store.Display),
                _ => (null, null),
            };
            if (node is SharedWriteStatement shared)
                blocker ??= $"it writes shared state ({shared.Display}), which partitions do not share";
            if (span is null)
                continue;
            if (!nodes.TryGetValue(span, out List<int>? ids))
            {
                blocker ??= $"it reaches '{span}' ({display}) through a span local the partitioned entry point cannot follow";
                continue;
            }
            ids.Add(node.Id);
            if (node is StoreStatement)
                written.Add(span);
        }
        ImmutableArray<string> writtenSpans = spans.Where(written.Contains).ToImmutableArray();
        blocker ??= kernel switch
        {
            { ReturnType: not null } => "reductions across partitions are not supported yet",
            { AssignedSpanParameters.Count: > 0 } => $"it assigns the span parameter '{kernel.AssignedSpanParameters[0]}'",
            { HidesSpanAccesses: true } or { Unlowered: not null } => $"the access analysis cannot see everything {kernel.Unlowered ?? "its body"} does",
            _ => null,
        };
        if (blocker is not null)
            return Blocked(blocker, writtenSpans);

        ImmutableArray<ProvenAccess> proven = AccessProof.Collect(kernel, ranges, exactOnly: false).Where(p => p.IsAccess).ToImmutableArray();
        var partitioned = new List<string>();
        var windows = ImmutableArray.CreateBuilder<ProvenAccess>();
        foreach (string span in spans)
        {
            List<ProvenAccess> accesses = proven.Where(p => p.Span == span).ToList();
            bool covered = nodes[span].All(id => accesses.Any(p => p.NodeIds.Contains(id)));
            bool followsOuterIndex = accesses.Count > 0 && accesses.All(p => MentionsOuterIndex(p.Index, ranges, 0));
            if (covered && followsOuterIndex)
            {
                partitioned.Add(span);
                windows.AddRange(accesses);
            }
            else if (written.Contains(span))
            {
                return Blocked(covered
                    ? $"it writes '{span}' at elements that do not follow its outermost index, so no partition owns them"
                    : $"it writes '{span}' at elements the entry point cannot bound (a scatter through data, or an index it cannot follow)", writtenSpans);
            }
        }
        if (partitioned.Count == 0)
            return Blocked("no span is indexed by its outermost index, so there is nothing to cut", writtenSpans);
        return new PartitionPlan(null, partitioned.ToImmutableArray(), writtenSpans, windows.ToImmutable());
    }

    private static PartitionPlan Blocked(string reason, ImmutableArray<string> written)
        => new(reason, ImmutableArray<string>.Empty, written, ImmutableArray<ProvenAccess>.Empty);

    /// <summary>Whether <paramref name="index"/> depends on the outermost index, directly or through the locals it reads.</summary>
    private static bool MentionsOuterIndex(KernelExpression index, IndexRanges ranges, int depth)
        => depth < 64 && KernelWalker.Expressions(index).Any(e => e switch
        {
            IndexExpression { Dimension: 0 } => true,
            LocalExpression local when ranges.Definitions.TryGetValue(local.Name, out KernelExpression? definition) => MentionsOuterIndex(definition, ranges, depth + 1),
            LocalExpression local when ranges.Loops.TryGetValue(local.Name, out LoopRange? loop) => MentionsOuterIndex(loop.First, ranges, depth + 1) || MentionsOuterIndex(loop.Last, ranges, depth + 1),
            _ => false,
        });
}

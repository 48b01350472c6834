using DataParallel.Analyzers.Analysis;
using DataParallel.Analyzers.Model;

namespace DataParallel.Generators;

/// <summary>
/// What the generator's first step makes of one <c>[Parallel]</c> method: a model to generate from, nothing (the
/// analyzers report its errors), or the exception the model builder threw — reported as DP3999, never rethrown,
/// since an exception escaping a generator silently drops all of its output. With the model come the
/// <see cref="RuntimeRequirement"/>s the shared access analysis found: the facts about a call that the kernel's race
/// freedom hinges on, and the pairs of spans it took to be different memory — both checked by the entry point before
/// running (DESIGN §5).
/// </summary>
internal sealed record KernelExtraction(
    KernelModel? Model,
    EquatableArray<RuntimeRequirement> Requirements,
    EquatableArray<SpanOverlapCheck> Overlaps,
    string? KernelName,
    string? Failure,
    LocationInfo? Location);

using DataParallel.Compiler.Model;

namespace DataParallel.Generators;

/// <summary>
/// What the generator's first step makes of one <c>[Parallel]</c> method: a model to generate from, nothing (the
/// analyzers report its errors), or the exception the model builder threw — reported as DP3999, never rethrown,
/// since an exception escaping a generator silently drops all of its output. <see cref="Location"/> rides beside the
/// model rather than in it, so the steps after this one compare models that a moved kernel leaves equal.
/// </summary>
/// <param name="Model">The kernel, when it has no errors.</param>
/// <param name="KernelName">The method's name, for a failure's message.</param>
/// <param name="Failure">What the model builder threw, or null.</param>
/// <param name="Location">Where the kernel's name is.</param>
internal sealed record KernelExtraction(
    KernelModel? Model,
    string KernelName,
    string? Failure,
    LocationInfo? Location);

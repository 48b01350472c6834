using DataParallel.Compiler.Model;
using DataParallel.Compiler.Syntax;

namespace DataParallel.Generators;

/// <summary>
/// What the generator's first step makes of one <c>[Parallel]</c> method: a model to generate from, nothing (the
/// analyzers report its errors), or the exception the model builder threw — reported as DP3999, never rethrown,
/// since an exception escaping a generator silently drops all of its output. The shared access analysis runs in
/// the output step (<c>ParallelGenerator.Generate</c>), once per kernel for both the entry checks and the SIMD plan:
/// its results are not value-equatable.
/// </summary>
internal sealed record KernelExtraction(
    KernelModel? Model,
    string? KernelName,
    string? Failure,
    LocationInfo? Location);

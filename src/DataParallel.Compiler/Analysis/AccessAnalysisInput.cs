using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// What the access analysis reads: the kernel's index count, parameters and body in the IR. The analyzers build it
/// even for kernels with shape errors (the IR of the body is still there), the generator from a
/// <see cref="KernelModel"/>.
/// </summary>
/// <param name="Dimensions">Number of index parameters.</param>
/// <param name="Parameters">All parameters, indices first.</param>
/// <param name="Body">The body.</param>
/// <param name="Untrusted">
/// Locals and parameters whose IR value cannot be trusted because source code the IR does not model assigns them
/// (a <c>foreach</c> or <c>switch</c> the reader left out): the analysis treats them as unknown data.
/// </param>
internal sealed record AccessAnalysisInput(int Dimensions, ImmutableArray<KernelParameter> Parameters, BlockStatement Body, ImmutableHashSet<string> Untrusted)
{
    public static AccessAnalysisInput From(KernelModel model)
        => new(model.Dimensions, model.Parameters.AsImmutableArray(), model.Body, ImmutableHashSet<string>.Empty);

    public string IndexName(int dimension)
        => Parameters.FirstOrDefault(p => p.Kind == ParameterKind.Index && p.Dimension == dimension)?.Name ?? "i" + dimension;

    public KernelParameter? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name);
}

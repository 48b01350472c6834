using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// The number of values index <see cref="Dimension"/> takes in a call's domain (<c>range.End - range.Start</c>).
/// It appears only in <see cref="RuntimeRequirement.Condition"/>, never in a kernel body: the entry point knows
/// the domain before any index runs, so it can evaluate the condition once.
/// </summary>
internal sealed record DomainExtentExpression(int Dimension) : KernelExpression(ScalarKind.Int64);

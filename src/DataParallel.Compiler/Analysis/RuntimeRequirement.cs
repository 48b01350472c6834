using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// A fact about a call that two accesses' race freedom hinges on and that only the run time knows (DESIGN §5): a
/// flattened row-major store <c>a[i * n + j]</c> writes each element once only while the domain of <c>j</c> fits
/// in <c>n</c>; <c>a[i] = a[i + k]</c> is race-free only while <c>|k|</c> exceeds the domain of <c>i</c>. The
/// analyzers stay silent about such pairs; the generated entry point evaluates <see cref="Condition"/> before any
/// index runs and throws an <c>ArgumentException</c> with <see cref="Description"/> when it is false.
/// </summary>
/// <param name="Span">The span both accesses touch.</param>
/// <param name="First">The first access as written.</param>
/// <param name="Second">The second access as written (the same as <paramref name="First"/> for a store against itself).</param>
/// <param name="Condition">
/// A <c>bool</c> expression over parameters, span lengths, static fields and <see cref="DomainExtentExpression"/>s
/// (in <c>long</c> arithmetic): true means the two accesses cannot conflict.
/// </param>
/// <param name="Description">The condition in words, for the exception message.</param>
internal sealed record RuntimeRequirement(string Span, string First, string Second, KernelExpression Condition, string Description);

namespace DataParallel.Compiler.Model;

/// <summary>
/// Everything the generator needs about one <c>[Parallel]</c> kernel, with no symbols or syntax, so the incremental
/// pipeline can compare it by value. Built by <c>KernelModelBuilder</c>; analysed and lowered from here on.
/// </summary>
/// <param name="Namespace">The containing namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="Name">The kernel method's name.</param>
/// <param name="Accessibility">The kernel's accessibility as C# spells it (entry points repeat it).</param>
/// <param name="Dimensions">Number of index parameters (1..3).</param>
/// <param name="Parameters">All parameters, the indices first.</param>
/// <param name="ReturnType">The reduction's value type, or null for a void kernel.</param>
/// <param name="Reduce">How the values combine (<see cref="ReductionKind.None"/> for void kernels).</param>
/// <param name="FastMath">Whether the kernel opted into FMA contraction and reassociation.</param>
/// <param name="Body">The body in the kernel language.</param>
/// <param name="Unlowered">The first construct of the body the IR does not model (the kernel then runs as written), or null.</param>
internal sealed record KernelModel(
    string? Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string Name,
    string Accessibility,
    int Dimensions,
    EquatableArray<KernelParameter> Parameters,
    ScalarKind? ReturnType,
    ReductionKind Reduce,
    bool FastMath,
    BlockStatement Body,
    string? Unlowered)
{
    /// <summary>
    /// Span parameters the body assigns (<c>x = z;</c>; the kernel then runs as written, <see cref="Unlowered"/>).
    /// The IR keeps reading the span passed in, so no fact derived from it — a bound proven at entry, a race-freedom
    /// requirement, race freedom itself — describes what the kernel does. (Scalar parameters the body assigns are
    /// read as locals holding the value passed in, which the analyses follow.)
    /// </summary>
    public EquatableArray<string> AssignedSpanParameters { get; init; } = EquatableArray<string>.Empty;

    /// <summary>
    /// A construct the IR does not model (<see cref="Unlowered"/>) reads or writes a span: <c>foreach (ref var v in
    /// y)</c>, a helper taking <c>ref y[k]</c>, a span local assigned inside a loop. The race analysis cannot see
    /// those accesses, so no verdict or entry check covers them, and the kernel runs in order, on the calling thread
    /// (DESIGN §5: never a silent race), with DP3001 saying so.
    /// </summary>
    public bool HidesSpanAccesses { get; init; }

    /// <summary>
    /// Names the kernel among all kernels of a compilation (overloads differ in their parameters): what the generator
    /// keys a kernel's place in source by, since the model itself holds no location.
    /// </summary>
    public string Key => FullName + "(" + string.Join(", ", System.Linq.Enumerable.Select(Parameters, p => p.RefKind.Modifier() + p.TypeSyntax)) + ")";

    public string FullName => (Namespace is null ? "" : Namespace + ".") + string.Join(".", System.Linq.Enumerable.Select(ContainingTypes, t => t.Name)) + "." + Name;
}

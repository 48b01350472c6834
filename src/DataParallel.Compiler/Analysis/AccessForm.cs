using System.Linq;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// The subscript of one span access, as the shared access analysis sees it (DESIGN §5): an affine form over the
/// index variables, loop variables and uniform symbols — <c>row * n + col</c> has the symbolic coefficient
/// <c>n</c> for <c>row</c> — or an unknown of some <see cref="AccessFormKind"/>.
/// </summary>
/// <param name="Kind">Affine, or why not.</param>
/// <param name="Subscript">The exact value of the subscript when it is a polynomial (always for <see cref="AccessFormKind.Affine"/>).</param>
/// <param name="IndexMask">Bit d set when the element may differ between index points that differ in dimension d.</param>
/// <param name="LoopDependent">The element may differ between iterations of an enclosing loop.</param>
internal sealed record AccessForm(AccessFormKind Kind, Polynomial? Subscript, int IndexMask, bool LoopDependent)
{
    public static AccessForm Of(AbstractValue value)
    {
        if (value.Polynomial is { } polynomial)
            return new AccessForm(polynomial.IsAffine ? AccessFormKind.Affine : AccessFormKind.NonAffine, polynomial, value.IndexMask, value.LoopDependent);
        return new AccessForm(value.DataDependent ? AccessFormKind.DataDependent : AccessFormKind.NonAffine, null, value.IndexMask, value.LoopDependent)
        {
            Remainder = value.DataDependent ? null : value.Remainder,
        };
    }

    /// <summary>For a non-affine subscript that is exactly a remainder by a uniform (<c>i % n</c>): its operands.</summary>
    public RemainderForm? Remainder { get; init; }

    /// <summary>A shared scalar (a static field or a <c>ref</c> parameter): one element, the same for every index point.</summary>
    public static AccessForm SingleElement { get; } = new(AccessFormKind.Affine, Polynomial.Zero, 0, false);

    public bool IsAffine => Kind == AccessFormKind.Affine;

    /// <summary>Every index point accesses the same element(s): the subscript does not involve any index.</summary>
    public bool IsUniformAcrossIndices => Kind != AccessFormKind.DataDependent && IndexMask == 0;

    /// <summary>The coefficient of <paramref name="variable"/> in an affine form (zero when it does not occur).</summary>
    public Polynomial CoefficientOf(PolynomialAtom variable) => Subscript?.CoefficientOf(variable) ?? Polynomial.Zero;

    /// <summary>Whether the subscript may differ between index points that differ in <paramref name="dimension"/>.</summary>
    public bool DependsOnIndex(int dimension) => (IndexMask & (1 << dimension)) != 0;

    public override string ToString() => Kind switch
    {
        AccessFormKind.Affine => Subscript!.ToString(),
        AccessFormKind.NonAffine => Subscript is null ? "non-affine" : "non-affine " + Subscript,
        AccessFormKind.DataDependent => "data-dependent",
        _ => throw new System.ArgumentOutOfRangeException(nameof(Kind), Kind, null),
    };

    /// <summary>The variables (index and loop atoms) that occur in an affine subscript.</summary>
    public PolynomialAtom[] Variables => Subscript?.Variables.ToArray() ?? [];
}

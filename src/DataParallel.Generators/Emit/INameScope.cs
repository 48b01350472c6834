using DataParallel.Compiler.Model;

namespace DataParallel.Generators.Emit;

/// <summary>How IR names read where code is emitted: an entry point sees its parameters, a chunk body its locals.</summary>
internal interface INameScope
{
    /// <summary>The current value of index <paramref name="dimension"/> (in vector code: lane 0's index).</summary>
    string Index(int dimension);

    /// <summary>The number of values index <paramref name="dimension"/> takes in this call, as a <c>long</c>.</summary>
    string Extent(int dimension);

    /// <summary>Where index <paramref name="dimension"/>'s range ends in this call (its start plus its extent), as a <c>long</c>.</summary>
    string End(int dimension);

    /// <summary>A uniform parameter's value.</summary>
    string Uniform(string name);

    /// <summary>An expression of the span (for <c>.Length</c> and checked element access).</summary>
    string Span(string name);

    /// <summary>A local's scalar value.</summary>
    string Local(LocalExpression local);

    /// <summary>The vector variable that holds a per-lane local's lanes.</summary>
    string VaryingLocal(string name);

    /// <summary>The unchecked <c>ref</c> to element 0 of a span whose access was proven in bounds, or null to keep the check.</summary>
    string? ProvenRef(string span, int access);
}

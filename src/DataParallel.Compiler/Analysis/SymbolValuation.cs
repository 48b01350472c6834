using System;
using System.Collections.Generic;
using System.Linq;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// Concrete values for symbols, so that constraints with symbolic constants can be checked. The generic valuation
/// gives every base symbol a distinct large prime: a conflict found under it does not depend on a coincidence such
/// as <c>n == m</c> or <c>k == 0</c>. Opaque symbols (<c>n / 2</c>) are computed from their operands with C#'s
/// semantics; extents come from <see cref="Extents"/> when given.
/// </summary>
internal sealed class SymbolValuation
{
    private static readonly long[] GenericValues = [1009, 1013, 1019, 1021, 1031, 1033, 1039, 1049, 1051, 1061, 1063, 1069, 1087, 1091, 1093, 1097];

    private readonly Dictionary<string, long> _values = new(StringComparer.Ordinal);
    private readonly long[] _pool;
    private int _next;

    public SymbolValuation(long[]? pool = null, IReadOnlyDictionary<int, long>? extents = null)
    {
        _pool = pool ?? GenericValues;
        Extents = extents;
    }

    public static SymbolValuation Generic() => new();

    /// <summary>
    /// Distinct small even values (twice a prime, so no two are multiples): conflicts that need an even symbol
    /// (<c>i &lt;= n / 2</c> against <c>n - 1 - i</c>) do not exist for the odd generic primes, yet are real for every
    /// call with such a value; small, so the search's candidates near zero reach them.
    /// </summary>
    public static SymbolValuation Even() => new(EvenValues);

    private static readonly long[] EvenValues = [10, 14, 22, 26, 34, 38, 46, 58, 62, 74, 82, 86, 94, 106, 118, 122];

    /// <summary>The base symbols this valuation has given values to, as <c>n = 1010</c>.</summary>
    public string Describe() => string.Join(", ", _values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key.Substring(2)} = {v.Value}"));

    public IReadOnlyDictionary<int, long>? Extents { get; }

    public long? this[PolynomialAtom atom] => Value(atom, 0);

    private long? Value(PolynomialAtom atom, int depth)
    {
        switch (atom.Kind)
        {
            case AtomKind.Extent:
            case AtomKind.End:   // a valuation's domains start at 0
                return Extents is not null && Extents.TryGetValue(atom.Dimension, out long extent) ? extent : null;
            case AtomKind.Symbol when atom.Definition is { } definition:
                return depth > 16 ? null : Compute(definition, depth);
            case AtomKind.Symbol:
                if (!_values.TryGetValue(atom.Key, out long value))
                {
                    value = _next < _pool.Length ? _pool[_next] : _pool[_pool.Length - 1] + 10 * (_next - _pool.Length + 1);
                    _next++;
                    _values[atom.Key] = value;
                }
                return value;
            default:
                return null;
        }
    }

    private long? Compute(OpaqueDefinition definition, int depth)
    {
        var operands = definition.Operands.Select(o => o.Evaluate(a => Value(a, depth + 1))).ToList();
        if (operands.Any(o => o is null))
            return null;
        long a = operands[0]!.Value, b = operands.Count > 1 ? operands[1]!.Value : 0;
        bool wide = definition.Type is Model.ScalarKind.Int64 or Model.ScalarKind.UInt64;
        long? result = definition.Operation switch
        {
            "/" => b == 0 || (a == long.MinValue && b == -1) ? null : a / b,
            "%" => b == 0 || b == -1 ? (b == -1 ? 0 : null) : a % b,
            "&" => a & b,
            "|" => a | b,
            "^" => a ^ b,
            ">>" => wide ? a >> (int)(b & 63) : (int)a >> (int)(b & 31),
            ">>>" => wide ? (long)((ulong)a >> (int)(b & 63)) : (long)((uint)a >> (int)(b & 31)),
            "<<" => wide ? a << (int)(b & 63) : (int)a << (int)(b & 31),
            "Math.Min" or "MathF.Min" => operands.Count == 2 ? Math.Min(a, b) : null,
            "Math.Max" or "MathF.Max" => operands.Count == 2 ? Math.Max(a, b) : null,
            "Math.Abs" => a == long.MinValue ? null : Math.Abs(a),
            "Math.Clamp" when operands.Count == 3 => Math.Min(Math.Max(a, b), operands[2]!.Value),
            _ => null,
        };
        return result;
    }

}

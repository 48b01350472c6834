using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// Runs the kernel body, as written in the IR, for every index point of a small concrete domain, recording which
/// element each access touches: a miniature dynamic race detector for the subscripts the affine analysis cannot
/// decide (<c>i / 2</c>, <c>i % 4</c>, <c>i ^ 1</c>, locals set in branches, guards such as <c>i % 2 == 0</c>).
/// Integer uniforms take the generic valuation's large primes, so that a modulus or a stride never coincides with
/// the small domain (<c>y[i % k]</c> is race-free while the domain fits in k: a fact about the call, not a race).
/// Span data is unknown: a branch on data runs both ways (some input takes each), and a subscript computed from
/// data records nothing. The domain is chosen to satisfy every <see cref="RuntimeRequirement"/> of the kernel, so
/// a conflict found here can happen in a call the entry point accepts. Bounded in steps; finding nothing proves
/// nothing.
/// </summary>
internal sealed class ConcreteRun
{
    private const int StepBudget = 400_000;
    private const int IterationCap = 256;
    private const int UnknownConditionIterations = 6;
    private static readonly long[] UniformPool = [1009, 1013, 1019, 1021, 1031, 1033, 1039, 1049, 1051, 1061, 1063, 1069];

    private readonly KernelAccesses _accesses;
    private readonly Dictionary<int, int> _siteOf = new();
    private readonly Dictionary<string, long> _uniforms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _lengths = new(StringComparer.Ordinal);
    private readonly long[] _extents;
    private readonly long[] _point;
    private readonly Dictionary<(string Span, long Element), Dictionary<int, (long First, long Second)>> _touches = new();
    private readonly HashSet<string> _writtenStatics;
    private int _steps;

    private ConcreteRun(KernelAccesses accesses, long[] extents)
    {
        _accesses = accesses;
        _extents = extents;
        _point = new long[extents.Length];
        foreach (AccessSite site in accesses.Sites)
            _siteOf[site.Node.Id] = site.Id;
        _writtenStatics = new HashSet<string>(accesses.Sites.Where(s => s.IsShared).Select(s => s.Display), StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, long> Uniforms => _uniforms;

    public IReadOnlyList<long> Extents => _extents;

    /// <summary>
    /// Runs the kernel on a domain that satisfies <paramref name="requirements"/>, or returns null when no small
    /// domain does (a requirement on uniforms alone that the chosen values break).
    /// </summary>
    public static ConcreteRun? Execute(KernelAccesses accesses, IReadOnlyCollection<RuntimeRequirement> requirements)
    {
        int dimensions = accesses.Dimensions;
        long[] extents = dimensions switch { 1 => [40], 2 => [12, 12], _ => Enumerable.Repeat(6L, dimensions).ToArray() };
        var run = new ConcreteRun(accesses, extents);
        run.ChooseValues();
        foreach (RuntimeRequirement requirement in requirements)
        {
            if (!run.Satisfy(requirement))
                return null;
        }
        run.ChooseLengths();
        run.RunAll();
        return run;
    }

    private void ChooseValues()
    {
        int next = 0;
        foreach (KernelParameter parameter in _accesses.Input.Parameters)
        {
            if (parameter.Kind == ParameterKind.Uniform && parameter.Type.IsInteger())
                _uniforms[parameter.Name] = UniformPool[next++ % UniformPool.Length];
        }
        foreach (StaticFieldExpression field in KernelWalker.AllExpressions(_accesses.Input.Body).OfType<StaticFieldExpression>().Distinct())
        {
            string name = ShortName(field.FullyQualifiedName);
            if (!_uniforms.ContainsKey(name))
                _uniforms[name] = UniformPool[next++ % UniformPool.Length];
        }
    }

    /// <summary>A span indexed directly by an index (<c>x[i]</c>) is as long as that index's domain, as in a domain-inferred call.</summary>
    private void ChooseLengths()
    {
        foreach (KernelParameter span in _accesses.Input.Parameters.Where(p => p.IsSpan))
            _lengths[span.Name] = 1 << 20;
        var direct = KernelWalker.Statements(_accesses.Input.Body).OfType<StoreStatement>().Select(s => (s.Span, s.Index))
            .Concat(KernelWalker.AllExpressions(_accesses.Input.Body).OfType<LoadExpression>().Select(l => (l.Span, l.Index)));
        foreach (var (span, index) in direct)
        {
            if (index is IndexExpression { Dimension: var d } && d < _extents.Length && _lengths.TryGetValue(span, out long length) && length == 1 << 20)
                _lengths[span] = _extents[d];
        }
    }

    /// <summary>Shrinks the domain until the requirement holds; false when shrinking cannot make it hold.</summary>
    private bool Satisfy(RuntimeRequirement requirement)
    {
        var dimensions = KernelWalker.Expressions(requirement.Condition).OfType<DomainExtentExpression>().Select(e => e.Dimension)
            .Concat(KernelWalker.Expressions(requirement.Condition).OfType<DomainEndExpression>().Select(e => e.Dimension)).Distinct().ToList();
        for (int attempt = 0; attempt < 64; attempt++)
        {
            ConcreteValue holds = EvaluateEntry(requirement.Condition);
            if (holds.IsTrue)
                return true;
            if (!holds.Known || dimensions.Count == 0 || dimensions.All(d => _extents[d] <= 1))
                return false;
            foreach (int d in dimensions)
                _extents[d] = Math.Max(1, _extents[d] - 1);
        }
        return false;
    }

    private ConcreteValue EvaluateEntry(KernelExpression expression)
    {
        var env = new Dictionary<string, ConcreteValue>(StringComparer.Ordinal);
        return Evaluate(expression, env);
    }

    private void RunAll()
    {
        long total = _extents.Aggregate(1L, (a, b) => a * b);
        for (long p = 0; p < total && _steps < StepBudget; p++)
        {
            long rest = p;
            for (int d = _extents.Length - 1; d >= 0; d--)
            {
                _point[d] = rest % _extents[d];
                rest /= _extents[d];
            }
            var env = new Dictionary<string, ConcreteValue>(StringComparer.Ordinal);
            ExecuteBlock(_accesses.Input.Body.Statements, env, p);
        }
    }

    /// <summary>Spells a flattened point as index values, <c>i = 3</c> or <c>(i, j) = (0, 2)</c>.</summary>
    public string DescribePoint(long point)
    {
        var values = new long[_extents.Length];
        for (int d = _extents.Length - 1; d >= 0; d--)
        {
            values[d] = point % _extents[d];
            point /= _extents[d];
        }
        if (values.Length == 1)
            return $"{_accesses.Input.IndexName(0)} = {values[0]}";
        return "(" + string.Join(", ", Enumerable.Range(0, values.Length).Select(_accesses.Input.IndexName)) + ") = (" + string.Join(", ", values) + ")";
    }

    /// <summary>Every pair of sites (the lower id first, a site paired with itself included) that touched one element from two points.</summary>
    public Dictionary<(int, int), ConcreteConflict> Conflicts()
    {
        var conflicts = new Dictionary<(int, int), ConcreteConflict>();
        foreach (var touched in _touches)
        {
            long element = touched.Key.Element;
            var entries = touched.Value.ToList();
            for (int a = 0; a < entries.Count; a++)
            {
                for (int b = a; b < entries.Count; b++)
                {
                    int siteA = entries[a].Key, siteB = entries[b].Key;
                    if (!_accesses.Sites[siteA].IsWrite && !_accesses.Sites[siteB].IsWrite)
                        continue;
                    var (a1, a2) = entries[a].Value;
                    var (b1, b2) = entries[b].Value;
                    (long, long)? pair = a == b
                        ? (a2 >= 0 ? (a1, a2) : null)
                        : a1 != b1 ? (a1, b1) : a2 >= 0 ? (a2, b1) : b2 >= 0 ? (a1, b2) : null;
                    var key = (Math.Min(siteA, siteB), Math.Max(siteA, siteB));
                    if (pair is { } points && !conflicts.ContainsKey(key))
                    {
                        bool swap = siteA > siteB;
                        conflicts[key] = new ConcreteConflict(key.Item1, key.Item2, swap ? points.Item2 : points.Item1, swap ? points.Item1 : points.Item2, element);
                    }
                }
            }
        }
        return conflicts;
    }

    private void Touch(KernelNode node, string span, ConcreteValue element, long point)
    {
        if (!element.Known || !_siteOf.TryGetValue(node.Id, out int site))
            return;
        long length = span.StartsWith("<", StringComparison.Ordinal) ? 1 : _lengths.TryGetValue(span, out long l) ? l : 0;
        if (element.Value < 0 || element.Value >= length)
            return;   // that access would throw: no element, no race
        var key = (_accesses.Sites[site].Span, element.Value);   // the site's span: one a merged analysis may have renamed
        if (!_touches.TryGetValue(key, out var bySite))
            _touches[key] = bySite = new Dictionary<int, (long, long)>();
        if (!bySite.TryGetValue(site, out var points))
            bySite[site] = (point, -1);
        else if (points.Second < 0 && points.First != point)
            bySite[site] = (points.First, point);
    }

    // ---- statements -------------------------------------------------------------------------------------------

    [Flags]
    private enum Completion
    {
        None = 0,
        Normal = 1,
        Return = 2,
        Break = 4,
        Continue = 8,
    }

    private Completion ExecuteBlock(IReadOnlyList<KernelStatement> statements, Dictionary<string, ConcreteValue> env, long point)
    {
        Completion exits = Completion.None;
        foreach (KernelStatement statement in statements)
        {
            Completion result = Execute(statement, env, point);
            exits |= result & ~Completion.Normal;
            if ((result & Completion.Normal) == 0)
                return exits;
        }
        return exits | Completion.Normal;
    }

    private Completion Execute(KernelStatement statement, Dictionary<string, ConcreteValue> env, long point)
    {
        if (++_steps > StepBudget)
            return Completion.Return;
        switch (statement)
        {
            case BlockStatement block:
                return ExecuteBlock(block.Statements, env, point);
            case DeclareLocalStatement declare:
                env[declare.Name] = declare.Initializer is null ? ConcreteValue.Unknown : Local(declare.Name, Evaluate(declare.Initializer, env, point));
                return Completion.Normal;
            case AssignLocalStatement assign:
                env[assign.Name] = Local(assign.Name, Evaluate(assign.Value, env, point));
                return Completion.Normal;
            case StoreStatement store:
            {
                ConcreteValue element = Evaluate(store.Index, env, point);
                Evaluate(store.Value, env, point);
                Touch(store, store.Span, element, point);
                return Completion.Normal;
            }
            case SharedWriteStatement shared:
                Touch(shared, AccessCollector.SharedSpan(shared), ConcreteValue.Of(0), point);
                return Completion.Normal;
            case EvaluateStatement evaluate:
                Evaluate(evaluate.Expression, env, point);
                return Completion.Normal;
            case ReturnStatement ret:
                if (ret.Value is { } value)
                    Evaluate(value, env, point);
                return Completion.Return;
            case BreakStatement:
                return Completion.Break;
            case ContinueStatement:
                return Completion.Continue;
            case IfStatement branch:
            {
                ConcreteValue condition = Evaluate(branch.Condition, env, point);
                if (condition.IsTrue)
                    return Execute(branch.Then, env, point);
                if (condition.IsFalse)
                    return branch.Else is null ? Completion.Normal : Execute(branch.Else, env, point);
                // A condition on data: some input takes each branch.
                var thenEnv = new Dictionary<string, ConcreteValue>(env, StringComparer.Ordinal);
                var elseEnv = new Dictionary<string, ConcreteValue>(env, StringComparer.Ordinal);
                Completion thenResult = Execute(branch.Then, thenEnv, point);
                Completion elseResult = branch.Else is null ? Completion.Normal : Execute(branch.Else, elseEnv, point);
                bool thenContinues = (thenResult & Completion.Normal) != 0, elseContinues = (elseResult & Completion.Normal) != 0;
                Dictionary<string, ConcreteValue> after = thenContinues && elseContinues ? Merge(thenEnv, elseEnv) : thenContinues ? thenEnv : elseEnv;
                env.Clear();
                foreach (var pair in after)
                    env[pair.Key] = pair.Value;
                return thenResult | elseResult;
            }
            case LoopStatement loop:
                return ExecuteLoop(loop, env, point);
            default:
                return Completion.Normal;
        }
    }

    private Completion ExecuteLoop(LoopStatement loop, Dictionary<string, ConcreteValue> env, long point)
    {
        foreach (KernelStatement initializer in loop.Initializers)
            Execute(initializer, env, point);
        Completion exits = Completion.None;
        int unknownRounds = 0;
        bool uncertain = false;
        for (int iteration = 0; iteration < IterationCap; iteration++)
        {
            if (!loop.ConditionAfterBody || iteration > 0)
            {
                ConcreteValue condition = loop.Condition is null ? ConcreteValue.Of(true) : Evaluate(loop.Condition, env, point);
                if (condition.IsFalse)
                    break;
                if (!condition.Known)
                {
                    uncertain = true;
                    if (++unknownRounds > UnknownConditionIterations)
                        break;
                }
            }
            Completion body = Execute(loop.Body, env, point);
            exits |= body & Completion.Return;
            if ((body & (Completion.Normal | Completion.Continue)) == 0)
                break;   // every path left the loop
            if ((body & (Completion.Break | Completion.Return)) != 0)
                uncertain = true;
            foreach (KernelStatement increment in loop.Increments)
                Execute(increment, env, point);
            if (_steps > StepBudget)
                return Completion.Return;
        }
        if (uncertain)
        {
            // Where the loop stopped depends on data: what it assigned is unknown afterwards.
            foreach (KernelStatement statement in KernelWalker.Statements(loop.Body).Concat(loop.Increments))
            {
                if (statement is AssignLocalStatement assign)
                    env[assign.Name] = ConcreteValue.Unknown;
            }
        }
        return exits | Completion.Normal;
    }

    private static Dictionary<string, ConcreteValue> Merge(Dictionary<string, ConcreteValue> a, Dictionary<string, ConcreteValue> b)
    {
        var merged = new Dictionary<string, ConcreteValue>(StringComparer.Ordinal);
        foreach (string name in a.Keys.Union(b.Keys))
        {
            a.TryGetValue(name, out ConcreteValue va);
            b.TryGetValue(name, out ConcreteValue vb);
            merged[name] = va == vb ? va : ConcreteValue.Unknown;
        }
        return merged;
    }

    private ConcreteValue Local(string name, ConcreteValue value) => _accesses.Input.Untrusted.Contains(name) ? ConcreteValue.Unknown : value;

    // ---- expressions ------------------------------------------------------------------------------------------

    private ConcreteValue Evaluate(KernelExpression expression, Dictionary<string, ConcreteValue> env, long point = -1)
    {
        _steps++;
        switch (expression)
        {
            case ConstantExpression { Literal: "true" }:
                return ConcreteValue.Of(true);
            case ConstantExpression { Literal: "false" }:
                return ConcreteValue.Of(false);
            case ConstantExpression { IntegerValue: { } value }:
                return ConcreteValue.Of(value);
            case IndexExpression index when point >= 0 && index.Dimension < _point.Length:
                return ConcreteValue.Of(_point[index.Dimension]);
            case DomainExtentExpression extent when extent.Dimension < _extents.Length:
                return ConcreteValue.Of(_extents[extent.Dimension]);
            case DomainEndExpression end when end.Dimension < _extents.Length:
                return ConcreteValue.Of(_extents[end.Dimension]);   // the run's domain starts at 0
            case UniformExpression uniform:
                return !_accesses.Input.Untrusted.Contains(uniform.Name) && _uniforms.TryGetValue(uniform.Name, out long u) ? ConcreteValue.Of(u) : ConcreteValue.Unknown;
            case SpanLengthExpression length:
                return _lengths.TryGetValue(length.Span, out long l) ? ConcreteValue.Of(l) : ConcreteValue.Unknown;
            case StaticFieldExpression field:
                string name = ShortName(field.FullyQualifiedName);
                return field.Type.IsInteger() && !_writtenStatics.Contains(name) && _uniforms.TryGetValue(name, out long f) ? ConcreteValue.Of(f) : ConcreteValue.Unknown;
            case LocalExpression local:
                return env.TryGetValue(local.Name, out ConcreteValue v) ? v : ConcreteValue.Unknown;
            case LoadExpression load:
            {
                ConcreteValue element = Evaluate(load.Index, env, point);
                if (point >= 0)
                    Touch(load, load.Span, element, point);
                // The same element of a span nobody writes, read by every index point: one value for all (any will do).
                return _accesses.UniformLoads.Contains(load.Id) && load.Type.IsInteger() ? ConcreteValue.Of(3) : ConcreteValue.Unknown;
            }
            case UnaryExpression unary:
            {
                ConcreteValue operand = Evaluate(unary.Operand, env, point);
                if (!operand.Known)
                    return operand;
                return unary.Operator switch
                {
                    UnaryOperator.LogicalNot => ConcreteValue.Of(operand.Value == 0),
                    UnaryOperator.Negate when unary.Type.IsInteger() => Wrap(unchecked(-operand.Value), unary.Type),
                    UnaryOperator.BitwiseNot when unary.Type.IsInteger() => Wrap(~operand.Value, unary.Type),
                    _ => ConcreteValue.Unknown,
                };
            }
            case BinaryExpression binary:
                return Binary(binary, env, point);
            case ConvertExpression convert:
            {
                ConcreteValue operand = Evaluate(convert.Operand, env, point);
                return operand.Known && convert.Type.IsInteger() && convert.Operand.Type.IsInteger() ? Wrap(operand.Value, convert.Type) : ConcreteValue.Unknown;
            }
            case ConditionalExpression conditional:
            {
                ConcreteValue condition = Evaluate(conditional.Condition, env, point);
                if (condition.IsTrue)
                    return Evaluate(conditional.WhenTrue, env, point);
                if (condition.IsFalse)
                    return Evaluate(conditional.WhenFalse, env, point);
                ConcreteValue a = Evaluate(conditional.WhenTrue, env, point), b = Evaluate(conditional.WhenFalse, env, point);
                return a == b ? a : ConcreteValue.Unknown;
            }
            case MathCallExpression call:
            {
                var arguments = call.Arguments.Select(a => Evaluate(a, env, point)).ToList();
                if (!call.Type.IsInteger() || arguments.Any(a => !a.Known))
                    return ConcreteValue.Unknown;
                return (call.Method, arguments.Count) switch
                {
                    ("Min", 2) => ConcreteValue.Of(Math.Min(arguments[0].Value, arguments[1].Value)),
                    ("Max", 2) => ConcreteValue.Of(Math.Max(arguments[0].Value, arguments[1].Value)),
                    ("Abs", 1) when arguments[0].Value != long.MinValue => Wrap(Math.Abs(arguments[0].Value), call.Type),
                    ("Clamp", 3) => ConcreteValue.Of(Math.Min(Math.Max(arguments[0].Value, arguments[1].Value), arguments[2].Value)),
                    _ => ConcreteValue.Unknown,
                };
            }
            default:
                foreach (KernelExpression child in KernelWalker.Children(expression))
                    Evaluate(child, env, point);
                return ConcreteValue.Unknown;
        }
    }

    private ConcreteValue Binary(BinaryExpression binary, Dictionary<string, ConcreteValue> env, long point)
    {
        ConcreteValue left = Evaluate(binary.Left, env, point);
        if (binary.Operator == BinaryOperator.ConditionalAnd && left.IsFalse)
            return left;
        if (binary.Operator == BinaryOperator.ConditionalOr && left.IsTrue)
            return left;
        ConcreteValue right = Evaluate(binary.Right, env, point);
        if (binary.Operator is BinaryOperator.ConditionalAnd or BinaryOperator.ConditionalOr)
        {
            if (binary.Operator == BinaryOperator.ConditionalAnd)
                return right.IsFalse ? right : left.IsTrue && right.Known ? right : ConcreteValue.Unknown;
            return right.IsTrue ? right : left.IsFalse && right.Known ? right : ConcreteValue.Unknown;
        }
        if (!left.Known || !right.Known)
            return ConcreteValue.Unknown;
        long a = left.Value, b = right.Value;
        ScalarKind operandType = binary.Left.Type;
        bool unsigned = operandType is ScalarKind.UInt32 or ScalarKind.UInt64 or ScalarKind.Byte or ScalarKind.UInt16;
        if (binary.Type == ScalarKind.Boolean)
        {
            if (binary.Operator is BinaryOperator.And or BinaryOperator.Or or BinaryOperator.ExclusiveOr && operandType == ScalarKind.Boolean)
                return ConcreteValue.Of(binary.Operator switch { BinaryOperator.And => (a & b) != 0, BinaryOperator.Or => (a | b) != 0, _ => (a ^ b) != 0 });
            int comparison = unsigned && operandType == ScalarKind.UInt64 ? ((ulong)a).CompareTo((ulong)b) : a.CompareTo(b);
            return binary.Operator switch
            {
                BinaryOperator.Equals => ConcreteValue.Of(comparison == 0),
                BinaryOperator.NotEquals => ConcreteValue.Of(comparison != 0),
                BinaryOperator.LessThan => ConcreteValue.Of(comparison < 0),
                BinaryOperator.LessThanOrEqual => ConcreteValue.Of(comparison <= 0),
                BinaryOperator.GreaterThan => ConcreteValue.Of(comparison > 0),
                BinaryOperator.GreaterThanOrEqual => ConcreteValue.Of(comparison >= 0),
                _ => ConcreteValue.Unknown,
            };
        }
        if (!binary.Type.IsInteger())
            return ConcreteValue.Unknown;
        bool wide = binary.Type is ScalarKind.Int64 or ScalarKind.UInt64;
        long result;
        switch (binary.Operator)
        {
            case BinaryOperator.Add: result = unchecked(a + b); break;
            case BinaryOperator.Subtract: result = unchecked(a - b); break;
            case BinaryOperator.Multiply: result = unchecked(a * b); break;
            case BinaryOperator.Divide:
                if (b == 0 || (a == long.MinValue && b == -1))
                    return ConcreteValue.Unknown;
                result = unsigned ? (long)((ulong)a / (ulong)b) : a / b;
                break;
            case BinaryOperator.Remainder:
                if (b == 0)
                    return ConcreteValue.Unknown;
                result = b == -1 ? 0 : unsigned ? (long)((ulong)a % (ulong)b) : a % b;
                break;
            case BinaryOperator.And: result = a & b; break;
            case BinaryOperator.Or: result = a | b; break;
            case BinaryOperator.ExclusiveOr: result = a ^ b; break;
            case BinaryOperator.LeftShift: result = wide ? a << (int)(b & 63) : (int)a << (int)(b & 31); break;
            case BinaryOperator.RightShift:
                result = wide ? (binary.Type == ScalarKind.UInt64 ? (long)((ulong)a >> (int)(b & 63)) : a >> (int)(b & 63))
                    : binary.Type == ScalarKind.UInt32 ? (uint)a >> (int)(b & 31) : (int)a >> (int)(b & 31);
                break;
            case BinaryOperator.UnsignedRightShift: result = wide ? (long)((ulong)a >> (int)(b & 63)) : (uint)a >> (int)(b & 31); break;
            default: return ConcreteValue.Unknown;
        }
        return Wrap(result, binary.Type);
    }

    /// <summary>The value as C# stores it in <paramref name="type"/> (wrapping like unchecked arithmetic).</summary>
    private static ConcreteValue Wrap(long value, ScalarKind type) => ConcreteValue.Of(type switch
    {
        ScalarKind.SByte => (sbyte)value,
        ScalarKind.Byte => (byte)value,
        ScalarKind.Int16 => (short)value,
        ScalarKind.UInt16 => (ushort)value,
        ScalarKind.Int32 => (int)value,
        ScalarKind.UInt32 => (uint)value,
        _ => value,
    });

    private static string ShortName(string fullyQualified) => fullyQualified.Substring(fullyQualified.LastIndexOf('.') + 1);
}

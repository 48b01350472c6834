using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace DataParallel.Generators.Tests.RandomKernels;

/// <summary>
/// Builds one random kernel of the language (DESIGN §2) from a seed: typed expression trees over uniforms, span
/// elements at small offsets, the index and locals; if/else, early returns, uniform for loops and while loops
/// whose trip count varies per lane (capped by a uniform); void kernels writing one output span and reductions.
/// </summary>
/// <remarks>
/// <para>
/// Everything it builds compiles without warnings and cannot throw in the scalar kernel: integer divisors are
/// guarded against 0 and -1, every access stays within the padding around the domain (or is guarded by the span's
/// length), loops terminate, and no sub-expression is a C# constant that the compiler would fold (and could
/// reject for overflow).
/// </para>
/// <para>
/// A few kernels (<c>_scalarOnly</c>) may also use the constructs SIMD covered last or not at all: gathers,
/// per-lane shift counts, helper calls, floating remainder, floating-to-small conversions. The others keep to
/// what the planner vectorises, so that most kernels exercise the SIMD lowering. Every kernel mixes values into a
/// checksum <c>h</c> that the output folds in (as Csmith does), so that little of a random body is dead code.
/// </para>
/// </remarks>
internal sealed class KernelBuilder
{
    /// <summary>Elements of padding before and after the domain (per row in 2-D): every access stays within it.</summary>
    public const int Padding = 8;

    /// <summary>The most a for-loop variable used in an index can reach (the bound <c>um</c> is at most this + 1).</summary>
    public const int MaxLoopOffset = 4;

    private readonly Random _random;
    private readonly int _maxDepth;
    private readonly bool _scalarOnly;
    private readonly int _dimensions;
    private readonly bool _flatLocal;
    private readonly bool _guardedReads;
    private readonly Ty _output;
    private readonly ReduceKind _reduce;
    private readonly List<Var> _scope = new();
    private readonly List<string> _indexableLoops = new();
    private readonly List<string> _loopVariables = new();
    private readonly bool _uniformControl;
    private int _counter;
    private int _loopDepth;
    private bool _preferLocals;

    private const string Checksum = "h";

    private sealed record Var(string Name, Ty Type, bool Assignable);

    private KernelBuilder(int seed, int complexity)
    {
        _random = new Random(seed);
        _maxDepth = 1 + Math.Min(complexity, 3);
        _scalarOnly = Chance(0.15);
        _dimensions = Chance(0.35) ? 2 : 1;
        _flatLocal = Chance(0.25);
        // Reads beyond the padding, guarded by the span's length. Few kernels have them: an access the entry point
        // cannot prove for the whole domain sends the whole call down the checked scalar path.
        _guardedReads = Chance(0.2);
        // Unroll and jam across lanes (LaneJamming) applies only when every if, loop and jump is uniform and nothing
        // returns early: such kernels are rare among free ones, so a share of kernels keeps to that shape.
        _uniformControl = Chance(0.3);
        if (Chance(0.3))
        {
            _output = Pick(Ty.Int, Ty.Long, Ty.UInt, Ty.Float, Ty.Double, Ty.Int);
            _reduce = _output switch
            {
                Ty.Float or Ty.Double => Pick(ReduceKind.Min, ReduceKind.Max),
                // Sum and Xor keep every element's contribution visible; the others saturate over large domains.
                _ => Pick(ReduceKind.Sum, ReduceKind.Sum, ReduceKind.Sum, ReduceKind.Xor, ReduceKind.Xor, ReduceKind.Product, ReduceKind.Min, ReduceKind.Max, ReduceKind.And, ReduceKind.Or),
            };
        }
        else
        {
            _output = Pick(TyFacts.Numeric);
            _reduce = ReduceKind.None;
        }
    }

    public static RandomKernel Build(string name, int seed, int complexity)
    {
        var builder = new KernelBuilder(seed, complexity);
        ImmutableArray<Stmt> body = builder.Body(complexity);
        return new RandomKernel(name, builder._dimensions, builder._output, builder._reduce, builder._flatLocal, body, builder._random.Next());
    }

    private string Flat => _flatLocal ? "o" : _dimensions == 1 ? "i" : "row * w + col";

    private bool IsReduction => _reduce != ReduceKind.None;

    private ImmutableArray<Stmt> Body(int complexity)
    {
        int mark = _scope.Count;
        // A checksum (as in Csmith): statements everywhere mix values into it, loops add their trip counts, and the
        // output folds it in, so that little of a random body is dead code.
        var statements = new List<Stmt> { new Declare(Ty.Int, Checksum, new Lit(Ty.Int, "0")) };
        _scope.Add(new Var(Checksum, Ty.Int, Assignable: true));
        int count = 2 + _random.Next(2 + complexity);
        for (int s = 0; s < count; s++)
            statements.AddRange(Statement(nesting: 0));
        statements.Add(IsReduction ? new Return(Final()) : new Store(Flat, Final()));
        _scope.RemoveRange(mark, _scope.Count - mark);
        return statements.ToImmutableArray();
    }

    /// <summary>
    /// The stored or returned value. It leans on the locals, and folds in the top-level ones for integer outputs, so
    /// that little of the body is dead code: a lowering mistake anywhere should reach the output.
    /// </summary>
    private Expr Final()
    {
        _preferLocals = true;
        Expr value = Expression(_output, Math.Max(2, _maxDepth));
        _preferLocals = false;
        var h = new Name(Ty.Int, Checksum);
        value = _output switch
        {
            Ty.Int => new Binary(Ty.Int, Pick("^", "+"), value, h),
            Ty.Long => new Binary(Ty.Long, "+", value, new Promote(Ty.Long, h)),
            Ty.UInt => new Binary(Ty.UInt, "^", value, new Cast(Ty.UInt, h)),
            Ty.Short or Ty.Byte => new Cast(_output, new Binary(Ty.Int, "^", new Promote(Ty.Int, value), h)),
            // Floating: the low bit flips the sign (visible at any magnitude), the next ones add a small integer.
            _ => new Binary(_output, "+",
                new Conditional(_output, new Binary(Ty.Bool, "==", new Binary(Ty.Int, "&", h, new Lit(Ty.Int, "1")), new Lit(Ty.Int, "0")), value, new Unary(_output, "-", value)),
                new Promote(_output, new Binary(Ty.Int, "&", new Binary(Ty.Int, ">>", h, new Lit(Ty.Int, "1")), new Lit(Ty.Int, "15")))),
        };
        if (_output is Ty.Int or Ty.Long or Ty.UInt)
        {
            foreach (Var local in _scope.Where(v => v.Type != _output && v.Name != Checksum).OrderBy(_ => _random.Next()).Take(2))
            {
                Expr term = local.Type == Ty.Bool
                    ? new Conditional(_output, new Name(Ty.Bool, local.Name), Literal(_output), Literal(_output))
                    : new Cast(_output, new Name(local.Type, local.Name));
                value = new Binary(_output, Pick("^", "+"), value, term);
            }
        }
        return value;
    }

    // ------------------------------------------------------------ statements

    private List<Stmt> Block(int count, int nesting)
    {
        int mark = _scope.Count;
        var statements = new List<Stmt>();
        for (int s = 0; s < count; s++)
            statements.AddRange(Statement(nesting));
        _scope.RemoveRange(mark, _scope.Count - mark);
        return statements;
    }

    private ImmutableArray<Stmt> NestedBlock(int nesting) => Block(1 + _random.Next(nesting == 0 ? 3 : 2), nesting + 1).ToImmutableArray();

    private IEnumerable<Stmt> Statement(int nesting)
    {
        int depth = 1 + _random.Next(_maxDepth);
        bool canNest = nesting < 2;
        bool inLoop = _loopDepth > 0;
        if (_uniformControl)
            return UniformControlStatement(nesting, depth, canNest, inLoop);
        var choices = new List<(double Weight, Func<IEnumerable<Stmt>> Make)>
        {
            (30, () => [Declaration(depth)]),
            (nesting == 0 ? 8 : 16, () => [Mix(depth)]),
            (_scope.Any(v => v.Assignable) ? 22 : 0, () => [Assignment(depth)]),
            (_scope.Any(v => v.Assignable && v.Type != Ty.Bool) ? 5 : 0, () =>
            {
                Var target = Pick(_scope.Where(v => v.Assignable && v.Type != Ty.Bool).ToArray());
                return [new Increment(target.Name, Pick("++", "--"))];
            }),
            (_scope.Count(v => v.Assignable && v.Type != Ty.Bool) >= 2 ? 4 : 0, () => [SimultaneousAssignment(depth)]),
            (canNest ? 14 : 0, () => [Branch(nesting, depth)]),
            // Loops nest at most two deep, and rarely: every level multiplies the generated code.
            (canNest ? (_loopDepth == 0 ? 7 : _loopDepth == 1 ? 2 : 0) : 0, () => [ForLoop(nesting)]),
            (canNest ? (_loopDepth == 0 ? 7 : _loopDepth == 1 ? 2 : 0) : 0, () =>
            {
                var loop = (While)WhileLoop(nesting, depth);
                return Chance(0.7) ? [loop, new Assign(Checksum, "+=", new Name(Ty.Int, loop.Counter))] : [loop];
            }),
            (canNest ? (_loopDepth == 0 ? 5 : _loopDepth == 1 ? 1 : 0) : 0, () => EscapeLoop(nesting)),
            (canNest ? (_loopDepth == 0 ? 4 : _loopDepth == 1 ? 1 : 0) : 0, () => [ForEachLoop(nesting)]),
            (5, () => [new If(Bool(depth), [new Return(IsReduction ? Expression(_output, depth) : null)], null)]),
            (inLoop ? 10 : 0, () => [new If(Bool(depth), [new Jump(Pick("break", "continue"))], null)]),
            (IsReduction ? 0 : 5, () =>
            {
                ImmutableArray<Stmt> then = Chance(0.3)
                    ? [new Store(Flat, Expression(_output, depth)), new Return(null)]
                    : [new Store(Flat, Expression(_output, depth))];
                return [new If(Bool(depth), then, null)];
            }),
            (IsReduction ? 0 : 2, () => [new Store(Flat, Expression(_output, depth))]),
            (_guardedReads ? 4 : 0, () => [GuardedStatement(depth)]),
        };
        return Choose(choices)();
    }

    /// <summary>
    /// A statement whose control flow is uniform: for loops over uniform bounds (more often, so that per-lane locals
    /// are carried around them), ifs and break/continue on the loop variables and uniforms, no early return.
    /// </summary>
    private IEnumerable<Stmt> UniformControlStatement(int nesting, int depth, bool canNest, bool inLoop)
    {
        var choices = new List<(double Weight, Func<IEnumerable<Stmt>> Make)>
        {
            (30, () => [Declaration(depth)]),
            (nesting == 0 ? 8 : 16, () => [Mix(depth)]),
            (_scope.Any(v => v.Assignable) ? 26 : 0, () => [Assignment(depth)]),
            (_scope.Any(v => v.Assignable && v.Type != Ty.Bool) ? 5 : 0, () =>
            {
                Var target = Pick(_scope.Where(v => v.Assignable && v.Type != Ty.Bool).ToArray());
                return [new Increment(target.Name, Pick("++", "--"))];
            }),
            (canNest ? (_loopDepth == 0 ? 16 : _loopDepth == 1 ? 4 : 0) : 0, () => [ForLoop(nesting)]),
            (canNest ? 6 : 0, () => [new If(UniformBool(), NestedBlock(nesting), Chance(0.4) ? NestedBlock(nesting) : null)]),
            (inLoop ? 8 : 0, () => [new If(UniformBool(), [new Jump(Pick("break", "continue"))], null)]),
            (IsReduction ? 0 : 2, () => [new Store(Flat, Expression(_output, depth))]),
        };
        return Choose(choices)();
    }

    /// <summary>A condition every lane agrees on: a loop variable's parity or its comparison with a uniform.</summary>
    private Expr UniformBool()
    {
        var operand = _loopVariables.Count > 0 && Chance(0.8) ? new Name(Ty.Int, Pick(_loopVariables.ToArray())) : new Name(Ty.Int, "ui");
        return Chance(0.5)
            ? new Binary(Ty.Bool, Pick("==", "!="), new Binary(Ty.Int, "&", operand, new Lit(Ty.Int, Pick("1", "3"))), new Lit(Ty.Int, "0"))
            : new Binary(Ty.Bool, Pick("<", ">=", "=="), operand, new Binary(Ty.Int, "&", new Name(Ty.Int, "ut"), new Lit(Ty.Int, "7")));
    }

    private Stmt Declaration(int depth)
    {
        Ty type = Chance(0.15) ? Ty.Bool : Pick(TyFacts.Numeric);
        Expr value = type == Ty.Bool ? Bool(depth) : Expression(type, depth, nonConst: true);
        string name = Fresh(type == Ty.Bool ? "b" : "v");
        _scope.Add(new Var(name, type, Assignable: true));
        return new Declare(type, name, value);
    }

    private Stmt Assignment(int depth)
    {
        Var target = Pick(_scope.Where(v => v.Assignable).ToArray());
        Ty type = target.Type;
        if (type == Ty.Bool)
        {
            string op = Pick("=", "=", "&=", "|=", "^=");
            return new Assign(target.Name, op, NotJust(target.Name, Ty.Bool, () => Bool(depth)));
        }
        string[] compound = type switch
        {
            Ty.Float or Ty.Double => ["+=", "-=", "*="],
            Ty.Short or Ty.Byte => ["+=", "-=", "&=", "|=", "^=", "<<=", ">>="],
            _ => ["+=", "-=", "*=", "&=", "|=", "^=", "<<=", ">>="],
        };
        string chosen = Chance(0.5) ? "=" : Pick(compound);
        if (chosen is "<<=" or ">>=")
            return new Assign(target.Name, chosen, ShiftCount());
        // A compound assignment needs an operand of the target's own type (small types do not take an int).
        Expr value = chosen == "=" ? NotJust(target.Name, type, () => Expression(type, depth)) : Exact(type, depth);
        return new Assign(target.Name, chosen, value);
    }

    /// <summary>A foreach over 1 to 4 elements at the start of an input span (inside its padding): the variable is read, never assigned.</summary>
    private Stmt ForEachLoop(int nesting)
    {
        Ty type = Pick(TyFacts.Numeric);
        string variable = Fresh("e");
        _scope.Add(new Var(variable, type, Assignable: false));
        _loopDepth++;
        ImmutableArray<Stmt> body = LoopBody(nesting);
        _loopDepth--;
        _scope.RemoveAll(v => v.Name == variable);
        return new ForEach(type, variable, _random.Next(Padding - 4), 1 + _random.Next(4), body);
    }

    /// <summary><c>(a, b) = (…, …);</c> over two different names, often reading each other (a swap, a rotation step).</summary>
    private Stmt SimultaneousAssignment(int depth)
    {
        Var[] assignable = _scope.Where(v => v.Assignable && v.Type != Ty.Bool).ToArray();
        Var first = Pick(assignable);
        Var second = Pick(assignable.Where(v => v.Name != first.Name).ToArray());
        return new TupleAssign(first.Name, second.Name,
            NotJust(first.Name, first.Type, () => Expression(first.Type, depth)), NotJust(second.Name, second.Type, () => Expression(second.Type, depth)));
    }

    private Stmt Branch(int nesting, int depth)
    {
        Expr condition = Bool(depth);
        ImmutableArray<Stmt> then = NestedBlock(nesting);
        ImmutableArray<Stmt>? otherwise = Chance(0.5) ? NestedBlock(nesting) : null;
        return new If(condition, then, otherwise);
    }

    private Stmt ForLoop(int nesting)
    {
        string variable = Fresh("k");
        // Bounds that keep the variable usable in an index (at most MaxLoopOffset), or a longer uniform one.
        var bounds = new List<(string Bound, bool Indexable)> { ("um", true), ("1", true), ("3", true), ("(ui & 3)", true), ("ut", false), ("(ut & 7)", false) };
        // A triangular nest: the inner bound is the outer variable (uniform, but changing per outer iteration).
        foreach (string outer in _indexableLoops)
            bounds.Add((outer, true));
        (string bound, bool indexable) = Pick(bounds.ToArray());
        LoopDirection direction = Pick(LoopDirection.Up, LoopDirection.Up, LoopDirection.Down, LoopDirection.UpByTwo);
        _scope.Add(new Var(variable, Ty.Int, Assignable: false));
        if (indexable)
            _indexableLoops.Add(variable);
        _loopDepth++;
        _loopVariables.Add(variable);
        ImmutableArray<Stmt> body = LoopBody(nesting);
        _loopVariables.Remove(variable);
        _loopDepth--;
        _indexableLoops.Remove(variable);
        _scope.RemoveAll(v => v.Name == variable);
        return new For(variable, bound, body, direction);
    }

    private Stmt WhileLoop(int nesting, int depth)
    {
        string counter = Fresh("n");
        string bound = Pick("ut", "um", "(ut & 7)", "ut");
        Expr condition = Bool(depth);
        _scope.Add(new Var(counter, Ty.Int, Assignable: false));
        _loopDepth++;
        ImmutableArray<Stmt> body = LoopBody(nesting);
        _loopDepth--;
        return new While(counter, bound, condition, CounterFirst: Chance(0.6), body);
    }

    /// <summary>A loop body that mostly ends by mixing into the checksum, so a wrong <c>break</c> or <c>continue</c> shows.</summary>
    private ImmutableArray<Stmt> LoopBody(int nesting)
    {
        ImmutableArray<Stmt> body = NestedBlock(nesting);
        return Chance(0.7) ? body.Add(Mix(1 + _random.Next(_maxDepth))) : body;
    }

    /// <summary>Mixes a value into the checksum: <c>h ^= e</c>, <c>h += e</c> or <c>h = h * 31 + e</c>.</summary>
    private Stmt Mix(int depth)
    {
        Expr value = Chance(0.3) ? new Cast(Ty.Int, Expression(Pick(TyFacts.Numeric.Where(t => t != Ty.Int).ToArray()), depth, nonConst: true)) : Expression(Ty.Int, depth, nonConst: true);
        return Chance(0.3)
            ? new Assign(Checksum, "=", new Binary(Ty.Int, "+", new Binary(Ty.Int, "*", new Name(Ty.Int, Checksum), new Lit(Ty.Int, "31")), value))
            : new Assign(Checksum, Pick("^=", "+="), value);
    }

    /// <summary>An escape-time loop (Mandelbrot, Collatz): an accumulator iterated until it leaves a region, per lane.</summary>
    private IEnumerable<Stmt> EscapeLoop(int nesting)
    {
        Ty type = Pick(Ty.Float, Ty.Double, Ty.Int, Ty.Long, Ty.Float);
        string accumulator = Fresh("z");
        string counter = Fresh("n");
        var z = new Name(type, accumulator);
        Expr start = Expression(type, 2, nonConst: true);
        Expr step, condition;
        switch (type)
        {
            case Ty.Float:
            case Ty.Double:
            {
                string suffix = type == Ty.Float ? "f" : "d";
                step = Chance(0.5)
                    ? new Binary(type, "+", new Binary(type, "*", z, z), Expression(type, 1, nonConst: true))
                    : new Binary(type, "-", new Binary(type, "*", z, new Lit(type, "0.75" + suffix)), Expression(type, 1, nonConst: true));
                condition = new Binary(Ty.Bool, Pick("<", "<="), new Binary(type, "*", z, z), new Lit(type, "4" + suffix));
                break;
            }
            default:
            {
                string one = type == Ty.Long ? "1L" : "1";
                var isEven = new Binary(Ty.Bool, "==", new Binary(type, "&", z, new Lit(type, one)), new Lit(type, type == Ty.Long ? "0L" : "0"));
                step = new Conditional(type, isEven, new Binary(type, ">>", z, new Lit(Ty.Int, "1")),
                    new Binary(type, "+", new Binary(type, "*", z, new Lit(type, type == Ty.Long ? "3L" : "3")), new Lit(type, one)));
                condition = new Binary(Ty.Bool, ">", z, new Lit(type, one));
                break;
            }
        }
        _scope.Add(new Var(accumulator, type, Assignable: true));
        _scope.Add(new Var(counter, Ty.Int, Assignable: false));
        _loopDepth++;
        var body = new List<Stmt> { new Assign(accumulator, "=", step) };
        if (Chance(0.5))
            body.AddRange(NestedBlock(nesting));
        _loopDepth--;
        return [new Declare(type, accumulator, start), new While(counter, Pick("ut", "ut", "um"), condition, CounterFirst: Chance(0.5), body.ToImmutableArray()),
            new Assign(Checksum, "+=", new Name(Ty.Int, counter))];
    }

    // ------------------------------------------------------------ expressions

    /// <summary>An expression of exactly <paramref name="type"/> (or one C# implicitly widens to it where that keeps the type).</summary>
    private Expr Expression(Ty type, int depth, bool nonConst = false)
    {
        if (type == Ty.Bool)
            return Bool(depth);
        if (depth <= 0 || Chance(0.22))
            return Leaf(type, nonConst);
        if (type.IsSmall())
            return Small(type, depth, nonConst);

        bool integer = type.IsWideInteger();
        var choices = new List<(double Weight, Func<Expr> Make)>
        {
            (30, () => Arithmetic(type, Pick("+", "-", "*"), depth)),
            (type.IsFloating() ? 6 : 0, () => Arithmetic(type, "/", depth)),
            (integer ? 5 : 0, () => new GuardedDivision(type, Pick("/", "%", "/"), Expression(type, Math.Min(depth - 1, 1)), Exact(type, Math.Min(depth - 1, 1), nonConst: true))),
            (integer ? 2 : 0, () => SafeDivisorDivision(type, depth)),
            (integer ? 8 : 0, () => Bitwise(type, depth)),
            (integer ? 6 : 0, () => new Binary(type, Pick("<<", ">>", ">>>"), Exact(type, depth - 1, nonConst: true), ShiftCount())),
            (type != Ty.UInt ? 3 : 0, () => new Unary(type, "-", Exact(type, depth - 1, nonConst: true))),
            (integer ? 2 : 0, () => new Unary(type, "~", Exact(type, depth - 1, nonConst: true))),
            (8, () => Conversion(type, depth)),
            (4, () => new Promote(type, Expression(Pick(type.ImplicitSources()), depth - 1, nonConst))),
            (8, () => new Conditional(type, Bool(depth - 1), Exact(type, depth - 1), Exact(type, depth - 1))),
            (8, () => MathCall(type, depth)),
            (type == Ty.UInt ? 0 : _scalarOnly ? 3 : 1, () => HelperCall(type, depth)),
            (_scalarOnly && type.IsFloating() ? 2 : 0, () => Arithmetic(type, "%", depth)),
        };
        return Choose(choices)();
    }

    /// <summary>An expression of exactly <paramref name="type"/>, never a promoted narrower one.</summary>
    private Expr Exact(Ty type, int depth, bool nonConst = false)
    {
        for (int attempt = 0; ; attempt++)
        {
            Expr candidate = Expression(type, depth, nonConst);
            if (candidate is not Promote || attempt > 10)
                return candidate is Promote promoted ? new Cast(type, promoted.Operand) : candidate;
        }
    }

    private Expr Arithmetic(Ty type, string op, int depth)
    {
        Expr left = type == Ty.Int && Chance(0.15)
            ? new Promote(Ty.Int, Expression(Pick(Ty.Short, Ty.Byte), depth - 1))
            : Exact(type, depth - 1);
        Expr right = Chance(0.2)
            ? new Promote(type, Expression(Pick(type.ImplicitSources()), depth - 1, nonConst: left.IsConst))
            : Exact(type, depth - 1, nonConst: left.IsConst);
        return Chance(0.5) ? new Binary(type, op, left, right) : new Binary(type, op, right, left);
    }

    private Expr Bitwise(Ty type, int depth)
    {
        Expr left = Exact(type, depth - 1);
        return new Binary(type, Pick("&", "|", "^"), left, Exact(type, depth - 1, nonConst: left.IsConst));
    }

    /// <summary>Division by a divisor that cannot be 0 or -1 by construction: <c>n / ((d &amp; 15) + 1)</c> or a uniform one.</summary>
    private Expr SafeDivisorDivision(Ty type, int depth)
    {
        string one = type switch { Ty.Long => "1L", Ty.UInt => "1u", _ => "1" };
        string mask = type switch { Ty.Long => "15L", Ty.UInt => "15u", _ => "15" };
        Expr divisor = Chance(0.5)
            ? new Binary(type, "+", new Binary(type, "&", Exact(type, 1, nonConst: true), new Lit(type, mask)), new Lit(type, one))
            : type switch
            {
                Ty.Int => new Binary(Ty.Int, "+", new Binary(Ty.Int, "&", new Name(Ty.Int, "ui"), new Lit(Ty.Int, "255")), new Lit(Ty.Int, "1")),
                Ty.Long => new Binary(Ty.Long, "+", new Binary(Ty.Long, "&", new Name(Ty.Long, "ul"), new Lit(Ty.Long, "0xFFFFL")), new Lit(Ty.Long, "1L")),
                _ => new Binary(Ty.UInt, "|", new Name(Ty.UInt, "uu"), new Lit(Ty.UInt, "1u")),
            };
        return new Binary(type, Pick("/", "%"), Exact(type, depth - 1), divisor);
    }

    private Expr Conversion(Ty type, int depth)
    {
        Ty[] sources = TyFacts.Numeric.Where(s => s != type).ToArray();
        Ty source = Pick(sources);
        return new Cast(type, Expression(source, depth - 1, nonConst: true));
    }

    private Expr Small(Ty type, int depth, bool nonConst)
    {
        var choices = new List<(double Weight, Func<Expr> Make)>
        {
            (5, () => new Cast(type, Expression(Pick(Ty.Int, Ty.Long, Ty.UInt, Ty.Int), depth - 1, nonConst: true))),
            (_scalarOnly ? 2 : 0, () => new Cast(type, Expression(Pick(Ty.Float, Ty.Double), depth - 1, nonConst: true))),
            (3, () => new Conditional(type, Bool(depth - 1), Exact(type, depth - 1), Exact(type, depth - 1))),
            (type == Ty.Short ? 1 : 0, () => new Promote(Ty.Short, Expression(Ty.Byte, depth - 1, nonConst))),
            (2, () => Leaf(type, nonConst)),
        };
        return Choose(choices)();
    }

    private Expr MathCall(Ty type, int depth)
    {
        if (type.IsFloating())
        {
            string math = type == Ty.Float ? "MathF" : "Math";
            string suffix = type == Ty.Float ? "f" : "d";
            var choices = new List<(double Weight, Func<Expr> Make)>
            {
                (6, () => new Call(type, $"{math}.{Pick("Sqrt", "Abs", "Floor", "Ceiling", "Round", "Truncate")}", [Exact(type, depth - 1)])),
                (4, () => new Call(type, $"{math}.{Pick("Min", "Max")}", [Exact(type, depth - 1), Exact(type, depth - 1)])),
                (2, () => new Call(type, $"{math}.{Pick("MinMagnitude", "MaxMagnitude")}", [Exact(type, depth - 1), Exact(type, depth - 1)])),
                (2, () => new Call(type, $"{math}.Round", [Exact(type, depth - 1), new Lit(Ty.Int, $"MidpointRounding.{Pick("AwayFromZero", "ToEven", "ToZero", "ToNegativeInfinity", "ToPositiveInfinity")}")])),
                // The sign source is a leaf: a NaN computed from two NaNs may carry either operand's sign, which
                // IEEE 754 leaves open, and CopySign would make that visible in a non-NaN result.
                (2, () => new Call(type, $"{math}.CopySign", [Exact(type, depth - 1), SignSource(type)])),
                (2, () => new Call(type, $"{math}.FusedMultiplyAdd", [Exact(type, depth - 1), Exact(type, depth - 1), Exact(type, depth - 1)])),
                (1, () => new Call(type, "Math.Clamp", [Exact(type, depth - 1), new Lit(type, "-2" + suffix), new Lit(type, "3.5" + suffix)])),
            };
            return Choose(choices)();
        }
        if (Chance(0.8))
            return new Call(type, $"Math.{Pick("Min", "Max")}", [Exact(type, depth - 1), Exact(type, depth - 1)]);
        (string low, string high) = type switch
        {
            Ty.Int => ("-5", "100"),
            Ty.Long => ("-5L", "100L"),
            _ => ("1u", "1000u"),
        };
        return new Call(type, "Math.Clamp", [Exact(type, depth - 1), new Lit(type, low), new Lit(type, high)]);
    }

    private Expr SignSource(Ty type)
        => Chance(0.5) ? ContiguousLoad(type) : Chance(0.5) ? new Name(type, type == Ty.Float ? "uf" : "ud") : Literal(type);

    private Expr HelperCall(Ty type, int depth) => type switch
    {
        Ty.Float => new Call(Ty.Float, Pick("HelpF", "HelpFlow"), [Exact(Ty.Float, depth - 1), Exact(Ty.Float, depth - 1)]),
        Ty.Int when Chance(0.5) => new Call(Ty.Int, "HelpCount", [Exact(Ty.Int, depth - 1), Exact(Ty.Int, depth - 1)]),
        Ty.Double => new Call(Ty.Double, "HelpD", [Exact(Ty.Double, depth - 1)]),
        Ty.Long => new Call(Ty.Long, "HelpL", [Exact(Ty.Long, depth - 1), Exact(Ty.Int, depth - 1)]),
        _ => new Call(Ty.Int, "HelpI", [Exact(Ty.Int, depth - 1), Exact(Ty.Int, depth - 1)]),
    };

    /// <summary>A shift count: uniform (vectorised) in most kernels, per lane in scalar-only ones.</summary>
    private Expr ShiftCount()
    {
        if (_scalarOnly && Chance(0.4))
            return new Binary(Ty.Int, "&", ContiguousLoad(Ty.Int), new Lit(Ty.Int, "15"));
        return Chance(0.5)
            ? new Lit(Ty.Int, Pick("0", "1", "3", "7", "13", "31", "32", "33", "63", "-1"))
            : new Name(Ty.Int, Pick("ui", "um", "ut", "(ui & 7)"));
    }

    private Expr Bool(int depth)
    {
        Var[] bools = _scope.Where(v => v.Type == Ty.Bool).ToArray();
        if (depth <= 0)
            return bools.Length > 0 && Chance(0.3) ? new Name(Ty.Bool, Pick(bools).Name) : Chance(0.08) ? new Name(Ty.Bool, "ub") : Comparison(0);
        var choices = new List<(double Weight, Func<Expr> Make)>
        {
            (12, () => Comparison(depth - 1)),
            (4, () => new Binary(Ty.Bool, Pick("&&", "||"), Bool(depth - 1), Bool(depth - 1))),
            (2, () => new Unary(Ty.Bool, "!", Bool(depth - 1))),
            (2, () => new Binary(Ty.Bool, Pick("&", "|", "^"), Bool(depth - 1), Bool(depth - 1))),
            (1, () =>
            {
                // Different operands: comparing a variable with itself draws CS1718.
                Expr left = Bool(depth - 1), right = Bool(depth - 1);
                return left.Render() == right.Render() ? new Unary(Ty.Bool, "!", left) : new Binary(Ty.Bool, Pick("==", "!="), left, right);
            }),
            (bools.Length > 0 ? (_preferLocals ? 15 : 4) : 0, () => new Name(Ty.Bool, Pick(bools).Name)),
            (1, () => new Name(Ty.Bool, "ub")),
            (1, () => new Conditional(Ty.Bool, Bool(depth - 1), Bool(depth - 1), Bool(depth - 1))),
        };
        return Choose(choices)();
    }

    private Expr Comparison(int depth)
    {
        Ty type = Pick(Ty.Float, Ty.Double, Ty.Int, Ty.Long, Ty.UInt, Ty.Int, Ty.Float);
        string op = Pick("<", "<=", ">", ">=", "==", "!=");
        Expr left = type == Ty.Int && Chance(0.2)
            ? new Promote(Ty.Int, Expression(Pick(Ty.Short, Ty.Byte), depth))
            : Exact(type, depth);
        for (int attempt = 0; attempt < 10; attempt++)
        {
            // A constant against a promoted operand can draw CS0652 (constant outside the narrow type's range);
            // the same variable on both sides draws CS1718.
            Expr right = left is Promote ? Exact(type, depth, nonConst: true) : Exact(type, depth, nonConst: left.IsConst);
            if (right.Render() != left.Render())
                return new Binary(Ty.Bool, op, left, right);
        }
        return new Binary(Ty.Bool, op, left, new GuardedLoad(type, type.Span(), Flat, Padding + 1, Literal(type, finite: true).Render()));
    }

    private Expr Leaf(Ty type, bool nonConst)
    {
        Var[] locals = _scope.Where(v => v.Type == type).ToArray();
        string[] uniforms = type switch
        {
            Ty.Float => ["uf"],
            Ty.Double => ["ud"],
            Ty.Int => ["ui", "um", "ut"],
            Ty.Long => ["ul"],
            Ty.UInt => ["uu"],
            _ => [],
        };
        string[] indices = type == Ty.Int ? (_dimensions == 1 ? ["i"] : ["row", "col"]) : [];
        var choices = new List<(double Weight, Func<Expr> Make)>
        {
            (nonConst ? 0 : 2, () => Literal(type)),
            (uniforms.Length > 0 ? 2 : 0, () => new Name(type, Pick(uniforms))),
            (indices.Length > 0 ? 1 : 0, () => new Name(type, Pick(indices))),
            (locals.Length > 0 ? (_preferLocals ? 15 : 4) : 0, () => new Name(type, Pick(locals).Name)),
            (5, () => ContiguousLoad(type)),
            (_guardedReads ? 1.5 : 0, () => GuardedLoad(type)),
            (IsReduction || type != _output ? 0 : 0.5, () => new Load(type, "y", Flat)),
            (_scalarOnly ? 1 : 0, () => Gather(type)),
        };
        return Choose(choices)();
    }

    private Expr ContiguousLoad(Ty type)
    {
        int offset = _random.Next(-3, 4);
        string index = Flat;
        if (_indexableLoops.Count > 0 && Chance(0.3))
            index += " + " + Pick(_indexableLoops.ToArray());
        if (offset != 0)
            index += offset > 0 ? $" + {offset}" : $" - {-offset}";
        return new Load(type, type.Span(), index);
    }

    private Expr GuardedLoad(Ty type)
    {
        int offset = _random.Next(Padding + 1, 3 * Padding) * (Chance(0.5) ? 1 : -1);
        return new GuardedLoad(type, type.Span(), Flat, offset, Literal(type, finite: true).Render());
    }

    /// <summary><c>if (flat ± K within x) h += (int)x[flat ± K];</c>: a read the if-statement guards.</summary>
    private Stmt GuardedStatement(int depth)
    {
        Ty type = Pick(TyFacts.Numeric);
        int offset = _random.Next(Padding + 1, 3 * Padding);
        bool after = Chance(0.5);
        string span = type.Span();
        Expr condition = after
            ? new Binary(Ty.Bool, "<", new Name(Ty.Int, $"{Flat} + {offset}"), new Name(Ty.Int, $"{span}.Length"))
            : new Binary(Ty.Bool, ">=", new Name(Ty.Int, $"{Flat} - {offset}"), new Lit(Ty.Int, "0"));
        if (Chance(0.3))
            condition = new Binary(Ty.Bool, "&&", condition, Bool(depth - 1));
        var read = new Load(type, span, after ? $"{Flat} + {offset}" : $"{Flat} - {offset}");
        Expr value = type == Ty.Int ? read : new Cast(Ty.Int, read);
        return new If(condition, [new Assign(Checksum, Pick("^=", "+="), value)], null);
    }

    private Expr Gather(Ty type)
    {
        string lane = Chance(0.5) ? $"(xi[{Flat}] & 7)" : $"(xb[{Flat}] & 7)";
        return new Load(type, type.Span(), $"{Flat} + {lane}");
    }

    private Expr Literal(Ty type, bool finite = false) => new Lit(type, type switch
    {
        Ty.Float => finite
            ? Pick("0f", "1f", "-1f", "0.5f", "-2.5f", "3f")
            : Pick("0f", "1f", "-1f", "0.5f", "2f", "-2.5f", "3f", "100f", "0.001f", "-0f", "float.NaN", "float.PositiveInfinity",
                "float.NegativeInfinity", "float.Epsilon", "float.MaxValue", "float.MinValue", "1E-40f", "16777216f"),
        Ty.Double => finite
            ? Pick("0d", "1d", "-1d", "0.5d", "-2.5d", "3d")
            : Pick("0d", "1d", "-1d", "0.5d", "2d", "-2.5d", "3d", "100d", "0.001d", "-0d", "double.NaN", "double.PositiveInfinity",
                "double.NegativeInfinity", "double.Epsilon", "double.MaxValue", "double.MinValue", "1E-310", "9007199254740992d"),
        Ty.Int => Pick("0", "1", "-1", "2", "3", "7", "-8", "31", "32", "100", "-1000", "int.MaxValue", "int.MinValue", "65535", "0x55555555"),
        Ty.Long => Pick("0L", "1L", "-1L", "3L", "63L", "long.MaxValue", "long.MinValue", "4294967296L", "-7L", "0x5555555555555555L"),
        Ty.UInt => Pick("0u", "1u", "2u", "7u", "31u", "255u", "uint.MaxValue", "0x80000000u"),
        Ty.Short => Pick("(short)0", "(short)1", "(short)-1", "(short)7", "(short)300", "short.MaxValue", "short.MinValue"),
        Ty.Byte => Pick("(byte)0", "(byte)1", "(byte)7", "(byte)128", "byte.MaxValue"),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    });

    /// <summary>Avoids <c>x = x</c> (CS1717) by retrying.</summary>
    private Expr NotJust(string name, Ty type, Func<Expr> make)
    {
        for (int attempt = 0; attempt < 10; attempt++)
        {
            Expr candidate = make();
            if (candidate.Render() != name)
                return candidate;
        }
        return type == Ty.Bool ? new Unary(Ty.Bool, "!", new Name(Ty.Bool, name)) : ContiguousLoad(type);
    }

    // ------------------------------------------------------------ randomness

    private string Fresh(string prefix) => prefix + _counter++;

    private bool Chance(double probability) => _random.NextDouble() < probability;

    private T Pick<T>(params T[] items) => items[_random.Next(items.Length)];

    private T Choose<T>(List<(double Weight, T Make)> choices)
    {
        double total = choices.Sum(c => c.Weight);
        double roll = _random.NextDouble() * total;
        foreach ((double weight, T make) in choices)
        {
            if (weight <= 0)
                continue;
            if (roll < weight)
                return make;
            roll -= weight;
        }
        return choices.Last(c => c.Weight > 0).Make;
    }
}

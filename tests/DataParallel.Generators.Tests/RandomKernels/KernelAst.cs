using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;

namespace DataParallel.Generators.Tests.RandomKernels;

/// <summary>The value types a random kernel computes with; <see cref="Bool"/> only feeds conditions.</summary>
internal enum Ty { Float, Double, Int, Long, UInt, Short, Byte, Bool }

internal static class TyFacts
{
    public static readonly Ty[] Numeric = [Ty.Float, Ty.Double, Ty.Int, Ty.Long, Ty.UInt, Ty.Short, Ty.Byte];

    /// <summary>Types C# computes in (the small ones promote to int).</summary>
    public static readonly Ty[] Arithmetic = [Ty.Float, Ty.Double, Ty.Int, Ty.Long, Ty.UInt];

    public static string Keyword(this Ty type) => type switch
    {
        Ty.Float => "float",
        Ty.Double => "double",
        Ty.Int => "int",
        Ty.Long => "long",
        Ty.UInt => "uint",
        Ty.Short => "short",
        Ty.Byte => "byte",
        Ty.Bool => "bool",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool IsFloating(this Ty type) => type is Ty.Float or Ty.Double;

    public static bool IsSmall(this Ty type) => type is Ty.Short or Ty.Byte;

    /// <summary>int, long, uint: the integer types C# computes in.</summary>
    public static bool IsWideInteger(this Ty type) => type is Ty.Int or Ty.Long or Ty.UInt;

    /// <summary>The input span of this element type.</summary>
    public static string Span(this Ty type) => type switch
    {
        Ty.Float => "xf",
        Ty.Double => "xd",
        Ty.Int => "xi",
        Ty.Long => "xl",
        Ty.UInt => "xu",
        Ty.Short => "xs",
        Ty.Byte => "xb",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Types with an implicit numeric conversion to <paramref name="target"/> (C# §10.2.3), so an operand of one of them may stand where <paramref name="target"/> is expected.</summary>
    public static Ty[] ImplicitSources(this Ty target) => target switch
    {
        Ty.Int => [Ty.Short, Ty.Byte],
        Ty.UInt => [Ty.Byte],
        Ty.Long => [Ty.Int, Ty.UInt, Ty.Short, Ty.Byte],
        Ty.Float => [Ty.Int, Ty.UInt, Ty.Long, Ty.Short, Ty.Byte],
        Ty.Double => [Ty.Float, Ty.Int, Ty.UInt, Ty.Long, Ty.Short, Ty.Byte],
        Ty.Short => [Ty.Byte],
        _ => [],
    };
}

// ---------------------------------------------------------------- expressions

/// <summary>A kernel expression; <see cref="Type"/> is exactly the type C# gives its rendering.</summary>
internal abstract record Expr(Ty Type)
{
    /// <summary>A C# constant expression: folded by the compiler, so it must not overflow, divide by zero or be cast.</summary>
    public virtual bool IsConst => false;

    public abstract IEnumerable<Expr> Children { get; }

    public abstract string Render();

    public int Size => 1 + Children.Sum(child => child.Size);
}

/// <summary>A literal or a constant such as <c>float.NaN</c>.</summary>
internal sealed record Lit(Ty Type, string Text) : Expr(Type)
{
    public override bool IsConst => true;
    public override IEnumerable<Expr> Children => [];
    public override string Render() => Text;
}

/// <summary>A uniform parameter, the index, a local or a loop variable.</summary>
internal sealed record Name(Ty Type, string Text) : Expr(Type)
{
    public override IEnumerable<Expr> Children => [];
    public override string Render() => Text;
}

/// <summary>A span element: <c>x[flat + offset]</c> (contiguous), or a gather when <see cref="Index"/> is set.</summary>
internal sealed record Load(Ty Type, string Span, string Index) : Expr(Type)
{
    public override IEnumerable<Expr> Children => [];
    public override string Render() => $"{Span}[{Index}]";
}

/// <summary>A read beyond the padding, guarded by the span's length: <c>(flat + 12 &lt; x.Length ? x[flat + 12] : fallback)</c>.</summary>
internal sealed record GuardedLoad(Ty Type, string Span, string Flat, int Offset, string Fallback) : Expr(Type)
{
    public override IEnumerable<Expr> Children => [];

    public override string Render() => Offset >= 0
        ? $"({Flat} + {Offset} < {Span}.Length ? {Span}[{Flat} + {Offset}] : {Fallback})"
        : $"({Flat} - {-Offset} >= 0 ? {Span}[{Flat} - {-Offset}] : {Fallback})";
}

/// <summary>Promotes an operand implicitly: renders it unchanged where a wider type is expected.</summary>
internal sealed record Promote(Ty Type, Expr Operand) : Expr(Type)
{
    public override bool IsConst => Operand.IsConst;
    public override IEnumerable<Expr> Children => [Operand];
    public override string Render() => Operand.Render();
}

internal sealed record Unary(Ty Type, string Op, Expr Operand) : Expr(Type)
{
    public override IEnumerable<Expr> Children => [Operand];
    public override string Render() => $"{Op}({Operand.Render()})";
}

internal sealed record Binary(Ty Type, string Op, Expr Left, Expr Right) : Expr(Type)
{
    public override IEnumerable<Expr> Children => [Left, Right];
    public override string Render() => $"({Left.Render()} {Op} {Right.Render()})";
}

internal sealed record Cast(Ty Type, Expr Operand) : Expr(Type)
{
    public override IEnumerable<Expr> Children => [Operand];
    public override string Render() => $"(({Type.Keyword()})({Operand.Render()}))";
}

internal sealed record Conditional(Ty Type, Expr Condition, Expr WhenTrue, Expr WhenFalse) : Expr(Type)
{
    public override IEnumerable<Expr> Children => [Condition, WhenTrue, WhenFalse];
    public override string Render() => $"({Condition.Render()} ? {WhenTrue.Render()} : {WhenFalse.Render()})";
}

internal sealed record Call(Ty Type, string Method, ImmutableArray<Expr> Arguments) : Expr(Type)
{
    public override IEnumerable<Expr> Children => Arguments;
    public override string Render() => $"{Method}({string.Join(", ", Arguments.Select(a => a.Render()))})";
}

/// <summary>
/// Integer division or remainder that cannot throw: <c>(d != 0 &amp;&amp; d != -1 ? n / d : n)</c>. The divisor is evaluated
/// in every lane, the quotient only where the guard holds.
/// </summary>
internal sealed record GuardedDivision(Ty Type, string Op, Expr Dividend, Expr Divisor) : Expr(Type)
{
    public override IEnumerable<Expr> Children => [Dividend, Divisor];

    public override string Render()
    {
        string n = Dividend.Render(), d = Divisor.Render();
        return Type switch
        {
            Ty.UInt => $"({d} != 0u ? {n} {Op} {d} : {n})",
            Ty.Long => $"({d} != 0L && {d} != -1L ? {n} {Op} {d} : {n})",
            _ => $"({d} != 0 && {d} != -1 ? {n} {Op} {d} : {n})",
        };
    }
}

// ---------------------------------------------------------------- statements

internal abstract record Stmt
{
    public abstract void Render(StringBuilder text, int indent);

    protected static string Pad(int indent) => new(' ', indent * 4);

    protected static void RenderBlock(IEnumerable<Stmt> statements, StringBuilder text, int indent)
    {
        text.Append(Pad(indent)).AppendLine("{");
        foreach (Stmt statement in statements)
            statement.Render(text, indent + 1);
        text.Append(Pad(indent)).AppendLine("}");
    }
}

internal sealed record Declare(Ty Type, string Name, Expr Value) : Stmt
{
    public override void Render(StringBuilder text, int indent) => text.Append(Pad(indent)).AppendLine($"{Type.Keyword()} {Name} = {Value.Render()};");
}

/// <summary><c>name op value;</c> with op one of =, +=, -=, *=, &amp;=, |=, ^=, &lt;&lt;=, &gt;&gt;=.</summary>
internal sealed record Assign(string Name, string Op, Expr Value) : Stmt
{
    public override void Render(StringBuilder text, int indent) => text.Append(Pad(indent)).AppendLine($"{Name} {Op} {Value.Render()};");
}

/// <summary><c>(a, b) = (valueA, valueB);</c>: both values are computed before either name is assigned.</summary>
internal sealed record TupleAssign(string First, string Second, Expr FirstValue, Expr SecondValue) : Stmt
{
    public override void Render(StringBuilder text, int indent)
        => text.Append(Pad(indent)).AppendLine($"({First}, {Second}) = ({FirstValue.Render()}, {SecondValue.Render()});");
}

internal sealed record Increment(string Name, string Op) : Stmt
{
    public override void Render(StringBuilder text, int indent) => text.Append(Pad(indent)).AppendLine($"{Name}{Op};");
}

internal sealed record Store(string Index, Expr Value) : Stmt
{
    public override void Render(StringBuilder text, int indent) => text.Append(Pad(indent)).AppendLine($"y[{Index}] = {Value.Render()};");
}

internal sealed record Return(Expr? Value) : Stmt
{
    public override void Render(StringBuilder text, int indent)
        => text.Append(Pad(indent)).AppendLine(Value is null ? "return;" : $"return {Value.Render()};");
}

internal sealed record Jump(string Keyword) : Stmt
{
    public override void Render(StringBuilder text, int indent) => text.Append(Pad(indent)).AppendLine(Keyword + ";");
}

internal sealed record If(Expr Condition, ImmutableArray<Stmt> Then, ImmutableArray<Stmt>? Else) : Stmt
{
    public override void Render(StringBuilder text, int indent)
    {
        text.Append(Pad(indent)).AppendLine($"if ({Condition.Render()})");
        RenderBlock(Then, text, indent);
        if (Else is { } otherwise)
        {
            text.Append(Pad(indent)).AppendLine("else");
            RenderBlock(otherwise, text, indent);
        }
    }
}

/// <summary><c>for (int v = 0; v &lt; bound; v++)</c>: the bound is uniform.</summary>
/// <summary>How a for loop walks [0, bound): up by one, down by one, or up by two.</summary>
internal enum LoopDirection { Up, Down, UpByTwo }

internal sealed record For(string Variable, string Bound, ImmutableArray<Stmt> Body, LoopDirection Direction = LoopDirection.Up) : Stmt
{
    public override void Render(StringBuilder text, int indent)
    {
        string v = Variable;
        text.Append(Pad(indent)).AppendLine(Direction switch
        {
            LoopDirection.Down => $"for (int {v} = {Bound} - 1; {v} >= 0; {v}--)",
            LoopDirection.UpByTwo => $"for (int {v} = 0; {v} < {Bound}; {v} += 2)",
            _ => $"for (int {v} = 0; {v} < {Bound}; {v}++)",
        });
        RenderBlock(Body, text, indent);
    }
}

/// <summary>
/// <c>foreach (T v in x.Slice(start, count))</c> over a few elements of an input span's padding, so it stays in
/// bounds for every domain; the body may read <c>v</c>.
/// </summary>
internal sealed record ForEach(Ty Type, string Variable, int Start, int Count, ImmutableArray<Stmt> Body) : Stmt
{
    public override void Render(StringBuilder text, int indent)
    {
        text.Append(Pad(indent)).AppendLine($"foreach ({Type.Keyword()} {Variable} in {Type.Span()}.Slice({Start}, {Count}))");
        RenderBlock(Body, text, indent);
    }
}

/// <summary>
/// <c>int n = 0; while (n &lt; bound &amp;&amp; cond) { n++; … }</c>: the trip count varies by lane through the condition and
/// is capped by the uniform bound, so every lane terminates; the counter steps first so <c>continue</c> cannot spin.
/// </summary>
internal sealed record While(string Counter, string Bound, Expr Condition, bool CounterFirst, ImmutableArray<Stmt> Body) : Stmt
{
    public override void Render(StringBuilder text, int indent)
    {
        text.Append(Pad(indent)).AppendLine($"int {Counter} = 0;");
        string cap = $"{Counter} < {Bound}";
        string condition = CounterFirst ? $"{cap} && {Condition.Render()}" : $"{Condition.Render()} && {cap}";
        text.Append(Pad(indent)).AppendLine($"while ({condition})");
        RenderBlock(Body.Insert(0, new Increment(Counter, "++")), text, indent);
    }
}

// ---------------------------------------------------------------- kernels

internal enum ReduceKind { None, Sum, Product, Min, Max, And, Or, Xor }

/// <summary>One random kernel: its shape, body, and the seed of the inputs it runs on.</summary>
internal sealed record RandomKernel(
    string Name,
    int Dimensions,
    Ty Output,
    ReduceKind Reduce,
    bool FlatLocal,
    ImmutableArray<Stmt> Body,
    int InputSeed)
{
    public bool IsReduction => Reduce != ReduceKind.None;

    /// <summary>The flattened element position: <c>i</c>, or <c>row * w + col</c> for 2-D kernels.</summary>
    public string Flat => FlatLocal ? "o" : Dimensions == 1 ? "i" : "row * w + col";

    /// <summary>Every uniform and input span a kernel may take, in parameter order; a kernel declares those it uses.</summary>
    private static readonly (string Type, string Name)[] s_inputs =
    [
        ("float", "uf"), ("double", "ud"), ("int", "ui"), ("long", "ul"), ("uint", "uu"), ("int", "um"), ("int", "ut"), ("int", "w"), ("bool", "ub"),
        ("ReadOnlySpan<float>", "xf"), ("ReadOnlySpan<double>", "xd"), ("ReadOnlySpan<int>", "xi"), ("ReadOnlySpan<long>", "xl"),
        ("ReadOnlySpan<uint>", "xu"), ("ReadOnlySpan<short>", "xs"), ("ReadOnlySpan<byte>", "xb"),
    ];

    /// <summary>The driver parameters: the domain, then every uniform and input array, then the output.</summary>
    private const string DriverInputs =
        "int lo0, int hi0, int lo1, int hi1, float uf, double ud, int ui, long ul, uint uu, int um, int ut, int w, bool ub, " +
        "float[] xf, double[] xd, int[] xi, long[] xl, uint[] xu, short[] xs, byte[] xb";

    public string IndexParameters => Dimensions == 1 ? "int i" : "int row, int col";

    public string ReturnType => IsReduction ? Output.Keyword() : "void";

    private string BodyText()
    {
        var text = new StringBuilder();
        if (FlatLocal)
            text.AppendLine(Dimensions == 1 ? "        int o = i;" : "        int o = row * w + col;");
        foreach (Stmt statement in Body)
            statement.Render(text, 2);
        return text.ToString();
    }

    /// <summary>The uniforms and spans the body mentions: declaring only those keeps the generated code small.</summary>
    private (string Type, string Name)[] UsedInputs(string body)
        => s_inputs.Where(input => System.Text.RegularExpressions.Regex.IsMatch(body, $@"\b{input.Name}\b")).ToArray();

    /// <summary>The kernel method as C#.</summary>
    public string Render()
    {
        string body = BodyText();
        var parameters = new List<string> { IndexParameters };
        parameters.AddRange(UsedInputs(body).Select(input => $"{input.Type} {input.Name}"));
        if (!IsReduction)
            parameters.Add($"Span<{Output.Keyword()}> y");
        var text = new StringBuilder();
        string attribute = (Dimensions, Reduce) switch
        {
            (1, ReduceKind.None) => "[Parallel]",
            (_, ReduceKind.None) => $"[Parallel(Dimensions = {Dimensions})]",
            (1, _) => $"[Parallel(Reduce = Reduction.{Reduce})]",
            _ => $"[Parallel(Dimensions = {Dimensions}, Reduce = Reduction.{Reduce})]",
        };
        text.AppendLine("    " + attribute);
        text.AppendLine($"    public static {ReturnType} {Name}({string.Join(", ", parameters)})");
        text.AppendLine("    {");
        text.Append(body);
        text.AppendLine("    }");
        return text.ToString();
    }

    /// <summary>The two drivers: <c>{Name}Generated</c> calls the entry point, <c>{Name}Scalar</c> loops the kernel method.</summary>
    public string RenderDrivers()
    {
        string parameters = DriverInputs + (IsReduction ? "" : $", {Output.Keyword()}[] y");
        var arguments = UsedInputs(BodyText()).Select(input => input.Name).ToList();
        if (!IsReduction)
            arguments.Add("y");
        string tail = arguments.Count == 0 ? "" : ", " + string.Join(", ", arguments);
        string ranges = Dimensions == 1 ? "lo0..hi0" : "lo0..hi0, lo1..hi1";
        string indices = Dimensions == 1 ? "i" : "row, col";
        string call = $"Kernels.{Name}({indices}{tail})";
        var text = new StringBuilder();
        text.AppendLine($"    public static {ReturnType} {Name}Generated({parameters}) => Kernels.{Name}({ranges}{tail});");
        text.AppendLine($"    public static {ReturnType} {Name}Scalar({parameters})");
        text.AppendLine("    {");
        if (IsReduction)
            text.AppendLine($"        {Output.Keyword()} acc = {Identity(Output, Reduce)};");
        text.AppendLine(Dimensions == 1
            ? "        for (int i = lo0; i < hi0; i++)"
            : "        for (int row = lo0; row < hi0; row++) for (int col = lo1; col < hi1; col++)");
        text.AppendLine(IsReduction ? $"            acc = {Combine(Output, Reduce, "acc", call)};" : $"            {call};");
        if (IsReduction)
            text.AppendLine("        return acc;");
        text.AppendLine("    }");
        return text.ToString();
    }

    /// <summary>
    /// The GPU drivers, for a compilation referencing DataParallel.Gpu: <c>{Name}GpuSpans</c> calls the span-form GPU
    /// entry point; <c>{Name}GpuViews</c> copies every array to the accelerator, calls the view form, waits, and copies
    /// <c>y</c> back. Both take the CPU drivers' parameters after the accelerator.
    /// </summary>
    public string RenderGpuDrivers()
    {
        string parameters = "ILGPU.Runtime.Accelerator gpu, " + DriverInputs + (IsReduction ? "" : $", {Output.Keyword()}[] y");
        var inputs = UsedInputs(BodyText()).ToList();
        if (!IsReduction)
            inputs.Add(($"Span<{Output.Keyword()}>", "y"));
        string ranges = Dimensions == 1 ? "lo0..hi0" : "lo0..hi0, lo1..hi1";
        string Arguments(Func<(string Type, string Name), string> argument) => string.Concat(inputs.Select(input => ", " + argument(input)));
        static bool IsSpan((string Type, string Name) input) => input.Type.Contains("Span<", StringComparison.Ordinal);

        var text = new StringBuilder();
        text.AppendLine($"    public static {ReturnType} {Name}GpuSpans({parameters}) => Kernels.{Name}(gpu, {ranges}{Arguments(input => input.Name)});");
        text.AppendLine($"    public static {ReturnType} {Name}GpuViews({parameters})");
        text.AppendLine("    {");
        foreach ((string _, string name) in inputs.Where(IsSpan))
            text.AppendLine($"        using var {name}Buffer = GpuDriverSupport.Upload(gpu, {name});");
        string call = $"Kernels.{Name}(gpu, {ranges}{Arguments(input => IsSpan(input) ? $"GpuDriverSupport.View({input.Name}Buffer, {input.Name}.Length)" : input.Name)})";
        if (IsReduction)
        {
            text.AppendLine($"        return {call};");
        }
        else
        {
            text.AppendLine($"        {call};");
            text.AppendLine("        gpu.Synchronize();");
            text.AppendLine("        GpuDriverSupport.View(yBuffer, y.Length).GetAsArray().CopyTo(y, 0);");
        }
        text.AppendLine("    }");
        return text.ToString();
    }

    public static string Identity(Ty type, ReduceKind reduce) => (reduce, type) switch
    {
        (ReduceKind.Sum or ReduceKind.Or or ReduceKind.Xor, _) => $"({type.Keyword()})0",
        (ReduceKind.Product, _) => $"({type.Keyword()})1",
        (ReduceKind.And, _) => $"unchecked(({type.Keyword()})~0UL)",
        (ReduceKind.Min, Ty.Float or Ty.Double) => $"{type.Keyword()}.PositiveInfinity",
        (ReduceKind.Max, Ty.Float or Ty.Double) => $"{type.Keyword()}.NegativeInfinity",
        (ReduceKind.Min, _) => $"{type.Keyword()}.MaxValue",
        (ReduceKind.Max, _) => $"{type.Keyword()}.MinValue",
        _ => throw new ArgumentOutOfRangeException(nameof(reduce)),
    };

    public static string Combine(Ty type, ReduceKind reduce, string left, string right) => reduce switch
    {
        ReduceKind.Sum => $"unchecked(({type.Keyword()})({left} + {right}))",
        ReduceKind.Product => $"unchecked(({type.Keyword()})({left} * {right}))",
        ReduceKind.And => $"({type.Keyword()})({left} & {right})",
        ReduceKind.Or => $"({type.Keyword()})({left} | {right})",
        ReduceKind.Xor => $"({type.Keyword()})({left} ^ {right})",
        ReduceKind.Min => $"Math.Min({left}, {right})",
        ReduceKind.Max => $"Math.Max({left}, {right})",
        _ => throw new ArgumentOutOfRangeException(nameof(reduce)),
    };
}

/// <summary>Helpers a kernel may call (inlined by the generator, or blocking SIMD while they are not).</summary>
internal static class KernelHelpers
{
    public const string Source = """
            private static float HelpF(float a, float b) => a * 0.5f - b;

            private static double HelpD(double a) => a < 0 ? -a * 2 : a + 1;

            private static int HelpI(int a, int b)
            {
                int t = a ^ b;
                return t + (a >> 3);
            }

            private static long HelpL(long a, int s) => (a << (s & 7)) ^ a;

            private static float HelpFlow(float a, float b)
            {
                if (a > b)
                    return a - b;
                float t = b;
                for (int k = 0; k < 3; k++)
                {
                    if (t < a)
                        return t;
                    t = t * 0.5f - 1f;
                }
                return t + a;
            }

            private static int HelpCount(int a, int b)
            {
                int r = 0;
                while (a > 0 && r < 8)
                {
                    r++;
                    a >>= 1;
                    if ((a & b) == 1)
                        break;
                }
                if (r == 0)
                    return b & 3;
                return r;
            }
        """;
}

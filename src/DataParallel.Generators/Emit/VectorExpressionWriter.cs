using System.Collections.Generic;
using System.Linq;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Planning;

namespace DataParallel.Generators.Emit;

/// <summary>
/// Writes a varying IR expression as vector C# for one width: every lane computes what the scalar kernel computes
/// for its index, with the same IEEE operations (no contraction, no reassociation). Uniform subexpressions are
/// computed as scalars and broadcast. Per-lane bools are masks (all bits set or clear) of the mask lane type.
/// <para>
/// <see cref="Guard"/> is the mask of lanes whose results matter: an integer division computes every lane, so the
/// divisor of the others is replaced by 1 and no lane the scalar kernel would not run can fault. In the last,
/// partial vector of a domain (<c>tail</c>), loads repeat the last active element in the inactive lanes and stores
/// write only the active ones.
/// </para>
/// </summary>
internal sealed class VectorExpressionWriter(VectorWidth width, SimdPlan plan, ScalarExpressionWriter scalar, INameScope names, bool tail, IReadOnlyDictionary<string, string> broadcasts, TemporaryNames temporaries, bool fastMath)
{
    private const string Lanes = "Dp::Lanes";
    private const string NarrowLanes = "Dp::NarrowLanes";

    /// <summary>The lane type of masks: as wide as the kernel's lanes.</summary>
    public ScalarKind MaskLane { get; } = plan.LaneBytes == 8 ? ScalarKind.Int64 : ScalarKind.Int32;

    /// <summary>The mask of lanes that matter for the expression being written, or null for all.</summary>
    public string? Guard { get; set; }

    /// <summary>Temporaries the written expression needs, to be declared before the statement that uses it.</summary>
    public List<string> Prelude { get; } = new();

    public string MaskType => width.Type(MaskLane);

    public string AllLanes => $"{width.Api}<{MaskLane.Keyword()}>.AllBitsSet";

    public string NoLanes => $"{width.Api}<{MaskLane.Keyword()}>.Zero";

    /// <summary>The vector that carries values of lane type <paramref name="lane"/> (narrower for 32-bit values when lanes are 64-bit).</summary>
    public VectorWidth WidthOf(ScalarKind lane) => width.For(lane, plan.LaneBytes);

    /// <summary>A mask reinterpreted as a select mask for lanes of <paramref name="lane"/>.</summary>
    public string MaskAs(string mask, ScalarKind lane)
    {
        if (lane == MaskLane || lane == ScalarKind.Boolean)
            return mask;
        if (lane.Size() < MaskLane.Size())
        {
            string narrowed = $"{Lanes}.NarrowMask({mask})";
            return lane == ScalarKind.Int32 ? narrowed : $"{WidthOf(lane).Api}.As<int, {lane.Keyword()}>({narrowed})";
        }
        return $"{width.Api}.As<{MaskLane.Keyword()}, {lane.Keyword()}>({mask})";
    }

    public string Write(KernelExpression expression)
    {
        if (expression.Type == ScalarKind.Boolean)
            return WriteMask(expression);
        ScalarKind lane = expression.Type.LaneType()!.Value;
        VectorWidth w = WidthOf(lane);
        if (plan.Lanes.Classify(expression) == LaneClass.Uniform)
            return Broadcast(expression, lane);
        switch (expression)
        {
            case IndexExpression index:
                return tail
                    ? $"{Lanes}.IndicesTail{w.Bits}({names.Index(index.Dimension)}, __active)"
                    : $"{Lanes}.Indices{w.Bits}({names.Index(index.Dimension)})";
            case LocalExpression local:
                return names.VaryingLocal(local.Name);
            case LoadExpression load:
                return Load(load);
            case UnaryExpression { Checked: true, Operator: UnaryOperator.Negate } negate when lane.IsInteger():
                return $"Dp::CheckedLanes.Negate({Write(negate.Operand)}, {(lane == ScalarKind.Int64 ? "long.MinValue" : "int.MinValue")}, {ActiveLanes(lane)})";
            case UnaryExpression unary:
                return $"({ScalarExpressionWriter.UnaryToken(unary.Operator)}{Write(unary.Operand)})";
            case BinaryExpression binary:
                return Binary(binary, lane);
            case ConvertExpression { Checked: true } convert when convert.Operand.Type.ConversionCanOverflow(convert.Type) && convert.Operand.Type.LaneType() is { } fromLane:
                // The range test runs on the source lanes; the conversion after it is exact for every lane that passed.
                return Convert($"Dp::CheckedLanes.ConvertibleTo<{fromLane.Keyword()}, {convert.Type.Keyword()}>({Write(convert.Operand)}, {ActiveLanes(fromLane)})",
                    convert.Operand.Type, convert.Type);
            case ConvertExpression convert:
                return Convert(Write(convert.Operand), convert.Operand.Type, convert.Type);
            case MathCallExpression call when VectorMath.IsSupported(call):
                return MathCall(call, lane, w);
            case MathCallExpression call:
            {
                // No vector form: the scalar method, lane by lane (bit-identical, not fast).
                string parameters = call.Arguments.Count == 1 ? "v" : "a, b";
                return $"Dp::Lanes.Map<{w.Type(lane)}, {lane.Keyword()}>({string.Join(", ", call.Arguments.Select(Write))}, static ({parameters}) => global::{call.ContainingType}.{call.Method}({parameters}))";
            }
            case ConditionalExpression conditional:
                return Select(conditional, lane);
            default:
                throw new System.InvalidOperationException($"{expression.GetType().Name} has no vector form.");
        }
    }

    /// <summary>A Math/MathF method with a vector form (<see cref="VectorMath.IsSupported"/>), bit-identical to the scalar one.</summary>
    private string MathCall(MathCallExpression call, ScalarKind lane, VectorWidth w)
    {
        var arguments = call.Arguments.Select(Write).ToList();
        switch (call.Method)
        {
            case "Round" when call.RoundingMode is { } mode:
                return $"{w.Api}.Round({arguments[0]}, global::System.MidpointRounding.{mode})";
            case "Abs" when call.Type.IsInteger():
            {
                // Math.Abs throws on the type's MinValue; the lanes of small types hold their exact values.
                string minValue = call.Type switch
                {
                    ScalarKind.SByte => "-128",
                    ScalarKind.Int16 => "-32768",
                    ScalarKind.Int64 => "long.MinValue",
                    _ => "int.MinValue",
                };
                return $"Dp::MathLanes.AbsChecked({arguments[0]}, {minValue}, {ActiveLanes(lane)})";
            }
            case "Sign":
            {
                ScalarKind argumentLane = call.Arguments[0].Type.LaneType()!.Value;
                return $"Dp::MathLanes.{(argumentLane.Size() == 8 ? "SignNarrowed" : "Sign")}({arguments[0]}, {ActiveLanes(argumentLane)})";
            }
            case string bitCount when MathMethodNames.IsBitCount(bitCount):
                // Unsigned lanes in, int counts out (half the width for 64-bit lanes), as Dp::BitLanes' overloads say.
                return $"Dp::BitLanes.{call.Method}({arguments[0]})";
            case "Clamp":
                // The entry point has checked min <= max (SimdPlan.ClampBounds).
                return $"Dp::MathLanes.Clamp({arguments[0]}, {arguments[1]}, {arguments[2]})";
            default:
                return $"{w.Api}.{call.Method}({string.Join(", ", arguments)})";
        }
    }

    /// <summary>
    /// The lanes whose values the scalar kernel computes, as a mask of <paramref name="lane"/>: a method that throws
    /// for some values may throw only for them (a tail's other lanes repeat an active lane's values).
    /// </summary>
    private string ActiveLanes(ScalarKind lane)
        => Guard is not null ? MaskAs(Guard, lane) : $"{WidthOf(lane).Api}<{lane.Keyword()}>.AllBitsSet";

    /// <summary>The address of lane 0 of a contiguous access: its index expression, evaluated as a scalar for lane 0.</summary>
    public string Offset(KernelExpression index) => $"(nuint){scalar.Write(index)}";

    /// <summary>A store of <paramref name="value"/>; under <paramref name="mask"/> only the selected lanes are written.</summary>
    public string Store(StoreStatement store, string value, string? mask)
    {
        if (store.ElementType == ScalarKind.Boolean)
        {
            // A mask becomes 0/1 in int lanes, stored as bytes through the byte view of the bool span.
            string ones = $"({MaskAs(value, ScalarKind.Int32)} & {WidthOf(ScalarKind.Int32).Api}.Create(1))";
            return Store(store with { ElementType = ScalarKind.Byte }, ones, mask, boolElements: true);
        }
        return Store(store, value, mask, boolElements: false);
    }

    private string Store(StoreStatement store, string value, string? mask, bool boolElements)
    {
        if (plan.Classify(store.Id) != AccessClass.Contiguous)
        {
            ScalarKind valueLane = store.ElementType.LaneType()!.Value;
            string indices = Write(store.Index);
            string active = mask is not null ? MaskAs(mask, ScalarKind.Int32) : tail ? $"{Lanes}.TailMask{WidthOf(ScalarKind.Int32).Bits}<int>(__active)" : $"{WidthOf(ScalarKind.Int32).Api}<int>.AllBitsSet";
            if (store.ElementType.IsSmallInteger())
                return $"Dp::GatherLanes.ScatterNarrowed<{WidthOf(ScalarKind.Int32).Type(ScalarKind.Int32)}, {store.ElementType.Keyword()}>({SpanOf(store.Span, boolElements)}, {indices}, {value}, {active});";
            return $"Dp::GatherLanes.Scatter<{WidthOf(valueLane).Type(valueLane)}, {WidthOf(ScalarKind.Int32).Type(ScalarKind.Int32)}, {store.ElementType.Keyword()}>({names.Span(store.Span)}, {indices}, {value}, {active});";
        }
        string reference = names.ProvenRef(store.Span, store.Id)!;
        string offset = Offset(store.Index);
        ScalarKind lane = store.ElementType.LaneType()!.Value;
        VectorWidth w = WidthOf(lane);
        if (store.ElementType.IsSmallInteger())
        {
            if (mask is not null)
                return $"{NarrowLanes}.StoreNarrowedMasked{w.Bits}({value}, ref {reference}, {offset}, {MaskAs(mask, ScalarKind.Int32)});";
            return tail
                ? $"{NarrowLanes}.StoreNarrowedTail{w.Bits}({value}, ref {reference}, {offset}, __active);"
                : $"{NarrowLanes}.StoreNarrowed{w.Bits}({value}, ref {reference}, {offset});";
        }
        if (mask is not null)
            return $"{Lanes}.StoreMasked{w.Bits}({value}, ref {reference}, {offset}, {MaskAs(mask, lane)});";
        return tail
            ? $"{Lanes}.StoreTail{w.Bits}({value}, ref {reference}, {offset}, __active);"
            : $"{w.Api}.StoreUnsafe({value}, ref {reference}, {offset});";
    }

    private string WriteMask(KernelExpression expression)
    {
        if (plan.Lanes.Classify(expression) == LaneClass.Uniform)
            return $"({scalar.Write(expression)} ? {AllLanes} : {NoLanes})";
        switch (expression)
        {
            case LocalExpression local:
                return names.VaryingLocal(local.Name);
            case LoadExpression load:
                return BoolLoad(load);
            case UnaryExpression { Operator: UnaryOperator.LogicalNot } not:
                return $"(~{WriteMask(not.Operand)})";
            case BinaryExpression { Operator: BinaryOperator.ConditionalAnd or BinaryOperator.ConditionalOr } logical:
            {
                // The right side runs only for lanes the left side lets through (false for &&, true for ||).
                string left = Temporary(MaskType, WriteMask(logical.Left));
                string through = logical.Operator == BinaryOperator.ConditionalAnd ? left : $"(~{left})";
                string right = Guarded(Narrow(through), () => WriteMask(logical.Right));
                return logical.Operator == BinaryOperator.ConditionalAnd ? $"({left} & {right})" : $"({left} | {right})";
            }
            case BinaryExpression { Operator: BinaryOperator.And or BinaryOperator.Or or BinaryOperator.ExclusiveOr } bitwise when bitwise.Left.Type == ScalarKind.Boolean:
                return $"({WriteMask(bitwise.Left)} {ScalarExpressionWriter.BinaryToken(bitwise.Operator)} {WriteMask(bitwise.Right)})";
            case BinaryExpression { Left.Type: ScalarKind.Boolean } equality:
            {
                string same = $"(~({WriteMask(equality.Left)} ^ {WriteMask(equality.Right)}))";
                return equality.Operator == BinaryOperator.Equals ? same : $"(~{same})";
            }
            case MathCallExpression classification when VectorMath.IsSupported(classification):
            {
                ScalarKind lane = classification.Arguments[0].Type;
                return AsMask($"{WidthOf(lane).Api}.{classification.Method}({Write(classification.Arguments[0])})", lane);
            }
            case BinaryExpression compare:
            {
                ScalarKind lane = compare.Left.Type.LaneType()!.Value;
                VectorWidth w = WidthOf(lane);
                string left = Write(compare.Left), right = Write(compare.Right);
                string result = compare.Operator switch
                {
                    BinaryOperator.Equals => $"{w.Api}.Equals({left}, {right})",
                    BinaryOperator.NotEquals => $"(~{w.Api}.Equals({left}, {right}))",
                    BinaryOperator.LessThan => $"{w.Api}.LessThan({left}, {right})",
                    BinaryOperator.LessThanOrEqual => $"{w.Api}.LessThanOrEqual({left}, {right})",
                    BinaryOperator.GreaterThan => $"{w.Api}.GreaterThan({left}, {right})",
                    BinaryOperator.GreaterThanOrEqual => $"{w.Api}.GreaterThanOrEqual({left}, {right})",
                    _ => throw new System.ArgumentOutOfRangeException(nameof(compare), compare.Operator, "not a comparison"),
                };
                return AsMask(result, lane);
            }
            case ConditionalExpression conditional:
                return Select(conditional, ScalarKind.Boolean);
            default:
                throw new System.InvalidOperationException($"{expression.GetType().Name} has no mask form.");
        }
    }

    /// <summary>A per-lane result of all bits set or clear in lanes of <paramref name="lane"/>, as a mask of <see cref="MaskLane"/>.</summary>
    private string AsMask(string result, ScalarKind lane)
    {
        if (lane == MaskLane)
            return result;
        ScalarKind sameSizeInteger = lane.Size() == 8 ? ScalarKind.Int64 : ScalarKind.Int32;
        string asInteger = lane == sameSizeInteger ? result : $"{WidthOf(lane).Api}.As<{lane.Keyword()}, {sameSizeInteger.Keyword()}>({result})";
        return sameSizeInteger == MaskLane ? asInteger : $"{Lanes}.WidenMask({asInteger})";
    }

    /// <summary><c>c ? a : b</c> per lane: each side is computed only where it is selected (for faults).</summary>
    private string Select(ConditionalExpression conditional, ScalarKind lane)
    {
        if (plan.Lanes.Classify(conditional.Condition) == LaneClass.Uniform)
            return $"({scalar.Write(conditional.Condition)} ? {Write(conditional.WhenTrue)} : {Write(conditional.WhenFalse)})";
        string condition = Temporary(MaskType, WriteMask(conditional.Condition));
        string whenTrue = Guarded(Narrow(condition), () => Write(conditional.WhenTrue));
        string whenFalse = Guarded(Narrow($"(~{condition})"), () => Write(conditional.WhenFalse));
        return $"{(lane == ScalarKind.Boolean ? width : WidthOf(lane)).Api}.ConditionalSelect({MaskAs(condition, lane)}, {whenTrue}, {whenFalse})";
    }

    /// <summary>The lanes a checked gather loads: the guard's, or all of them.</summary>
    private string IndexMask() => Guard is not null ? MaskAs(Guard, ScalarKind.Int32) : $"{WidthOf(ScalarKind.Int32).Api}<int>.AllBitsSet";

    private string Narrow(string mask) => Guard is null ? mask : $"({Guard} & {mask})";

    private string Guarded(string guard, System.Func<string> write)
    {
        string? outer = Guard;
        Guard = guard;
        try
        {
            return write();
        }
        finally
        {
            Guard = outer;
        }
    }

    private string Temporary(string type, string value)
    {
        string name = temporaries.Next();
        Prelude.Add($"{type} {name} = {value};");
        return name;
    }

    /// <summary>A span for a checked access; bool spans are viewed as bytes.</summary>
    private string SpanOf(string span, bool boolElements)
        => boolElements ? $"global::System.Runtime.InteropServices.MemoryMarshal.Cast<bool, byte>({names.Span(span)})" : names.Span(span);

    /// <summary>A bool element per lane, read as a byte (0 or 1) and turned into a mask.</summary>
    private string BoolLoad(LoadExpression load)
    {
        VectorWidth w = WidthOf(ScalarKind.Int32);
        string bytes = Load(load with { Type = ScalarKind.Byte }, boolElements: true);
        return AsMask($"(~{w.Api}.Equals({bytes}, {w.Api}<int>.Zero))", ScalarKind.Int32);
    }

    private string Load(LoadExpression load, bool boolElements = false)
    {
        VectorWidth w = WidthOf(load.Type.LaneType()!.Value);
        if (plan.Classify(load.Id) != AccessClass.Contiguous)
        {
            string indices = Write(load.Index);
            string? proven = names.ProvenRef(load.Span, load.Id);
            if (load.Type.IsSmallInteger())
            {
                // 8/16-bit elements ride in int lanes: the vector of values is shaped like the vector of indices.
                string widened = $"{WidthOf(ScalarKind.Int32).Type(ScalarKind.Int32)}, {load.Type.Keyword()}";
                return proven is not null && !plan.IsGuarded(load.Id)
                    ? $"Dp::GatherLanes.GatherWidenedUnchecked<{widened}>(ref {proven}, {indices})"
                    : $"Dp::GatherLanes.GatherWidened<{widened}>({SpanOf(load.Span, boolElements)}, {indices}, {IndexMask()})";
            }
            string types = $"{w.Type(load.Type)}, {WidthOf(ScalarKind.Int32).Type(ScalarKind.Int32)}, {load.Type.Keyword()}";
            if (proven is not null && !plan.IsGuarded(load.Id))
                return $"Dp::GatherLanes.GatherUnchecked<{types}>(ref {proven}, {indices})";
            return $"Dp::GatherLanes.Gather<{types}>({names.Span(load.Span)}, {indices}, {IndexMask()})";
        }
        string reference = names.ProvenRef(load.Span, load.Id)!;
        if (plan.IsGuarded(load.Id))
        {
            // Proven only where its guards hold: the other lanes may lie outside the span, so they are not read.
            // In the last vector, lanes past the domain's end are never admitted either (a ?: guard does not know them).
            string tailMask = $"{Lanes}.TailMask{width.Bits}<{MaskLane.Keyword()}>(__active)";
            string mask = (Guard, tail) switch
            {
                (null, true) => tailMask,
                (null, false) => AllLanes,
                (_, true) => $"({Guard} & {tailMask})",
                _ => Guard,
            };
            return load.Type.IsSmallInteger()
                ? $"{NarrowLanes}.LoadWidenedMasked{w.Bits}(ref {reference}, {Offset(load.Index)}, {MaskAs(mask, ScalarKind.Int32)})"
                : $"{Lanes}.LoadMasked<{w.Type(load.Type)}, {load.Type.Keyword()}>(ref {reference}, {Offset(load.Index)}, {MaskAs(mask, load.Type.LaneType()!.Value)})";
        }
        if (load.Type.IsSmallInteger())
            return tail
                ? $"{NarrowLanes}.LoadWidenedTail{w.Bits}(ref {reference}, {Offset(load.Index)}, __active)"
                : $"{NarrowLanes}.LoadWidened{w.Bits}(ref {reference}, {Offset(load.Index)})";
        return tail
            ? $"{Lanes}.LoadTail{w.Bits}(ref {reference}, {Offset(load.Index)}, __active)"
            : $"{w.Api}.LoadUnsafe(ref {reference}, {Offset(load.Index)})";
    }

    private string Broadcast(KernelExpression expression, ScalarKind lane)
    {
        if (expression is UniformExpression or LocalExpression && broadcasts.TryGetValue(expression is UniformExpression u ? u.Name : ((LocalExpression)expression).Name, out string? hoisted))
            return hoisted;
        string value = scalar.Write(expression);
        if (expression.Type != lane)
            value = $"unchecked(({lane.Keyword()}){value})";
        return $"{WidthOf(lane).Api}.Create({value})";
    }

    private string Binary(BinaryExpression binary, ScalarKind lane)
    {
        VectorWidth width = WidthOf(lane);
        string left = Write(binary.Left);
        switch (binary.Operator)
        {
            case BinaryOperator.Add or BinaryOperator.Subtract or BinaryOperator.Multiply when binary.Checked && lane.IsInteger():
                return $"Dp::CheckedLanes.{binary.Operator}({left}, {Write(binary.Right)}, {ActiveLanes(lane)})";
            case BinaryOperator.LeftShift or BinaryOperator.RightShift or BinaryOperator.UnsignedRightShift when plan.Lanes.Classify(binary.Right) == LaneClass.Varying:
            {
                // Per-lane counts: the count is an int, which in 64-bit lanes rides in a narrower vector.
                string counts = Write(binary.Right);
                if (lane.Size() == 8)
                    counts = $"Dp::LaneConvert.Widen<int, {lane.Keyword()}>({counts})";
                else if (lane != ScalarKind.Int32)
                    counts = $"{width.Api}.As<int, {lane.Keyword()}>({counts})";
                string method = binary.Operator switch
                {
                    BinaryOperator.LeftShift => "ShiftLeft",
                    BinaryOperator.RightShift when lane.IsSigned() => "ShiftRightArithmetic",
                    BinaryOperator.RightShift or BinaryOperator.UnsignedRightShift => "ShiftRightLogical",
                    _ => throw new System.ArgumentOutOfRangeException(nameof(binary), binary.Operator, "not a shift"),
                };
                return $"Dp::Lanes.{method}<{width.Type(lane)}, {lane.Keyword()}>({left}, {counts})";
            }
            case BinaryOperator.LeftShift or BinaryOperator.RightShift or BinaryOperator.UnsignedRightShift:
            {
                int mask = lane.Size() * 8 - 1;
                string count = $"({scalar.Write(binary.Right)} & {mask})";
                string method = binary.Operator switch
                {
                    BinaryOperator.LeftShift => "ShiftLeft",
                    BinaryOperator.RightShift when lane.IsSigned() => "ShiftRightArithmetic",
                    BinaryOperator.RightShift or BinaryOperator.UnsignedRightShift => "ShiftRightLogical",
                    _ => throw new System.ArgumentOutOfRangeException(nameof(binary), binary.Operator, "not a shift"),
                };
                return $"{width.Api}.{method}({left}, {count})";
            }
            case BinaryOperator.Divide or BinaryOperator.Remainder when lane.IsInteger() && PowerOfTwoShift(binary.Right, lane) is { } shift:
                return $"Dp::PowerOfTwoDivision.{(binary.Operator == BinaryOperator.Divide ? "Divide" : "Remainder")}({left}, {shift})";
            case BinaryOperator.Divide or BinaryOperator.Remainder when lane.IsInteger():
            {
                // Lanes outside the guard divide by 1: they must not raise what the scalar kernel never would.
                string divisor = Write(binary.Right);
                bool harmless = binary.Right is ConstantExpression { IntegerValue: { } constant } && constant != 0 && constant != -1;
                if (Guard is not null && !harmless)
                    divisor = $"{width.Api}.ConditionalSelect({MaskAs(Guard, lane)}, {divisor}, {width.Api}<{lane.Keyword()}>.One)";
                return binary.Operator == BinaryOperator.Divide ? $"({left} / {divisor})" : $"{Lanes}.Remainder({left}, {divisor})";
            }
            case BinaryOperator.Remainder when lane.IsFloatingPoint():
                // fmod has no vector instruction; lane by lane keeps the exact remainder (and the rest of the kernel vectorised).
                return $"Dp::Lanes.FloatingRemainder<{width.Type(lane)}, {lane.Keyword()}>({left}, {Write(binary.Right)})";
            case BinaryOperator.Add or BinaryOperator.Subtract when fastMath && lane.IsFloatingPoint() && Contractible(binary) is { } fused:
                return fused;
            default:
                return $"({left} {ScalarExpressionWriter.BinaryToken(binary.Operator)} {Write(binary.Right)})";
        }
    }

    /// <summary>k where the divisor is the constant 2^k (1 ≤ k &lt; the lane's bit width), else null.</summary>
    private static int? PowerOfTwoShift(KernelExpression divisor, ScalarKind lane)
    {
        if (divisor is not ConstantExpression { IntegerValue: { } value } || value < 2 || (value & (value - 1)) != 0)
            return null;
        int shift = 0;
        while ((1L << shift) != value)
            shift++;
        return shift < lane.Size() * 8 - (lane.IsSigned() ? 1 : 0) ? shift : null;
    }

    /// <summary>
    /// With <c>FastMath</c>, <c>a * b ± c</c> becomes one fused multiply-add: one rounding instead of two, so the
    /// result may differ from the scalar kernel in the last bit (and is usually closer to exact).
    /// </summary>
    private string? Contractible(BinaryExpression sum)
    {
        VectorWidth w = WidthOf(sum.Type.LaneType()!.Value);
        bool IsProduct(KernelExpression e) => e is BinaryExpression { Operator: BinaryOperator.Multiply, Checked: false } && plan.Lanes.Classify(e) == LaneClass.Varying;
        if (IsProduct(sum.Left))
        {
            var product = (BinaryExpression)sum.Left;
            string addend = sum.Operator == BinaryOperator.Add ? Write(sum.Right) : $"(-{Write(sum.Right)})";
            return $"{w.Api}.FusedMultiplyAdd({Write(product.Left)}, {Write(product.Right)}, {addend})";
        }
        if (IsProduct(sum.Right))
        {
            var product = (BinaryExpression)sum.Right;
            string factor = sum.Operator == BinaryOperator.Add ? Write(product.Left) : $"(-{Write(product.Left)})";
            return $"{w.Api}.FusedMultiplyAdd({factor}, {Write(product.Right)}, {Write(sum.Left)})";
        }
        return null;
    }

    /// <summary>
    /// Converts between lane types of equal width. Small integers live in int lanes holding their exact value, so
    /// converting to one truncates in-lane (mask or sign-extend) exactly as the C# cast does.
    /// </summary>
    private string Convert(string value, ScalarKind from, ScalarKind to)
    {
        ScalarKind fromLane = from.LaneType()!.Value, toLane = to.LaneType()!.Value;
        VectorWidth width = WidthOf(toLane);
        string converted = (fromLane, toLane) switch
        {
            _ when fromLane == toLane => value,
            _ when fromLane.Size() < toLane.Size() => $"Dp::LaneConvert.Widen<{fromLane.Keyword()}, {toLane.Keyword()}>({value})",
            _ when fromLane.Size() > toLane.Size() => $"Dp::LaneConvert.Narrow<{fromLane.Keyword()}, {toLane.Keyword()}>({value})",
            (ScalarKind.Int32, ScalarKind.UInt32) => $"{width.Api}.AsUInt32({value})",
            (ScalarKind.UInt32, ScalarKind.Int32) => $"{width.Api}.AsInt32({value})",
            (ScalarKind.Int64, ScalarKind.UInt64) => $"{width.Api}.AsUInt64({value})",
            (ScalarKind.UInt64, ScalarKind.Int64) => $"{width.Api}.AsInt64({value})",
            (ScalarKind.Int32 or ScalarKind.UInt32, ScalarKind.Single) => $"{width.Api}.ConvertToSingle({value})",
            (ScalarKind.Single, ScalarKind.Int32) => $"{width.Api}.ConvertToInt32({value})",
            (ScalarKind.Single, ScalarKind.UInt32) => $"{width.Api}.ConvertToUInt32({value})",
            (ScalarKind.Int64 or ScalarKind.UInt64, ScalarKind.Double) => $"{width.Api}.ConvertToDouble({value})",
            (ScalarKind.Double, ScalarKind.Int64) => $"{width.Api}.ConvertToInt64({value})",
            (ScalarKind.Double, ScalarKind.UInt64) => $"{width.Api}.ConvertToUInt64({value})",
            _ => throw new System.InvalidOperationException($"No vector conversion from {from} to {to}."),
        };
        return to switch
        {
            ScalarKind.Byte => $"({converted} & {width.Api}.Create(0xFF))",
            ScalarKind.UInt16 => $"({converted} & {width.Api}.Create(0xFFFF))",
            ScalarKind.SByte => $"{width.Api}.ShiftRightArithmetic({width.Api}.ShiftLeft({converted}, 24), 24)",
            ScalarKind.Int16 => $"{width.Api}.ShiftRightArithmetic({width.Api}.ShiftLeft({converted}, 16), 16)",
            _ => converted,
        };
    }
}

/// <summary>Fresh names for the temporaries of one chunk body.</summary>
internal sealed class TemporaryNames
{
    private int _next;

    public string Next() => $"__t{_next++}";
}

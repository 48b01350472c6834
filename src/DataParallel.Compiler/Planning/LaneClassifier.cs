using System.Collections.Generic;
using System.Linq;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Planning;

/// <summary>
/// Classifies values as <see cref="LaneClass.Uniform"/> or <see cref="LaneClass.Varying"/> across the lanes of the
/// fastest index, and control flow as uniform (all lanes take the same path: plain C# control flow in vector code)
/// or varying (lanes diverge: masks). A local is varying when a varying value is assigned to it, or when it is
/// assigned under varying control (lanes then disagree on whether the assignment happened). A loop is varying when
/// its condition is, or when a break, continue or return inside it depends on a varying condition. Everything is
/// found by iterating to a fixed point, since each of these facts can feed the others.
/// </summary>
internal sealed class LaneClassifier
{
    private readonly int _fastestDimension;
    private readonly HashSet<string> _varyingLocals = new();
    private readonly HashSet<int> _varyingLoops = new();
    private bool _changed;

    public LaneClassifier(KernelModel kernel)
    {
        _fastestDimension = kernel.Dimensions - 1;
        do
        {
            _changed = false;
            Walk(kernel.Body, varyingControl: false);
        }
        while (_changed);
    }

    /// <summary>Whether some return happens under varying control: lanes then finish at different points.</summary>
    public bool HasVaryingReturn { get; private set; }

    public LaneClass ClassifyLocal(string name) => _varyingLocals.Contains(name) ? LaneClass.Varying : LaneClass.Uniform;

    public bool IsVarying(LoopStatement loop) => _varyingLoops.Contains(loop.Id);

    public LaneClass Classify(KernelExpression expression) => expression switch
    {
        IndexExpression index => index.Dimension == _fastestDimension ? LaneClass.Varying : LaneClass.Uniform,
        LocalExpression local => ClassifyLocal(local.Name),
        LoadExpression load => Classify(load.Index),
        UnaryExpression unary => Classify(unary.Operand),
        BinaryExpression binary => Join(Classify(binary.Left), Classify(binary.Right)),
        ConvertExpression convert => Classify(convert.Operand),
        ConditionalExpression conditional => Join(Classify(conditional.Condition), Join(Classify(conditional.WhenTrue), Classify(conditional.WhenFalse))),
        MathCallExpression call => call.Arguments.Aggregate(LaneClass.Uniform, (c, a) => Join(c, Classify(a))),
        HelperCallExpression => LaneClass.Varying,
        _ => LaneClass.Uniform,
    };

    private void Walk(KernelStatement statement, bool varyingControl)
    {
        switch (statement)
        {
            case BlockStatement block:
                foreach (KernelStatement inner in block.Statements)
                    Walk(inner, varyingControl);
                break;
            case DeclareLocalStatement { Initializer: { } init } declare:
                // A declaration runs afresh wherever it is; only a varying value makes it varying.
                MarkIf(declare.Name, Classify(init) == LaneClass.Varying);
                break;
            case AssignLocalStatement assign:
                MarkIf(assign.Name, varyingControl || Classify(assign.Value) == LaneClass.Varying);
                break;
            case ReturnStatement when varyingControl:
                if (!HasVaryingReturn)
                {
                    HasVaryingReturn = true;
                    _changed = true;
                }
                break;
            case IfStatement branch:
                bool divergent = varyingControl || Classify(branch.Condition) == LaneClass.Varying;
                Walk(branch.Then, divergent);
                if (branch.Else is not null)
                    Walk(branch.Else, divergent);
                break;
            case LoopStatement loop:
                foreach (KernelStatement initializer in loop.Initializers)
                    Walk(initializer, varyingControl);
                bool varyingLoop = varyingControl
                    || (loop.Condition is { } condition && Classify(condition) == LaneClass.Varying)
                    || HasVaryingExit(loop.Body, insideVaryingIf: false);
                if (varyingLoop && _varyingLoops.Add(loop.Id))
                    _changed = true;
                foreach (KernelStatement increment in loop.Increments)
                    Walk(increment, varyingLoop);
                Walk(loop.Body, varyingLoop);
                break;
        }
    }

    /// <summary>Whether a break, continue or return of this loop (not of a nested one) sits under a varying condition.</summary>
    private bool HasVaryingExit(KernelStatement statement, bool insideVaryingIf) => statement switch
    {
        BreakStatement or ContinueStatement or ReturnStatement => insideVaryingIf,
        BlockStatement block => block.Statements.Any(s => HasVaryingExit(s, insideVaryingIf)),
        IfStatement branch => HasVaryingExit(branch.Then, insideVaryingIf || Classify(branch.Condition) == LaneClass.Varying)
            || (branch.Else is not null && HasVaryingExit(branch.Else, insideVaryingIf || Classify(branch.Condition) == LaneClass.Varying)),
        // A nested loop's break and continue are its own; a return still leaves this loop.
        LoopStatement nested => KernelWalker.Statements(nested.Body).OfType<ReturnStatement>().Any() && (insideVaryingIf || IsVarying(nested)),
        _ => false,
    };

    private void MarkIf(string local, bool varying)
    {
        if (varying && _varyingLocals.Add(local))
            _changed = true;
    }

    private static LaneClass Join(LaneClass a, LaneClass b) => a == LaneClass.Varying || b == LaneClass.Varying ? LaneClass.Varying : LaneClass.Uniform;
}

using System.Collections.Generic;
using System.Linq;
using DataParallel.Analyzers.Model;

namespace DataParallel.Analyzers.Analysis;

/// <summary>
/// Classifies values as <see cref="LaneClass.Uniform"/> or <see cref="LaneClass.Varying"/> across the lanes of the
/// fastest index. A local is varying when any value assigned to it is; the classes are found by iterating to a fixed
/// point, so a loop-carried local that picks up a varying value becomes varying everywhere.
/// </summary>
internal sealed class LaneClassifier
{
    private readonly int _fastestDimension;
    private readonly HashSet<string> _varyingLocals = new();

    public LaneClassifier(KernelModel kernel)
    {
        _fastestDimension = kernel.Dimensions - 1;
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach ((string name, KernelExpression value) in KernelWalker.Assignments(kernel.Body))
            {
                if (!_varyingLocals.Contains(name) && Classify(value) == LaneClass.Varying)
                {
                    _varyingLocals.Add(name);
                    changed = true;
                }
            }
        }
    }

    public LaneClass ClassifyLocal(string name) => _varyingLocals.Contains(name) ? LaneClass.Varying : LaneClass.Uniform;

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

    private static LaneClass Join(LaneClass a, LaneClass b) => a == LaneClass.Varying || b == LaneClass.Varying ? LaneClass.Varying : LaneClass.Uniform;
}

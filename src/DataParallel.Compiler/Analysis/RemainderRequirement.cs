using System.Linq;
using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// A store <c>a[i % n] = …</c> of a one-dimensional kernel writes each element once exactly while the domain of
/// <c>i</c> fits in <c>n</c>: consecutive dividends give distinct remainders as long as no two are <c>n</c> or more
/// apart (C#'s <c>%</c> keeps the dividend's sign, and two remainders are equal only when the dividends differ by a
/// nonzero multiple of <c>n</c>). Only the run time knows the domain and <c>n</c>, so the store against itself is
/// neither a race nor race-free statically: the entry point checks <c>extent(i) &lt;= n</c>. Stores under guards
/// are left to the other tests (a guard may make a longer domain race-free, and the check would refuse it), and so
/// are constant divisors (<c>i % 4</c> is a race for every domain longer than four, and reported as one).
/// </summary>
internal static class RemainderRequirement
{
    public static RuntimeRequirement? For(KernelAccesses accesses, AccessSite store)
    {
        if (accesses.Dimensions != 1 || !store.IsWrite || store.Form.Kind != AccessFormKind.NonAffine || store.Form.Remainder is not { } remainder
            || !store.Context.Guards.IsEmpty || !store.Context.Exact)
            return null;
        PolynomialAtom index = accesses.IndexAtoms[0];
        if (remainder.Dividend.Variables.Any(v => !v.Equals(index)) || remainder.Dividend.CoefficientOf(index).ConstantValue is not (1 or -1))
            return null;
        // A constant divisor (i % 4) bounds every useful domain to a handful of indices: that is a race to report.
        if (remainder.Divisor.HasVariables || remainder.Divisor.IsConstant || remainder.Divisor.ToExpression() is not { } divisor)
            return null;
        var condition = new BinaryExpression(BinaryOperator.LessThanOrEqual, new DomainExtentExpression(0), divisor, ScalarKind.Boolean, false);
        return new RuntimeRequirement(store.Span, store.Display, store.Display, condition, $"extent({index.Display}) <= {remainder.Divisor}");
    }
}

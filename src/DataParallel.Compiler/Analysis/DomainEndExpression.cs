using DataParallel.Compiler.Model;

namespace DataParallel.Compiler.Analysis;

/// <summary>
/// Where index <see cref="Dimension"/>'s range ends in a call's domain (<c>range.End</c>: its start plus its
/// <see cref="DomainExtentExpression"/>). A flattened row <c>a[i * n + j]</c> keeps each index point in its own row
/// only while <c>j</c> stays in <c>[0, n)</c>: the count of <c>j</c> fitting in <c>n</c> is not enough when the range
/// starts past 0 (<c>1..64</c> with <c>n = 63</c> reaches the next row's element 0). Like the extent it appears only
/// in <see cref="RuntimeRequirement.Condition"/>.
/// </summary>
internal sealed record DomainEndExpression(int Dimension) : KernelExpression(ScalarKind.Int64);

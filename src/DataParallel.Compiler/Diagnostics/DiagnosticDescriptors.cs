using Microsoft.CodeAnalysis;

namespace DataParallel.Compiler.Diagnostics;

/// <summary>
/// Every diagnostic DataParallel reports, in one place. IDs: <c>DP0xxx</c> kernel shape and usage,
/// <c>DP1xxx</c> data races, <c>DP2xxx</c> locality, <c>DP3xxx</c> lowering and portability, <c>DP4xxx</c> partitioned arrays.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string ShapeCategory = "DataParallel.Usage";
    private const string LoweringCategory = "DataParallel.Lowering";
    private const string RaceCategory = "DataParallel.Races";
    private const string LocalityCategory = "DataParallel.Locality";
    private const string PartitionCategory = "DataParallel.Partitions";
    private const string HelpLinkBase = "https://github.com/dataparallel/dataparallel/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor KernelNotStatic = Create(
        "DP0001", "Kernel must be static",
        "Kernel '{0}' must be static: a [Parallel] method runs once per index with no instance to share",
        ShapeCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor TypeNotPartial = Create(
        "DP0002", "Kernel's containing types must be partial",
        "Type '{0}' must be declared partial so the generator can add the entry points of kernel '{1}'",
        ShapeCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor IndexNotInt = Create(
        "DP0003", "Index parameter must be int",
        "Parameter '{0}' of kernel '{1}' is index {2} of {3} and must be of type int, not '{4}'",
        ShapeCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor UnsupportedParameter = Create(
        "DP0004", "Unsupported kernel parameter",
        "Parameter '{0}' of kernel '{1}' has type '{2}' ({3}); kernel parameters are int indices, unmanaged scalar uniforms, and ReadOnlySpan<T>/Span<T> of those scalars",
        ShapeCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor MissingReduce = Create(
        "DP0005", "Non-void kernel needs Reduce",
        "Kernel '{0}' returns '{1}' but declares no Reduce; say how per-index values combine, e.g. [Parallel(Reduce = Reduction.Sum)]",
        ShapeCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor EntryPointCollision = Create(
        "DP0006", "Generated entry point collides with a member",
        "The generated entry point {0} of kernel '{1}' has the same signature as an existing member; rename the kernel or that member",
        ShapeCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidDimensions = Create(
        "DP0007", "Invalid Dimensions",
        "Kernel '{0}' declares Dimensions = {1}; it must be 1, 2 or 3 and the kernel must start with that many int index parameters",
        ShapeCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor InvalidReduce = Create(
        "DP0008", "Reduce does not fit the kernel",
        "Kernel '{0}': {1}",
        ShapeCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor GenericKernel = Create(
        "DP0009", "Generic kernels are not supported",
        "Kernel '{0}' {1}; kernels and their containing types cannot be generic",
        ShapeCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor WriteWriteRace = Create(
        "DP1001", "Different indices write the same element",
        "Data race in kernel '{0}': different indices write the same element through {1} ({2})",
        RaceCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor PossibleRace = Create(
        "DP1002", "Data-dependent subscript may race",
        "Possible data race in kernel '{0}': {1} is indexed by data, so different indices may reach the element that {2} accesses; the kernel is race-free only if those subscripts never collide",
        RaceCategory, DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor ReadWriteRace = Create(
        "DP1003", "An index reads what another index writes",
        "Data race in kernel '{0}': {1} reads an element that another index writes through {2} ({3}); the value read depends on timing",
        RaceCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor SharedStateWrite = Create(
        "DP1004", "Every index writes shared state",
        "Data race in kernel '{0}': every index writes {1} ({2}); {3}",
        RaceCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor SharedAccumulation = Create(
        "DP1005", "Accumulation into shared state",
        "Data race in kernel '{0}': every index updates {1} with '{2}', and concurrent updates are lost; {3}",
        RaceCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor StridedAccess = Create(
        "DP2001", "Strided access across the fastest index",
        "In kernel '{0}', {1} steps {2} elements from one '{3}' to the next: neighbouring lanes touch different cache lines, so no single vector load or store covers them",
        LocalityCategory, DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor IndexOrderWalksColumns = Create(
        "DP2002", "Index order walks columns",
        "In kernel '{0}', {1} walks a column: '{2}' varies fastest but moves {3} elements, while '{4}' moves one; swap the two indices so that '{4}' is the last",
        LocalityCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor Gather = Create(
        "DP2003", "Gather across the fastest index",
        "In kernel '{0}', {1} is indexed by data that varies with '{2}': each lane goes to its own address (a gather or scatter)",
        LocalityCategory, DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor LanesWalkRows = Create(
        "DP2004", "Each lane walks its own row",
        "In kernel '{0}', {1} gives each '{2}' its own row ({3} elements apart) and walks it with loop variable '{4}': lanes never share a cache line; {5}",
        LocalityCategory, DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor ColumnWalk = Create(
        "DP2005", "Column walk of row-major data",
        "In kernel '{0}', {1} walks a column: '{2}' varies fastest but moves {3} elements, while '{4}' moves one",
        LocalityCategory, DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor InnerLoopStride = Create(
        "DP2006", "Inner loop strides through memory",
        "In kernel '{0}', {1} is the same for every lane, and the inner loop over '{2}' moves it {3} elements per iteration: each iteration touches a new cache line{4}",
        LocalityCategory, DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor SimdBlocked = Create(
        "DP3001", "Kernel runs multi-core scalar, not SIMD",
        "Kernel '{0}' is not vectorised: {1}; {2}",
        LoweringCategory, DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor GpuBlocked = Create(
        "DP3003", "Kernel gets no GPU entry points",
        "Kernel '{0}' gets no GPU entry points: {1}; it keeps its CPU entry points",
        LoweringCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor UnsupportedConstruct = Create(
        "DP3002", "Construct not allowed in a kernel",
        "{0} is not allowed in kernel '{1}': {2}",
        LoweringCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor SimdLoweringFailure = Create(
        "DP3998", "The SIMD lowering failed on a kernel",
        "The SIMD lowering failed on kernel '{0}' ({1}); it runs multi-core scalar instead, with correct results. Please report this.",
        LoweringCategory, DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor GeneratorFailure = Create(
        "DP3999", "The generator failed on a kernel",
        "The DataParallel generator failed on kernel '{0}' and generated no entry points for it: {1}. Please report this.",
        LoweringCategory, DiagnosticSeverity.Error);

    public static readonly DiagnosticDescriptor NotPartitionable = Create(
        "DP4001", "Kernel cannot run on partitioned arrays",
        "'{0}' takes partitioned arrays, but kernel '{1}' cannot run partitioned: {2}; the call throws NotSupportedException",
        PartitionCategory, DiagnosticSeverity.Warning);

    private static DiagnosticDescriptor Create(string id, string title, string message, string category, DiagnosticSeverity severity)
        => new(id, title, message, category, severity, isEnabledByDefault: true,
            helpLinkUri: HelpLinkBase + id + ".md");
}

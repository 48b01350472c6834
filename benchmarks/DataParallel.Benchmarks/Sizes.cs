namespace DataParallel.Benchmarks;

/// <summary>The element counts every kernel is measured at.</summary>
public static class Sizes
{
    /// <summary>16 KiB per array: fits in L1, where threads cannot pay for themselves.</summary>
    public const int L1 = 4_096;

    /// <summary>4 MiB per array: around the last-level cache.</summary>
    public const int Cache = 1_048_576;

    /// <summary>64 MiB per array: main memory.</summary>
    public const int Memory = 16_777_216;
}

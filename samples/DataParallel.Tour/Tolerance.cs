namespace DataParallel.Tour;

/// <summary>
/// How closely the generated results must match the scalar loop's: the same bits, within some ulps, or — for
/// reductions, whose additions the parallel version groups differently — within a relative error.
/// </summary>
internal readonly record struct Tolerance(int MaxUlps, double MaxRelative = 0)
{
    /// <summary>Every element must have the scalar loop's exact bits (the contract for non-transcendental kernels).</summary>
    public static Tolerance Bitwise { get; } = new(0);

    /// <summary>Every element may differ from the scalar loop's by at most <paramref name="maxUlps"/> units in the last place.</summary>
    public static Tolerance Ulps(int maxUlps) => new(maxUlps);

    /// <summary>Every element may differ from the scalar loop's by at most <paramref name="maxRelative"/> of its magnitude.</summary>
    public static Tolerance Relative(double maxRelative) => new(0, maxRelative);

    public bool IsBitwise => MaxUlps == 0 && MaxRelative == 0;

    public bool IsRelative => MaxRelative > 0;
}

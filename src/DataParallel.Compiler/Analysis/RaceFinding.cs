namespace DataParallel.Compiler.Analysis;

/// <summary>One race to report, on <see cref="Site"/>.</summary>
/// <param name="Kind">What kind of race.</param>
/// <param name="Site">The access the diagnostic goes on.</param>
/// <param name="Other">The access it races with (the same site for a store racing with itself).</param>
/// <param name="Witness">Two index points that conflict, when known.</param>
/// <param name="Scratch">For <see cref="RaceKind.SharedState"/> on a span element: the element is written and read back as scratch.</param>
internal sealed record RaceFinding(RaceKind Kind, AccessSite Site, AccessSite Other, ConflictWitness? Witness, bool Scratch = false);

namespace DataParallel.Compiler.Analysis;

/// <summary>Two index points of a <see cref="ConcreteRun"/> that touched one element through two sites (at least one a write).</summary>
internal sealed record ConcreteConflict(int FirstSite, int SecondSite, long FirstPoint, long SecondPoint, long Element);

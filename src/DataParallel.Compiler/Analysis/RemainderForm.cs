namespace DataParallel.Compiler.Analysis;

/// <summary>
/// A subscript <c>Dividend % Divisor</c> with a uniform divisor (<c>i % n</c>): not a polynomial, but injective over
/// any run of consecutive dividends no longer than the divisor, which is what <see cref="RemainderRequirement"/>
/// turns into a run-time check.
/// </summary>
internal sealed record RemainderForm(Polynomial Dividend, Polynomial Divisor);

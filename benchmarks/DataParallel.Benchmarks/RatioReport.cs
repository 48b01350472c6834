using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DataParallel.Benchmarks;

/// <summary>
/// A markdown table, next to BenchmarkDotNet's own reports, of how the <c>Generated</c> benchmark compares with
/// every other method of its class at each parameter set: that method's mean time divided by Generated's, so a
/// number above 1 means Generated is faster. BenchmarkDotNet's ratio column compares only with the one baseline.
/// </summary>
public sealed class RatioReport : ExporterBase
{
    private const string Subject = "Generated";

    protected override string FileExtension => "md";

    protected override string FileCaption => "ratios";

    public override void ExportToLog(Summary summary, ILogger logger)
    {
        foreach (IGrouping<Type, BenchmarkReport> benchmarkClass in summary.Reports.GroupBy(r => r.BenchmarkCase.Descriptor.Type))
        {
            if (!benchmarkClass.Any(r => MethodName(r.BenchmarkCase) == Subject))
                continue;
            string[] others = benchmarkClass
                .Select(r => MethodName(r.BenchmarkCase))
                .Distinct()
                .Where(name => name != Subject)
                .ToArray();

            logger.WriteLine($"## {benchmarkClass.Key.Name}: speed-up of {Subject} over each method");
            logger.WriteLine();
            logger.WriteLine($"Each cell is that method's mean time ÷ {Subject}'s (> 1: {Subject} is faster).");
            logger.WriteLine();
            logger.WriteLine($"| Job | Parameters | {Subject} mean | " + string.Join(" | ", others.Select(o => "vs " + o)) + " |");
            logger.WriteLine("|---|---|--:|" + string.Concat(others.Select(_ => "--:|")));

            var runs = benchmarkClass.GroupBy(r => (Job: r.BenchmarkCase.Job.ResolvedId, Parameters: Parameters(r.BenchmarkCase)));
            foreach (var run in runs)
            {
                Dictionary<string, double> means = run
                    .Where(r => r.ResultStatistics is not null)
                    .ToDictionary(r => MethodName(r.BenchmarkCase), r => r.ResultStatistics!.Mean);
                string subjectMean = means.TryGetValue(Subject, out double generated) ? Time(generated) : "–";
                IEnumerable<string> ratios = others.Select(o =>
                    means.TryGetValue(o, out double other) && generated > 0
                        ? (other / generated).ToString("0.00", CultureInfo.InvariantCulture) + "×"
                        : "–");
                logger.WriteLine($"| {run.Key.Job} | {run.Key.Parameters} | {subjectMean} | {string.Join(" | ", ratios)} |");
            }
            logger.WriteLine();
        }
    }

    private static string MethodName(BenchmarkCase benchmark) => benchmark.Descriptor.WorkloadMethod.Name;

    private static string Parameters(BenchmarkCase benchmark)
        => string.Join(", ", benchmark.Parameters.Items.Select(p => $"{p.Name} = {Invariant(p.Value)}"));

    private static string? Invariant(object? value)
        => value is int count ? count.ToString("N0", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture);

    private static string Time(double nanoseconds) => nanoseconds switch
    {
        < 1e3 => Format(nanoseconds, "ns"),
        < 1e6 => Format(nanoseconds / 1e3, "μs"),
        < 1e9 => Format(nanoseconds / 1e6, "ms"),
        _ => Format(nanoseconds / 1e9, "s"),
    };

    private static string Format(double value, string unit) => value.ToString("0.000", CultureInfo.InvariantCulture) + " " + unit;
}

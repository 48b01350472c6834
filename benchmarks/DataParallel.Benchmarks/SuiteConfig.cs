using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace DataParallel.Benchmarks;

/// <summary>The suite's BenchmarkDotNet configuration: the defaults (GitHub markdown among them), ratios as plain numbers, and <see cref="RatioReport"/>.</summary>
public static class SuiteConfig
{
    /// <summary>
    /// The configuration. <paramref name="quick"/> adds a job with few warm-ups and iterations that runs the whole
    /// suite in about a quarter of an hour; without it, jobs come from BenchmarkDotNet's defaults or its
    /// <c>--job</c> option (<c>--job short</c> is the other quick choice).
    /// </summary>
    public static IConfig Create(bool quick)
    {
        ManualConfig config = ManualConfig.Create(DefaultConfig.Instance)
            .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Value))
            .AddColumn(BaselineRatioColumn.RatioMean)
            // The defaults already export GitHub markdown; this adds the comparison of Generated with every method.
            .AddExporter(new RatioReport());
        if (quick)
        {
            config.AddJob(Job.Default
                .WithId("Quick")
                .WithLaunchCount(1)
                .WithWarmupCount(2)
                .WithIterationCount(5));
        }
        return config;
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DataParallel.Benchmarks;

/// <summary>
/// Entry point. Takes BenchmarkDotNet's usual arguments (<c>--filter '*Saxpy*'</c>, <c>--job short</c>, …) plus
/// <c>--quick</c> for the suite's own short job (see <see cref="SuiteConfig"/>), or <c>--interleaved [filter] [--reps N]</c>
/// for <see cref="InterleavedHarness"/> instead of BenchmarkDotNet.
/// </summary>
public static class Program
{
    private const string QuickOption = "--quick";
    private const string InterleavedOption = "--interleaved";

    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0].Equals(InterleavedOption, StringComparison.OrdinalIgnoreCase))
        {
            int repsAt = Array.FindIndex(args, a => a == "--reps");
            int reps = repsAt > 0 && repsAt + 1 < args.Length ? int.Parse(args[repsAt + 1]) : 201;
            string filter = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : "";
            InterleavedHarness.Run(filter, reps);
            return 0;
        }

        bool quick = args.Contains(QuickOption, StringComparer.OrdinalIgnoreCase);
        string[] benchmarkArgs = args.Where(a => !a.Equals(QuickOption, StringComparison.OrdinalIgnoreCase)).ToArray();

        IEnumerable<Summary> summaries = BenchmarkSwitcher
            .FromAssembly(typeof(Program).Assembly)
            .Run(benchmarkArgs, SuiteConfig.Create(quick));

        // A failed or invalid benchmark should fail the command that ran it, not just print a line in the log.
        bool failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        return failed ? 1 : 0;
    }
}

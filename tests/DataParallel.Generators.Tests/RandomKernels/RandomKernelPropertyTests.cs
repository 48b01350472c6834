using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace DataParallel.Generators.Tests.RandomKernels;

/// <summary>
/// Property (issue 3, DESIGN §7): for every kernel of the language, the generated entry point computes what the
/// kernel method computes when looped in order — bit for bit, on every vector width and thread count, on domains
/// around the vector widths. FsCheck draws batches of random kernels (<see cref="KernelBuilder"/>); each batch is
/// one compilation. A failure is shrunk to a small kernel and reported with its source, inputs and the FsCheck
/// seed that replays it.
/// </summary>
/// <remarks>
/// Reproducible by default (a fixed seed). To explore: <c>DATAPARALLEL_FUZZ_SEED=&lt;n&gt;</c> (or <c>random</c>) and
/// <c>DATAPARALLEL_FUZZ_BATCHES=&lt;n&gt;</c>; <c>DATAPARALLEL_FUZZ_BATCH=&lt;seed&gt;:&lt;complexity&gt;</c> replays the one batch a
/// failure names; <c>DATAPARALLEL_FUZZ_DUMP=&lt;directory&gt;</c> writes each batch's source there.
/// </remarks>
public sealed class RandomKernelPropertyTests(ITestOutputHelper output)
{
    private const ulong DefaultSeed = 0x5EED_2025_0003UL;
    private const int DefaultBatches = 6;
    private const int KernelsPerBatch = 40;

    /// <summary>Every fourth kernel also runs on a large domain (several chunks, two threads).</summary>
    private const int LargeEvery = 4;

    [Fact]
    public void Random_kernels_match_their_scalar_kernels_bit_for_bit()
    {
        var stats = new RunStatistics();
        if (Environment.GetEnvironmentVariable("DATAPARALLEL_FUZZ_BATCH") is { Length: > 0 } single)
        {
            // Replays one batch from a failure report: "seed:complexity".
            string[] parts = single.Split(':');
            CheckBatch(KernelBatch.Create(int.Parse(parts[0]), int.Parse(parts[1]), KernelsPerBatch), stats);
            output.WriteLine(stats.Describe());
            return;
        }

        ulong seed = Environment.GetEnvironmentVariable("DATAPARALLEL_FUZZ_SEED") switch
        {
            null or "" => DefaultSeed,
            "random" => (ulong)Random.Shared.NextInt64(),
            var text => ulong.Parse(text),
        };
        int batches = int.TryParse(Environment.GetEnvironmentVariable("DATAPARALLEL_FUZZ_BATCHES"), out int b) && b > 0 ? b : DefaultBatches;
        output.WriteLine($"FsCheck seed {seed} (DATAPARALLEL_FUZZ_SEED replays it), {batches} batches of {KernelsPerBatch} kernels.");

        // Size grows over the run (FsCheck's convention): later batches hold deeper expressions and longer bodies.
        Gen<KernelBatch> batchesGen = Gen.Sized(size =>
            Gen.Choose(0, int.MaxValue).Select(batchSeed => KernelBatch.Create(batchSeed, Math.Clamp(size, 0, 3), KernelsPerBatch)));
        Property property = Prop.ForAll(Arb.From(batchesGen), (KernelBatch batch) => CheckBatch(batch, stats));
        Config config = Config.QuickThrowOnFailure
            .WithMaxTest(batches)
            .WithStartSize(0)
            .WithEndSize(batches - 1)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
        Check.One(config, property);

        output.WriteLine(stats.Describe());
        Assert.True(stats.Kernels >= batches * KernelsPerBatch, $"Only {stats.Kernels} kernels were checked.");
    }

    /// <summary>Compiles a batch and checks every kernel; throws a report (kernel source, inputs, shrunk kernel) on the first failure.</summary>
    private static void CheckBatch(KernelBatch batch, RunStatistics stats)
    {
        if (Environment.GetEnvironmentVariable("DATAPARALLEL_FUZZ_DUMP") is { Length: > 0 } dump)
        {
            Directory.CreateDirectory(dump);
            File.WriteAllText(Path.Combine(dump, $"batch-{batch.Seed}.cs"), new BatchSource(batch.Kernels).Text);
        }
        var clock = Stopwatch.StartNew();
        var compiled = CompiledBatch.Compile(batch.Kernels, dropRejected: false, out _);
        stats.Compiling += clock.Elapsed;
        for (int k = 0; k < batch.Kernels.Length; k++)
        {
            RandomKernel kernel = batch.Kernels[k];
            clock.Restart();
            KernelFailure? failure = KernelChecker.Check(compiled, kernel, KernelChecker.ShapesFor(kernel, large: k % LargeEvery == 0));
            stats.Running += clock.Elapsed;
            if (failure is not null)
                throw new XunitException(Report(batch, failure, compiled));
            stats.Kernels++;
            if (compiled.IsVectorised(kernel.Name))
                stats.Vectorised++;
            if (compiled.IsJammed(kernel))
                stats.Jammed++;
        }
    }

    private sealed class RunStatistics
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        public int Kernels, Vectorised, Jammed;
        public TimeSpan Compiling, Running;

        public string Describe()
            => $"{Kernels} random kernels matched their scalar kernels ({Vectorised} lowered to SIMD, {Jammed} of them jammed across lanes) in {_clock.Elapsed.TotalSeconds:F1} s " +
               $"({Compiling.TotalSeconds:F1} s compiling, {Running.TotalSeconds:F1} s running).";
    }

    private static string Report(KernelBatch batch, KernelFailure failure, CompiledBatch compiled)
    {
        var text = new StringBuilder();
        text.AppendLine($"A random kernel disagrees with its scalar kernel ({batch}; DATAPARALLEL_FUZZ_BATCH={batch.Seed}:{batch.Complexity} replays this batch alone).");
        text.AppendLine(failure.Describe());
        if (compiled.Generated.TryGetValue(failure.Kernel.Name, out string? generated))
            text.AppendLine($"Its generated source: {Save(failure.Kernel.Name + "-original", generated)}");

        (KernelFailure shrunk, CompiledBatch? shrunkBatch, int rounds) = KernelShrinker.Shrink(failure, TimeSpan.FromSeconds(90));
        if (rounds > 0)
        {
            text.AppendLine($"Shrunk in {rounds} round(s) to:");
            text.AppendLine(shrunk.Describe());
            if (shrunkBatch?.Generated.TryGetValue(shrunk.Kernel.Name, out string? shrunkGenerated) == true)
                text.AppendLine($"Its generated source: {Save(shrunk.Kernel.Name + "-shrunk", shrunkGenerated)}");
        }
        return text.ToString();
    }

    private static string Save(string name, string source)
    {
        string directory = Path.Combine(Path.GetTempPath(), "dataparallel-random-kernels");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"{name}-{Guid.NewGuid():N}.g.cs");
        File.WriteAllText(path, source);
        return path;
    }
}

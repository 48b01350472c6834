using System;
using DataParallel.CompilerServices;
using Xunit;

namespace DataParallel.Runtime.Tests.Scheduling;

/// <summary>
/// Deterministic reductions (DESIGN §3): the result depends only on the input, never on how many threads ran or
/// which chunk finished first. A float sum makes any regrouping visible in the bits.
/// </summary>
public sealed class ChunkSchedulerReduceTests
{
    private const int Count = 400_000;
    private const int Cost = 8;
    private const int Granularity = 16;

    private static readonly float[] s_values = CreateValues();

    private static float[] CreateValues()
    {
        // Magnitudes spread over many binades, both signs: reassociation changes the rounding.
        var random = new Random(20240611);
        var values = new float[Count];
        for (int i = 0; i < values.Length; i++)
            values[i] = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-6, 7)));
        return values;
    }

    private static float ReduceWith(ExecutionMode mode, int threads)
    {
        var args = new SummingArgs { Values = s_values };
        using (DataParallelSettings.Override(mode: mode, maxDegreeOfParallelism: threads))
            return ChunkScheduler.Reduce<SummingKernel, SummingArgs, float>(ref args, Count, Cost, Granularity, identity: 0f);
    }

    /// <summary>The documented combination: per-chunk partials folded in chunk order, starting from the identity.</summary>
    private static float ChunkOrderedSum()
    {
        ChunkPlan plan = ChunkPlan.Create(Count, Cost, Granularity);
        float result = 0f;
        for (int chunk = 0; chunk < plan.ChunkCount; chunk++)
        {
            float partial = 0f;
            for (int i = plan.Begin(chunk); i < plan.End(chunk); i++)
                partial += s_values[i];
            result += partial;
        }
        return result;
    }

    [Fact]
    public void The_test_domain_is_large_enough_for_threads()
        => Assert.True(ChunkPlan.Create(Count, Cost, Granularity).WorthThreads);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void The_result_has_the_same_bits_on_any_number_of_threads(int threads)
    {
        float expected = ChunkOrderedSum();

        for (int repetition = 0; repetition < 5; repetition++)
        {
            float actual = ReduceWith(ExecutionMode.Auto, threads);
            Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(actual));
        }
    }

    [Fact]
    public void Sequential_mode_combines_chunk_partials_in_the_same_order()
        => Assert.Equal(BitConverter.SingleToInt32Bits(ChunkOrderedSum()), BitConverter.SingleToInt32Bits(ReduceWith(ExecutionMode.Sequential, 4)));

    [Fact]
    public void An_empty_domain_returns_the_identity()
    {
        var args = new SummingArgs { Values = ReadOnlySpan<float>.Empty };

        float result = ChunkScheduler.Reduce<SummingKernel, SummingArgs, float>(ref args, 0, Cost, Granularity, identity: -7.5f);

        Assert.Equal(-7.5f, result);
    }

    [Fact]
    public void The_identity_is_combined_first()
    {
        // With a non-neutral identity the fold order becomes observable: identity + partial0 + partial1 + …
        var args = new SummingArgs { Values = s_values };
        float viaScheduler;
        using (DataParallelSettings.Override(maxDegreeOfParallelism: 2))
            viaScheduler = ChunkScheduler.Reduce<SummingKernel, SummingArgs, float>(ref args, Count, Cost, Granularity, identity: 1e7f);

        ChunkPlan plan = ChunkPlan.Create(Count, Cost, Granularity);
        float expected = 1e7f;
        for (int chunk = 0; chunk < plan.ChunkCount; chunk++)
        {
            var chunkArgs = new SummingArgs { Values = s_values };
            expected += SummingKernel.Execute(ref chunkArgs, plan.Begin(chunk), plan.End(chunk));
        }
        Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(viaScheduler));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void An_exception_in_a_chunk_reaches_the_caller(int threads)
    {
        using (DataParallelSettings.Override(mode: ExecutionMode.Auto, maxDegreeOfParallelism: threads))
        {
            Assert.Throws<KernelFailureException>(() =>
            {
                // Built inside the lambda: a ref struct cannot be captured.
                var args = new FailingArgs { FailingOffset = Count - 1, Output = new int[Count] };
                return ChunkScheduler.Reduce<FailingKernel, FailingArgs, long>(ref args, Count, Cost, Granularity, identity: 0L);
            });
        }
    }

    [Fact]
    public void A_reduction_sees_every_offset_once()
    {
        var args = new FailingArgs { FailingOffset = -1, Output = new int[Count] };

        long visited;
        using (DataParallelSettings.Override(maxDegreeOfParallelism: 3))
            visited = ChunkScheduler.Reduce<FailingKernel, FailingArgs, long>(ref args, Count, Cost, Granularity, identity: 0L);

        Assert.Equal(Count, visited);
    }
}

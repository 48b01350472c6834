using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Masked assignments in loops whose trip count varies by lane: a local the kernel no longer reads once a lane has
/// left the loop is assigned in every lane without a blend, while a <c>continue</c>, a read after the loop, an
/// enclosing loop or an address computed from the local keeps the blends; integer steps <c>x ± e</c> under a mask
/// add or subtract the masked step. Every kernel must still give the scalar kernel's bits, including with
/// NaN, infinities and overflow in the lanes that left.
/// </summary>
public sealed class VaryingLoopBlendDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            // z, w and t are dead after the loop; count is not. A break and a return retire lanes mid-iteration.
            [Parallel]
            public static void Escape(int i, int limit, ReadOnlySpan<float> x, Span<int> steps)
            {
                float z = x[i], w = 0f;
                int count = 0;
                while (count < limit && z * z < 1e6f)
                {
                    float t = z * 0.5f + w;
                    w = z - t;
                    if (w > 100f)
                        break;
                    if (t < -1e5f)
                        return;
                    z = t * t - 1.25f;
                    count++;
                }
                steps[i] = count;
            }

            // A continue keeps lanes in the loop while they sit out the rest of an iteration: z must blend.
            [Parallel]
            public static void SkipsAnIteration(int i, int limit, ReadOnlySpan<float> x, Span<int> y)
            {
                float z = x[i];
                int hits = 0, k = 0;
                while (k < limit && z < 1e4f)
                {
                    k++;
                    if (z < 0.5f)
                    {
                        z = z + 1f;
                        continue;
                    }
                    z = z * 1.5f - 0.25f;
                    hits += 2;
                }
                y[i] = hits * 1000 + k;
            }

            // j is dead after the loop but addresses memory: the left lanes must keep an index the scalar kernel had.
            [Parallel]
            public static void Scan(int i, int stride, ReadOnlySpan<float> x, Span<int> y)
            {
                int j = i;
                int found = 0;
                while (j < x.Length && x[j] >= 0f)
                {
                    found++;
                    j += stride;
                }
                y[i] = found;
            }

            // q is private to the inner loop; z and m are read after it (by the outer loop); total after both.
            [Parallel]
            public static void Nested(int i, int limit, ReadOnlySpan<float> x, Span<float> y)
            {
                float total = 0f;
                int outer = 0;
                while (outer < limit && total < 50f)
                {
                    float z = x[i] + outer;
                    float q = z;
                    int m = 0;
                    while (m < 8 && q > 0.5f)
                    {
                        q = q * 0.75f - 0.1f;
                        z = z + q;
                        m++;
                    }
                    total += m + z;
                    outer++;
                }
                y[i] = total;
            }

            // A reduction whose lanes return from inside the loop: n and z are never read after it.
            [Parallel(Reduce = Reduction.Sum)]
            public static int FirstEscape(int i, int limit, ReadOnlySpan<float> x)
            {
                float z = x[i];
                int n = 0;
                while (n < limit)
                {
                    z = z * z - 1.5f;
                    if (z > 4f)
                        return n;
                    n++;
                }
                return -1;
            }

            // Masked integer steps of every shape, in 64-bit lanes (the int and uint ride in narrower vectors).
            [Parallel]
            public static void Steps(int i, ReadOnlySpan<int> x, Span<long> y)
            {
                long a = 0;
                uint b = 7;
                int c = x[i];
                for (int k = 0; k < 20; k++)
                {
                    if (x[i] % (k + 2) == 0)
                    {
                        a = a - c;
                        b = (uint)k + b;
                        c += k;
                    }
                    else
                    {
                        a += 1;
                        b--;
                        c -= x[i];
                    }
                }
                y[i] = a + b + c;
            }

            // Uniform locals set once (s, and u in every iteration of a uniform loop) meet per-lane values in
            // assignments and in conditions: each is broadcast once where it is declared.
            [Parallel]
            public static void Broadcasts(int i, int terms, float scale, ReadOnlySpan<float> x, Span<float> y)
            {
                float s = scale * 0.5f;
                float acc = x[i];
                for (int t = 0; t < terms; t++)
                {
                    float u = s + t;
                    if (acc > u)
                        acc = acc * s - u;
                    else
                        acc += u;
                }
                int n = 0;
                while (n < terms && acc < s * 100f)
                {
                    acc = acc * 1.5f + s;
                    n++;
                }
                y[i] = acc + n;
            }

            // Uniforms named like the chunk body's own locals (__stop, __active, __live, __tail): their broadcasts must not clash.
            [Parallel]
            public static void Names(int i, int stop, float active, ReadOnlySpan<float> x, Span<float> y)
            {
                float live = active * 2f;
                int tail = stop + 1;
                float z = x[i];
                int n = 0;
                while (n < tail && z < live)
                {
                    z = z * 1.5f + live;
                    n++;
                }
                y[i] = z + n + stop;
            }
        }

        public static class Drivers
        {
            public static void EscapeGenerated(int limit, float[] x, int[] steps) => Kernels.Escape(limit, x, steps);
            public static void EscapeScalar(int limit, float[] x, int[] steps) { for (int i = 0; i < x.Length; i++) Kernels.Escape(i, limit, x, steps); }

            public static void SkipsAnIterationGenerated(int limit, float[] x, int[] y) => Kernels.SkipsAnIteration(limit, x, y);
            public static void SkipsAnIterationScalar(int limit, float[] x, int[] y) { for (int i = 0; i < x.Length; i++) Kernels.SkipsAnIteration(i, limit, x, y); }

            public static void ScanGenerated(int stride, float[] x, int[] y) => Kernels.Scan(0..y.Length, stride, x, y);
            public static void ScanScalar(int stride, float[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.Scan(i, stride, x, y); }

            public static void NestedGenerated(int limit, float[] x, float[] y) => Kernels.Nested(limit, x, y);
            public static void NestedScalar(int limit, float[] x, float[] y) { for (int i = 0; i < x.Length; i++) Kernels.Nested(i, limit, x, y); }

            public static int FirstEscapeGenerated(int limit, float[] x) => Kernels.FirstEscape(limit, x);
            public static int FirstEscapeScalar(int limit, float[] x) { int r = 0; for (int i = 0; i < x.Length; i++) r += Kernels.FirstEscape(i, limit, x); return r; }

            public static void StepsGenerated(int[] x, long[] y) => Kernels.Steps(x, y);
            public static void StepsScalar(int[] x, long[] y) { for (int i = 0; i < x.Length; i++) Kernels.Steps(i, x, y); }

            public static void NamesGenerated(int stop, float active, float[] x, float[] y) => Kernels.Names(stop, active, x, y);
            public static void NamesScalar(int stop, float active, float[] x, float[] y) { for (int i = 0; i < x.Length; i++) Kernels.Names(i, stop, active, x, y); }

            public static void BroadcastsGenerated(int terms, float scale, float[] x, float[] y) => Kernels.Broadcasts(terms, scale, x, y);
            public static void BroadcastsScalar(int terms, float scale, float[] x, float[] y) { for (int i = 0; i < x.Length; i++) Kernels.Broadcasts(i, terms, scale, x, y); }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Source));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(300)]
    public void Locals_dead_after_the_loop_give_the_scalar_results_with_break_and_return(int limit)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Escape",
            size => [limit, TestValues.Floats(size, size), new int[size]],
            DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void A_continue_keeps_the_blends()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "SkipsAnIteration",
            size => [40, TestValues.ModerateFloats(size, size, 3f), new int[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void A_local_that_addresses_memory_keeps_its_blend(int stride)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Scan",
            size => [stride, TestValues.ModerateFloats(size + 3, size, 1f), new int[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Nested_varying_loops_blend_what_the_outer_loop_still_reads()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Nested",
            size => [12, TestValues.ModerateFloats(size, size, 4f), new float[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void A_reduction_whose_lanes_return_from_the_loop_matches()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "FirstEscape",
            size => [50, TestValues.ModerateFloats(size, size, 2.5f)],
            DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void Masked_integer_steps_wrap_like_the_scalar_kernel()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Steps",
            size => [TestValues.Integers<int>(size, size), new long[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Theory]
    [InlineData(0, 1.5f)]
    [InlineData(6, -3f)]
    [InlineData(30, float.NaN)]
    public void Uniform_locals_broadcast_once_give_the_scalar_results(int terms, float scale)
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Broadcasts",
            size => [terms, scale, TestValues.Floats(size, size), new float[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Broadcasts_of_uniforms_named_like_generated_locals_do_not_clash()
        => Differential.AssertGeneratedMatchesScalar(Drivers, "Names",
            size => [9, 40f, TestValues.ModerateFloats(size, size, 5f), new float[size]],
            DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Only_locals_dead_after_the_loop_and_free_of_addresses_skip_their_blend()
    {
        string code = string.Join("\n", GeneratorHarness.Run(Source).GeneratedSources.Select(s => s.SourceText.ToString()));
        string Body(string kernel) => code.Substring(code.IndexOf($"private static void Execute256", code.IndexOf($"kernel Probe.Kernels.{kernel}.", System.StringComparison.Ordinal), System.StringComparison.Ordinal));

        string escape = Body("Escape");
        Assert.Contains("z = ((t * t) - ", escape, System.StringComparison.Ordinal);
        Assert.Contains("count = (count - (__live & __iter", escape, System.StringComparison.Ordinal);
        Assert.DoesNotContain("z = Dp::LaneSelect.Blend", escape.Substring(0, escape.IndexOf("Execute128", System.StringComparison.Ordinal)), System.StringComparison.Ordinal);

        Assert.Contains("z = Dp::LaneSelect.Blend", Body("SkipsAnIteration"), System.StringComparison.Ordinal);
        Assert.Contains("j = (j + (", Body("Scan"), System.StringComparison.Ordinal);

        string broadcasts = Body("Broadcasts");
        Assert.Contains("Simd::Vector256<float> __b_s = Simd::Vector256.Create(s);", broadcasts, System.StringComparison.Ordinal);
        Assert.Contains("Simd::Vector256<float> __b_u = Simd::Vector256.Create(u);", broadcasts, System.StringComparison.Ordinal);
        Assert.Contains("Simd::Vector256.LessThan(n, __b_terms)", broadcasts, System.StringComparison.Ordinal);
    }
}

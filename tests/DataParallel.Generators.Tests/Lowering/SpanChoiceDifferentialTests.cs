using System;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// Span locals an <c>if</c> leaves different in its branches: after it the local is a choice between the branches'
/// views (a φ), read as <c>selector ? a[k] : b[k]</c>, written under <c>if (selector)</c>, and its length and
/// slices chosen the same way. The statements after the <c>if</c> are read once. Each kernel here must compute what
/// the kernel as written computes, for conditions that are uniform and per index.
/// </summary>
public sealed class SpanChoiceDifferentialTests
{
    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void SameSpan(int i, int p, ReadOnlySpan<float> x, Span<float> y)
            {
                var s = x.Slice(1);
                if (p > 0)
                    s = x.Slice(2);
                y[i] = s[i] + s.Length;
            }

            [Parallel]
            public static void SameSpanPerIndex(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                var s = x;
                if (x[i] > 0f)
                    s = x.Slice(1);
                y[i] = s[i] - s[^1];
            }

            [Parallel]
            public static void Nested(int i, int a, ReadOnlySpan<float> x, ReadOnlySpan<float> z, ReadOnlySpan<float> w, Span<float> y)
            {
                ReadOnlySpan<float> s = x;
                if (a > 0)
                {
                    if (x[i] > 0f)
                        s = z;
                    else
                        s = w;
                }
                else if (a < -1)
                {
                    s = z.Slice(1);
                }
                y[i] = s[i] * 2f;
            }

            [Parallel]
            public static void InBlock(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y)
            {
                var s = x;
                {
                    if (x[i] > 0f)
                        s = z;
                }
                y[i] = s[i];
            }

            [Parallel]
            public static void LoopAfter(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y)
            {
                var s = x;
                if (x[i] < 0f)
                    s = z;
                float sum = 0f;
                for (int k = 0; k < 4; k++)
                    sum += s[i + k] * (k + 1);
                y[i] = sum;
            }

            [Parallel]
            public static void WriteThrough(int i, ReadOnlySpan<float> x, Span<float> y, Span<float> z)
            {
                Span<float> t = y;
                if (x[i] > 0f)
                    t = z;
                t[i] = x[i] * 3f;
                t[i] += 1f;
            }

            [Parallel]
            public static void WriteThroughUniform(int i, bool flip, ReadOnlySpan<float> x, Span<float> y, Span<float> z)
            {
                Span<float> t = y;
                if (flip)
                    t = z;
                t[i] = x[i] - 2f;
            }

            [Parallel]
            public static void SliceOfChoice(int i, int p, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y)
            {
                var s = x;
                if (p > 0)
                    s = z;
                var u = s.Slice(1);
                var v = s[2..];
                y[i] = u[i] + v[i] + s[^1];
            }

            [Parallel]
            public static void Sequence(int i, int p, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y)
            {
                var s = x;
                if (p > 0)
                    s = z;
                if (x[i] > 1f)
                    s = s.Slice(1);
                y[i] = s[i];
            }

            [Parallel]
            public static void Passed(int i, bool second, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y)
            {
                var s = x;
                if (second)
                    s = z;
                y[i] = At(s, i) + At(s, i + 1);
            }

            private static float At(ReadOnlySpan<float> v, int k) => v[k];
        }

        public static class Drivers
        {
            public static void SameSpanGenerated(int p, float[] x, float[] y) => Kernels.SameSpan(0..y.Length, p, x, y);
            public static void SameSpanScalar(int p, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.SameSpan(i, p, x, y); }
            public static void SameSpanPerIndexGenerated(float[] x, float[] y) => Kernels.SameSpanPerIndex(0..y.Length, x, y);
            public static void SameSpanPerIndexScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.SameSpanPerIndex(i, x, y); }
            public static void NestedGenerated(int a, float[] x, float[] z, float[] w, float[] y) => Kernels.Nested(0..y.Length, a, x, z, w, y);
            public static void NestedScalar(int a, float[] x, float[] z, float[] w, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Nested(i, a, x, z, w, y); }
            public static void InBlockGenerated(float[] x, float[] z, float[] y) => Kernels.InBlock(0..y.Length, x, z, y);
            public static void InBlockScalar(float[] x, float[] z, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.InBlock(i, x, z, y); }
            public static void LoopAfterGenerated(float[] x, float[] z, float[] y) => Kernels.LoopAfter(0..y.Length, x, z, y);
            public static void LoopAfterScalar(float[] x, float[] z, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.LoopAfter(i, x, z, y); }
            public static void WriteThroughGenerated(float[] x, float[] y, float[] z) => Kernels.WriteThrough(0..x.Length, x, y, z);
            public static void WriteThroughScalar(float[] x, float[] y, float[] z) { for (int i = 0; i < x.Length; i++) Kernels.WriteThrough(i, x, y, z); }
            public static void WriteThroughUniformGenerated(bool flip, float[] x, float[] y, float[] z) => Kernels.WriteThroughUniform(0..x.Length, flip, x, y, z);
            public static void WriteThroughUniformScalar(bool flip, float[] x, float[] y, float[] z) { for (int i = 0; i < x.Length; i++) Kernels.WriteThroughUniform(i, flip, x, y, z); }
            public static void SliceOfChoiceGenerated(int p, float[] x, float[] z, float[] y) => Kernels.SliceOfChoice(0..y.Length, p, x, z, y);
            public static void SliceOfChoiceScalar(int p, float[] x, float[] z, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.SliceOfChoice(i, p, x, z, y); }
            public static void SequenceGenerated(int p, float[] x, float[] z, float[] y) => Kernels.Sequence(0..y.Length, p, x, z, y);
            public static void SequenceScalar(int p, float[] x, float[] z, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Sequence(i, p, x, z, y); }
            public static void PassedGenerated(bool second, float[] x, float[] z, float[] y) => Kernels.Passed(0..y.Length, second, x, z, y);
            public static void PassedScalar(bool second, float[] x, float[] z, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Passed(i, second, x, z, y); }
        }
        """;

    private static readonly Lazy<KernelDrivers> s_drivers = new(() => new KernelDrivers(GeneratorHarness.CompileAndLoad(Source)));

    private static void Check(string kernel, Func<int, object[]> arguments)
        => Differential.AssertGeneratedMatchesScalar(s_drivers.Value, kernel, arguments, DomainSizes.Standard, ElementComparison.Bitwise);

    private static float[] Floats(int size, int seed) => TestValues.Floats(size, seed);

    [Fact]
    public void A_choice_between_windows_of_one_span_matches_the_scalar_kernel()
    {
        foreach (int p in new[] { 0, 1 })
            Check("SameSpan", size => [p, Floats(size + 2, size + p), new float[size]]);
        Check("SameSpanPerIndex", size => [Floats(size + 1, size + 1), new float[size]]);
    }

    [Fact]
    public void Choices_made_by_nested_ifs_and_inner_blocks_match_the_scalar_kernel()
    {
        foreach (int a in new[] { -2, 0, 1 })
            Check("Nested", size => [a, Floats(size, size + 2), Floats(size + 1, size + 3), Floats(size, size + 4), new float[size]]);
        Check("InBlock", size => [Floats(size, size + 5), Floats(size, size + 6), new float[size]]);
        foreach (int p in new[] { 0, 1 })
            Check("Sequence", size => [p, Floats(size + 1, size + 7), Floats(size + 1, size + 8), new float[size]]);
    }

    [Fact]
    public void A_loop_after_the_choice_reads_the_chosen_span()
        => Check("LoopAfter", size => [Floats(size + 3, size + 9), Floats(size + 3, size + 10), new float[size]]);

    [Fact]
    public void Writes_through_a_choice_go_to_the_chosen_span()
    {
        Check("WriteThrough", size => [Floats(size, size + 11), Floats(size, size + 12), Floats(size, size + 13)]);
        foreach (bool flip in new[] { false, true })
            Check("WriteThroughUniform", size => [flip, Floats(size, size + 14), Floats(size, size + 15), Floats(size, size + 16)]);
    }

    [Fact]
    public void Slices_of_a_choice_and_spans_passed_to_helpers_match_the_scalar_kernel()
    {
        foreach (int p in new[] { 0, 1 })
            Check("SliceOfChoice", size => [p, Floats(size + 2, size + 17), Floats(size + 2, size + 18), new float[size]]);
        foreach (bool second in new[] { false, true })
            Check("Passed", size => [second, Floats(size + 1, size + 19), Floats(size + 1, size + 20), new float[size]]);
    }

    [Fact]
    public void A_choice_whose_unchosen_span_is_too_short_still_matches_the_scalar_kernel()
    {
        // z is never chosen for p = 0 and is shorter than the domain: the vector code must not fault on it.
        Check("SliceOfChoice", size => [0, Floats(size + 2, size + 21), Floats(1, size + 22), new float[size]]);
    }

    [Fact]
    public void Every_kernel_here_vectorises() => GeneratorHarness.Run(Source).AssertEveryKernelVectorises();
}

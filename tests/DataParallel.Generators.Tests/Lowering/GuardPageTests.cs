using System;
using System.Reflection;
using System.Runtime.InteropServices;
using DataParallel.Generators.Tests.Harness;
using Xunit;

namespace DataParallel.Generators.Tests.Lowering;

/// <summary>
/// DESIGN §3: "No input can make generated code read or write outside a span." A read outside a span usually goes
/// unnoticed (the lanes it fills are blended away), so these tests place the spans flush against inaccessible pages:
/// any access before the first or after the last element faults. Linux only (mmap/mprotect); elsewhere they pass
/// without checking anything.
/// </summary>
/// <remarks>
/// A fault here is an AccessViolationException, which ends the test process: a failing test aborts the run rather
/// than failing alone. Tests for known bugs are therefore skipped until the bug is fixed.
/// </remarks>
public sealed unsafe class GuardPageTests
{

    private const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Scale(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i] * 2f + x[i];

            [Parallel]
            public static void ScaleDouble(int i, ReadOnlySpan<double> x, Span<double> y) => y[i] = x[i] * 0.5;

            [Parallel]
            public static void Neighbours(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i - 1] + x[i + 1];

            [Parallel]
            public static void ConditionalPrevious(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = i > 0 ? x[i - 1] : 0f;

            [Parallel]
            public static void IfPrevious(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                if (i > 0)
                    y[i] = x[i - 1];
            }

            [Parallel]
            public static void IfAhead(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                if (i + 5 < x.Length)
                    y[i] = x[i + 5];
            }

            [Parallel]
            public static void ReturnUnlessAhead(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                if (i + 3 >= x.Length)
                    return;
                y[i] = x[i + 3];
            }

            [Parallel(Reduce = Reduction.Sum)]
            public static int SumInts(int i, ReadOnlySpan<int> x) => x[i] * 3;

            private static float Before(ReadOnlySpan<float> x, int i)
            {
                float p = x[i - 1];
                if (p < 0f)
                    return -p;
                return p * 2f;
            }

            private static float Ahead(ReadOnlySpan<float> x, int i)
            {
                if (x[i + 3] > 4f)
                    return x[i + 3];
                return 4f;
            }

            [Parallel]
            public static void HelperPrevious(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = i > 0 ? Before(x, i) : 0f;

            [Parallel]
            public static void HelperAheadAnd(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = i + 3 < x.Length && Ahead(x, i) > 5f ? 1f : 0f;

            [Parallel]
            public static void HelperAheadOr(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = i + 3 >= x.Length || Ahead(x, i) > 5f ? 1f : 0f;
        }

        public static class Drivers
        {
            public static void Scale(ReadOnlySpan<float> x, Span<float> y) => Kernels.Scale(x, y);
            public static void ScaleDouble(ReadOnlySpan<double> x, Span<double> y) => Kernels.ScaleDouble(x, y);
            public static void Neighbours(ReadOnlySpan<float> x, Span<float> y) => Kernels.Neighbours(1..^1, x, y);
            public static void ConditionalPrevious(ReadOnlySpan<float> x, Span<float> y) => Kernels.ConditionalPrevious(x, y);
            public static void IfPrevious(ReadOnlySpan<float> x, Span<float> y) => Kernels.IfPrevious(x, y);
            public static void IfAhead(ReadOnlySpan<float> x, Span<float> y) => Kernels.IfAhead(0..y.Length, x, y);
            public static void ReturnUnlessAhead(ReadOnlySpan<float> x, Span<float> y) => Kernels.ReturnUnlessAhead(0..y.Length, x, y);
            public static int SumInts(ReadOnlySpan<int> x) => Kernels.SumInts(x);
            public static void HelperPrevious(ReadOnlySpan<float> x, Span<float> y) => Kernels.HelperPrevious(x, y);
            public static void HelperAheadAnd(ReadOnlySpan<float> x, Span<float> y) => Kernels.HelperAheadAnd(0..y.Length, x, y);
            public static void HelperAheadOr(ReadOnlySpan<float> x, Span<float> y) => Kernels.HelperAheadOr(0..y.Length, x, y);
        }
        """;

    private delegate void SpanKernel<T>(ReadOnlySpan<T> x, Span<T> y);

    private delegate int SpanReduction(ReadOnlySpan<int> x);

    private static readonly SimdWidth[] s_widths = [SimdWidth.Scalar, SimdWidth.Vector128, SimdWidth.Vector256, SimdWidth.Vector512];

    private static Type Drivers => GeneratorHarness.CompileAndLoad(Source).GetType("Probe.Drivers", throwOnError: true)!;

    private static SpanKernel<T> Kernel<T>(string name) => Drivers.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<SpanKernel<T>>();

    /// <summary>
    /// Runs <paramref name="kernel"/> with its input flush against an inaccessible page (after its last element, then
    /// before its first) and its output likewise, for every length up to 70 and every width, and compares with the
    /// same call on ordinary arrays.
    /// </summary>
    private static void RunFlush<T>(SpanKernel<T> kernel, Func<int, T> value, int minimumLength = 0) where T : unmanaged, IEquatable<T>
    {
        if (!OperatingSystem.IsLinux())
            return;
        using var input = new GuardedPages();
        using var output = new GuardedPages();
        for (int length = minimumLength; length <= 70; length++)
        {
            foreach (bool atEnd in new[] { true, false })
            {
                foreach (SimdWidth width in s_widths)
                {
                    Span<T> x = atEnd ? input.AtEnd<T>(length) : input.AtStart<T>(length);
                    Span<T> y = atEnd ? output.AtEnd<T>(length) : output.AtStart<T>(length);
                    for (int i = 0; i < length; i++)
                        (x[i], y[i]) = (value(i), value(i + 1000));
                    T[] expectedX = x.ToArray(), expectedY = y.ToArray();
                    using (DataParallelSettings.Override(ExecutionMode.Scalar))
                        kernel(expectedX, expectedY);
                    using (DataParallelSettings.Override(ExecutionMode.Auto, 1, width))
                        kernel(x, y);
                    Assert.True(y.SequenceEqual(expectedY), $"length {length}, {(atEnd ? "at the end of" : "at the start of")} a page, width {width}: the output differs from the kernel method's.");
                }
            }
        }
    }

    [Fact]
    public void Contiguous_loads_and_stores_stay_inside_spans_that_end_at_an_unmapped_page()
        => RunFlush(Kernel<float>("Scale"), i => i * 0.25f - 3f);

    [Fact]
    public void Double_lanes_stay_inside_spans_that_end_at_an_unmapped_page()
        => RunFlush(Kernel<double>("ScaleDouble"), i => i * 0.125 - 1);

    [Fact]
    public void A_stencil_over_1_to_hat_1_stays_inside_its_spans()
        => RunFlush(Kernel<float>("Neighbours"), i => i * 1.5f, minimumLength: 2);

    [Fact]
    public void A_read_guarded_by_a_conditional_expression_stays_inside_the_span()
        => RunFlush(Kernel<float>("ConditionalPrevious"), i => i - 7f);

    [Fact]
    public void A_read_guarded_by_if_index_greater_than_0_never_reads_before_the_span()
        => RunFlush(Kernel<float>("IfPrevious"), i => i + 0.5f);

    [Fact]
    public void A_read_guarded_by_the_span_length_never_reads_past_the_span()
        => RunFlush(Kernel<float>("IfAhead"), i => i * 2f);

    [Fact]
    public void A_read_guarded_by_an_earlier_early_return_never_reads_past_the_span()
        => RunFlush(Kernel<float>("ReturnUnlessAhead"), i => -i);

    [Fact]
    public void A_helper_on_the_guarded_side_of_a_conditional_never_reads_before_the_span()
        => RunFlush(Kernel<float>("HelperPrevious"), i => i % 3 == 0 ? -i : i + 0.5f);

    [Fact]
    public void A_helper_on_the_right_of_and_never_reads_past_the_span()
        => RunFlush(Kernel<float>("HelperAheadAnd"), i => i % 4 * 2.5f);

    [Fact]
    public void A_helper_on_the_right_of_or_never_reads_past_the_span()
        => RunFlush(Kernel<float>("HelperAheadOr"), i => i % 5 * 1.75f);

    [Fact]
    public void A_reduction_stays_inside_a_span_that_ends_at_an_unmapped_page()
    {
        if (!OperatingSystem.IsLinux())
            return;
        var sum = Drivers.GetMethod("SumInts")!.CreateDelegate<SpanReduction>();
        using var memory = new GuardedPages();
        for (int length = 0; length <= 70; length++)
        {
            foreach (SimdWidth width in s_widths)
            {
                Span<int> x = memory.AtEnd<int>(length);
                for (int i = 0; i < length; i++)
                    x[i] = i * 7 - 100;
                int expected = 0;
                foreach (int v in x)
                    expected += v * 3;
                using (DataParallelSettings.Override(ExecutionMode.Auto, 1, width))
                    Assert.Equal(expected, sum(x));
            }
        }
    }

    /// <summary>Three pages: inaccessible, read-write, inaccessible. Spans are placed flush against either guard.</summary>
    private sealed class GuardedPages : IDisposable
    {
        private const int ProtNone = 0, ProtReadWrite = 3, MapPrivateAnonymous = 0x22;
        private static readonly nuint s_page = (nuint)Environment.SystemPageSize;
        private readonly IntPtr _base;

        public GuardedPages()
        {
            _base = mmap(IntPtr.Zero, 3 * s_page, ProtReadWrite, MapPrivateAnonymous, -1, 0);
            if (_base == new IntPtr(-1))
                throw new InvalidOperationException($"mmap failed ({Marshal.GetLastPInvokeError()}).");
            if (mprotect(_base, s_page, ProtNone) != 0 || mprotect(_base + (nint)(2 * s_page), s_page, ProtNone) != 0)
                throw new InvalidOperationException($"mprotect failed ({Marshal.GetLastPInvokeError()}).");
        }

        /// <summary>The last <paramref name="length"/> elements before the trailing guard page.</summary>
        public Span<T> AtEnd<T>(int length) where T : unmanaged
            => new((void*)(_base + (nint)(2 * s_page) - length * sizeof(T)), length);

        /// <summary>The first <paramref name="length"/> elements after the leading guard page.</summary>
        public Span<T> AtStart<T>(int length) where T : unmanaged
            => new((void*)(_base + (nint)s_page), length);

        public void Dispose() => munmap(_base, 3 * s_page);

        [DllImport("libc", SetLastError = true)]
        private static extern IntPtr mmap(IntPtr address, nuint length, int protection, int flags, int fd, nint offset);

        [DllImport("libc", SetLastError = true)]
        private static extern int mprotect(IntPtr address, nuint length, int protection);

        [DllImport("libc", SetLastError = true)]
        private static extern int munmap(IntPtr address, nuint length);
    }
}

using System;
using System.Linq;
using DataParallel.Gpu.Tests.Harness;
using ILGPU;
using ILGPU.Runtime;
using Xunit;

namespace DataParallel.Gpu.Tests.Differential;

/// <summary>
/// Kernels with in-kernel guards (integer division and remainder, checked arithmetic and conversions, indices read
/// from data) on ILGPU's CPU accelerator against the scalar kernel: clean inputs give its results bit for bit; a
/// faulting input gives the exception type the scalar kernel throws, naming the first failing index (the one at which
/// the scalar kernel, running indices in order, throws), with nothing out of bounds ever executed.
/// </summary>
public sealed class GuardedKernelTests(CpuAccelerator cpu) : IClassFixture<CpuAccelerator>
{
    private readonly Accelerator _gpu = cpu.Accelerator;

    private static object[] Copy(object[] arguments) => arguments.Select(a => a is Array array ? array.Clone() : a).ToArray();

    private static Exception? Catch(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    /// <summary>
    /// Runs driver <c>{kernel}Scalar</c> and the span entry point <c>{kernel}Spans</c> on copies of
    /// <paramref name="arguments"/>; where neither throws, every array must come out bit for bit the same.
    /// </summary>
    private (Exception? Cpu, Exception? Gpu, object[] GpuArguments) Run(string kernel, params object[] arguments)
    {
        object[] scalar = Copy(arguments), device = Copy(arguments);
        Exception? cpuError = Catch(() => GeneratedKernels.Drive(kernel + "Scalar", scalar));
        Exception? gpuError = Catch(() => GeneratedKernels.Drive(kernel + "Spans", [_gpu, .. device]));
        if (cpuError is null && gpuError is null)
        {
            for (int a = 0; a < arguments.Length; a++)
                Assert.Equal(scalar[a], device[a]);
        }
        return (cpuError, gpuError, device);
    }

    private void AssertClean(string kernel, params object[] arguments)
    {
        var (cpuError, gpuError, _) = Run(kernel, arguments);
        Assert.Null(cpuError);
        Assert.Null(gpuError);
    }

    /// <summary>
    /// The scalar kernel throws; the GPU entry point throws the same type, naming <paramref name="at"/>, and the span
    /// form copied nothing back (every span as it was).
    /// </summary>
    private void AssertSameFault(string kernel, string at, params object[] arguments)
    {
        var (cpuError, gpuError, device) = Run(kernel, arguments);
        Assert.NotNull(cpuError);
        Assert.NotNull(gpuError);
        Assert.Equal(cpuError!.GetType(), gpuError!.GetType());
        Assert.Contains(at, gpuError.Message);
        Assert.Contains(kernel, gpuError.Message);
        for (int a = 0; a < arguments.Length; a++)
            Assert.Equal(arguments[a], device[a]);
    }

    private static int[] Ints(int n, int seed, int min, int max)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => random.Next(min, max)).ToArray();
    }

    private static long[] Longs(int n, int seed, long min, long max)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => random.NextInt64(min, max)).ToArray();
    }

    private static T[] With<T>(T[] data, params (int Index, T Value)[] changes)
    {
        T[] copy = (T[])data.Clone();
        foreach ((int index, T value) in changes)
            copy[index] = value;
        return copy;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    public void Clean_inputs_give_the_scalar_results_bitwise(int n)
    {
        int[] x = Ints(n, 1, -100000, 100000);
        AssertClean("Divide", 7, x, new int[n]);
        AssertClean("Divide", -3, x, new int[n]);
        long[] a = Longs(n, 2, long.MinValue, long.MaxValue), b = Longs(n, 3, -1000, 1000).Select(v => v == 0 ? 1 : v).ToArray();
        AssertClean("Quotients", With(a, (0, long.MinValue)), With(b, (0, 1L)), new long[n], new long[n]);
        uint[] ua = Ints(n, 4, 0, int.MaxValue).Select(v => (uint)v * 2u).ToArray(), ub = Ints(n, 5, 1, 1000).Select(v => (uint)v).ToArray();
        ulong[] uc = Longs(n, 6, 0, long.MaxValue).Select(v => (ulong)v * 2ul).ToArray(), ud = Longs(n, 7, 1, 1 << 20).Select(v => (ulong)v).ToArray();
        AssertClean("UnsignedQuotients", ua, ub, uc, ud, new uint[n], new ulong[n]);
        AssertClean("IntRemainders", x, Ints(n, 8, 1, 50).Select((v, i) => i % 2 == 0 ? v : -v).ToArray(), new int[n]);
        AssertClean("CheckedSigned", Ints(n, 9, -100000, 100000), Longs(n, 10, -1 << 30, 1 << 30), new int[n], new long[n]);
        AssertClean("CheckedUnsigned", Ints(n, 11, 5, 1 << 30).Select(v => (uint)v).ToArray(), Longs(n, 12, 1, 1 << 30).Select(v => (ulong)v).ToArray(), new uint[n], new ulong[n]);
        AssertClean("CheckedNegate", With(Ints(n, 13, int.MinValue + 1, int.MaxValue), (0, int.MaxValue)), new int[n]);
        AssertClean("CheckedNarrowing", With(Longs(n, 14, 0, short.MaxValue + 1L), (0, short.MaxValue)), With(Longs(n, 15, 0, uint.MaxValue + 1L).Select(v => (ulong)v).ToArray(), (0, (ulong)uint.MaxValue)), new short[n], new uint[n], new ulong[n]);
        AssertClean("Gather", Ints(n, 16, 0, 64), Enumerable.Range(0, 64).Select(v => v * 0.5f).ToArray(), new float[n]);
        AssertClean("GuardedFlow", Ints(n, 17, 0, 1000), Ints(n, 18, 10, 20), new int[n]);
        AssertClean("DeadDivision", x, new int[n]);
    }

    [Fact]
    public void Clean_two_dimensional_inputs_give_the_scalar_results_bitwise()
        => AssertClean("Scale2D", 5, 7, Ints(35, 19, -1000, 1000), Ints(7, 20, 1, 9), new int[35]);

    [Fact]
    public void Integer_division_by_zero_throws_DivideByZeroException_naming_the_first_failing_index()
    {
        AssertSameFault("Divide", "i = 0", 0, Ints(20, 21, -50, 50), new int[20]);
        AssertSameFault("UnsignedQuotients", "i = 2",
            new uint[] { 9, 9, 9, 9, 9, 9 }, new uint[] { 1, 2, 0, 4, 5, 0 }, new ulong[] { 1, 2, 3, 4, 5, 6 }, new ulong[] { 1, 1, 1, 1, 1, 0 }, new uint[6], new ulong[6]);
        AssertSameFault("UnsignedQuotients", "i = 5",
            new uint[] { 9, 9, 9, 9, 9, 9 }, new uint[] { 1, 2, 3, 4, 5, 6 }, new ulong[] { 1, 2, 3, 4, 5, 6 }, new ulong[] { 1, 1, 1, 1, 1, 0 }, new uint[6], new ulong[6]);
        AssertSameFault("Quotients", "i = 7", Longs(12, 22, -99, 99), With(Enumerable.Repeat(3L, 12).ToArray(), (7, 0L), (11, 0L)), new long[12], new long[12]);
    }

    [Fact]
    public void Minimum_value_divided_by_minus_one_throws_as_on_the_cpu()
    {
        AssertSameFault("Quotients", "i = 3", With(Longs(8, 23, -99, 99), (3, long.MinValue)), With(Enumerable.Repeat(-1L, 8).ToArray()), new long[8], new long[8]);
        AssertSameFault("IntRemainders", "i = 4", With(Ints(8, 24, -99, 99), (4, int.MinValue)), Enumerable.Repeat(-1, 8).ToArray(), new int[8]);
    }

    [Fact]
    public void Checked_overflow_throws_OverflowException_naming_the_first_failing_index()
    {
        AssertSameFault("CheckedSigned", "i = 4", With(Ints(10, 25, -99, 99), (4, int.MaxValue / 2)), With(Longs(10, 26, -99, 99), (6, 1L << 40)), new int[10], new long[10]);
        AssertSameFault("CheckedSigned", "i = 6", Ints(10, 27, -99, 99), With(Longs(10, 28, -99, 99), (6, 1L << 40), (8, long.MinValue)), new int[10], new long[10]);
        AssertSameFault("CheckedUnsigned", "i = 1", new uint[] { 10, 2, 10 }, new ulong[] { 1, 1, 1 }, new uint[3], new ulong[3]);
        AssertSameFault("CheckedUnsigned", "i = 2", new uint[] { 10, 10, 10 }, new ulong[] { 1, 1, 1ul << 33 }, new uint[3], new ulong[3]);
        AssertSameFault("CheckedUnsigned", "i = 0", new uint[] { uint.MaxValue / 2 }, new ulong[] { 1 }, new uint[1], new ulong[1]);
        AssertSameFault("CheckedNegate", "i = 9", With(Ints(12, 29, -99, 99), (9, int.MinValue)), new int[12]);
    }

    [Fact]
    public void Checked_narrowing_conversions_throw_OverflowException_naming_the_first_failing_index()
    {
        long[] x = Longs(6, 30, 0, 1000);
        ulong[] u = Longs(6, 31, 0, 1000).Select(v => (ulong)v).ToArray();
        AssertSameFault("CheckedNarrowing", "i = 3", With(x, (3, 40000L)), u, new short[6], new uint[6], new ulong[6]);
        AssertSameFault("CheckedNarrowing", "i = 2", With(x, (3, short.MinValue - 1L)), With(u, (2, 1ul << 33)), new short[6], new uint[6], new ulong[6]);
        AssertSameFault("CheckedNarrowing", "i = 1", With(x, (1, -1L)), u, new short[6], new uint[6], new ulong[6]);
        AssertSameFault("CheckedNarrowing", "i = 0", With(x, (0, long.MaxValue)), u, new short[6], new uint[6], new ulong[6]);
    }

    [Fact]
    public void An_index_read_from_data_out_of_bounds_throws_IndexOutOfRangeException_and_is_never_executed()
    {
        float[] x = Enumerable.Range(0, 16).Select(v => v + 0.25f).ToArray();
        AssertSameFault("Gather", "i = 3", With(Ints(10, 32, 0, 16), (3, -1), (5, 1000)), x, new float[10]);
        AssertSameFault("Gather", "i = 5", With(Ints(10, 33, 0, 16), (5, 16)), x, new float[10]);
        AssertSameFault("Gather", "i = 9", With(Ints(10, 34, 0, 16), (9, int.MinValue)), x, new float[10]);
    }

    [Fact]
    public void Faults_in_loop_conditions_and_branch_conditions_stop_the_index_where_the_scalar_kernel_throws()
    {
        int[] x = Enumerable.Repeat(100, 8).ToArray();
        AssertSameFault("GuardedFlow", "i = 4", x, With(Enumerable.Repeat(50, 8).ToArray(), (4, 2)), new int[8]);
        AssertSameFault("GuardedFlow", "i = 6", x, With(Enumerable.Repeat(50, 8).ToArray(), (6, -1)), new int[8]);
    }

    [Fact]
    public void A_call_whose_over_approximate_proof_fails_runs_the_checked_kernel_as_the_cpu_runs_its_checked_path()
    {
        float[] x = Enumerable.Range(0, 20).Select(v => v * 0.5f).ToArray();
        // i + k < x.Length guards the read; the host's interval proof of x[i + k] fails for k > 0, the kernel never does.
        foreach (int k in new[] { 0, 3, 19, 40 })
            AssertClean("Lookahead", k, x, new float[20]);
        // The read runs for even i only: clean while it stays inside, IndexOutOfRangeException at the first even i past the end.
        AssertClean("EvenLookahead", 2, x, new float[17]);
        AssertSameFault("EvenLookahead", "i = 0", 20, x, new float[5]);
        AssertSameFault("EvenLookahead", "i = 16", 4, x, new float[18]);
    }

    [Fact]
    public void A_two_dimensional_fault_names_both_indices_in_row_major_order()
    {
        int[] x = Ints(12, 35, -99, 99);
        AssertSameFault("Scale2D", "row = 0, col = 2", 3, 4, x, new[] { 1, 2, 0, 3 }, new int[12]);

        // Through the view form with ranges that start inside: the first failing index in the ranges' order, absolute.
        using var xs = GeneratedKernels.Upload(_gpu, x);
        using var ws = GeneratedKernels.Upload(_gpu, new[] { 1, 2, 3, 0 });
        using var ys = GeneratedKernels.Upload(_gpu, new int[12]);
        var error = Assert.Throws<DivideByZeroException>(() => GeneratedKernels.Call("Scale2D", _gpu, 1..3, 1..4, 4, GeneratedKernels.View(xs, 12), GeneratedKernels.View(ws, 4), GeneratedKernels.View(ys, 12)));
        Assert.Contains("row = 1, col = 3", error.Message);
    }

    [Fact]
    public void The_view_form_waits_and_throws_with_every_other_index_written_and_the_failing_one_untouched()
    {
        const int n = 24;
        int[] index = With(Ints(n, 36, 0, 16), (7, 99), (15, -3));
        float[] x = Enumerable.Range(0, 16).Select(v => v * 1.5f).ToArray();
        using var indexView = GeneratedKernels.Upload(_gpu, index);
        using var xs = GeneratedKernels.Upload(_gpu, x);
        using var ys = GeneratedKernels.Upload(_gpu, Enumerable.Repeat(-1f, n).ToArray());
        var error = Assert.Throws<IndexOutOfRangeException>(() => GeneratedKernels.Call("Gather", _gpu, GeneratedKernels.View(indexView, n), GeneratedKernels.View(xs, 16), GeneratedKernels.View(ys, n)));
        Assert.Contains("i = 7", error.Message);
        float[] y = GeneratedKernels.View(ys, n).GetAsArray();
        for (int i = 0; i < n; i++)
            Assert.Equal(i is 7 or 15 ? -1f : x[index[i]], y[i]);

        // The same launch on a stream of its own also waits: the fault cannot surface later, or be lost.
        using AcceleratorStream stream = _gpu.CreateStream();
        Assert.Throws<IndexOutOfRangeException>(() => GeneratedKernels.Call("Gather", stream, GeneratedKernels.View(indexView, n), GeneratedKernels.View(xs, 16), GeneratedKernels.View(ys, n)));

        // A clean call after a faulting one starts with a clear record.
        using var clean = GeneratedKernels.Upload(_gpu, Ints(n, 37, 0, 16));
        GeneratedKernels.Call("Gather", _gpu, GeneratedKernels.View(clean, n), GeneratedKernels.View(xs, 16), GeneratedKernels.View(ys, n));
    }
}

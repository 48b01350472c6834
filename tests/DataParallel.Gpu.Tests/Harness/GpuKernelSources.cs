namespace DataParallel.Gpu.Tests.Harness;

/// <summary>
/// Kernels the GPU tests generate and run, each with drivers: the scalar reference (the kernel method for every index
/// in order) and calls of the generated GPU entry points with host spans. View entry points are called by reflection.
/// </summary>
internal static class GpuKernelSources
{
    public const string Kernels = """
        using System;
        using DataParallel;
        using DataParallel.Gpu;
        using ILGPU;
        using ILGPU.Runtime;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void Saxpy(int i, float a, ReadOnlySpan<float> x, Span<float> y) => y[i] = a * x[i] + y[i];

            [Parallel]
            public static void Bits(int i, uint mask, ReadOnlySpan<uint> x, Span<uint> y)
                => y[i] = ((x[i] ^ (x[i] << 3)) & mask) | (x[i] >> 5) | (uint)(~i & 0xF0);

            [Parallel]
            public static void Mixed(int i, long scale, ReadOnlySpan<int> x, ReadOnlySpan<double> d, Span<long> y, Span<float> f)
            {
                long v = x[i] * scale - (long)d[i];
                y[i] = v >= 0 ? v : -v;
                f[i] = (float)(d[i] * 0.5) + (float)x[i];
            }

            [Parallel(Dimensions = 2)]
            public static void MatMul(int row, int col, int n, int k, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c)
            {
                float sum = 0;
                for (int p = 0; p < k; p++)
                    sum += a[row * k + p] * b[p * n + col];
                c[row * n + col] = sum;
            }

            [Parallel(Dimensions = 3)]
            public static void Volume(int z, int y, int x, int ny, int nx, ReadOnlySpan<int> a, Span<int> b)
                => b[(z * ny + y) * nx + x] = a[(z * ny + y) * nx + x] * 3 + z - y + x;

            [Parallel]
            public static void Branches(int i, float limit, ReadOnlySpan<float> x, Span<float> y)
            {
                if (x[i] < 0)
                {
                    y[i] = 0;
                    return;
                }
                float v = x[i];
                int steps = 0;
                while (v > limit && steps < 8)
                {
                    v = v * 0.5f;
                    steps++;
                }
                y[i] = steps > 4 ? -v : v;
            }

            [Parallel]
            public static void Transcendental(int i, ReadOnlySpan<float> x, Span<float> s, Span<float> e, ReadOnlySpan<double> d, Span<double> c)
            {
                s[i] = MathF.Sin(x[i]) + MathF.Sqrt(MathF.Abs(x[i]));
                e[i] = MathF.Exp(x[i] * 0.25f) + MathF.Log(1f + MathF.Abs(x[i])) + MathF.Floor(x[i]);
                c[i] = Math.Cos(d[i]) + Math.Tanh(d[i]) + Math.Ceiling(d[i]);
            }

            [Parallel]
            public static void MoreMath(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> a, Span<float> b, ReadOnlySpan<double> d, Span<double> c, Span<double> e)
            {
                float v = x[i], u = w[i];
                a[i] = MathF.Tan(v) + MathF.Asin(v * 0.1f) + MathF.Acos(u * 0.1f) + MathF.Atan(v) + MathF.Sinh(v * 0.5f) + MathF.Cosh(u * 0.5f)
                    + MathF.Pow(MathF.Abs(v), u * 0.3f) + MathF.Atan2(v, u) + MathF.Log10(MathF.Abs(v) + 1f) + MathF.Log2(MathF.Abs(u) + 1f);
                b[i] = MathF.Cbrt(v) + MathF.FusedMultiplyAdd(v, u, 0.5f) + MathF.Round(v * 2.5f) + MathF.Round(u * 2.5f, MidpointRounding.AwayFromZero)
                    + MathF.Round(v * 1.5f, MidpointRounding.ToZero) + Math.Min(v, u) * 3f + Math.Max(v, u);
                double z = d[i];
                c[i] = Math.Tan(z) + Math.Asin(z * 0.1) + Math.Acos(z * 0.05) + Math.Atan(z) + Math.Sinh(z * 0.5) + Math.Cosh(z * 0.25)
                    + Math.Pow(Math.Abs(z), 0.7) + Math.Atan2(z, 1.5) + Math.Log10(Math.Abs(z) + 1) + Math.Log2(Math.Abs(z) + 2);
                e[i] = Math.Cbrt(z) + Math.FusedMultiplyAdd(z, z, -1) + Math.Round(z * 2.5) + Math.Round(z, MidpointRounding.ToNegativeInfinity)
                    + Math.Round(z, MidpointRounding.ToPositiveInfinity) + Math.Min(z, 0.5) - Math.Max(z, -0.5);
            }

            [Parallel]
            public static void SignAndClamp(int i, float lo, float hi, long low, long high, ReadOnlySpan<float> x, ReadOnlySpan<double> d, ReadOnlySpan<long> w, Span<float> y, Span<int> s, Span<long> z)
            {
                y[i] = Math.Clamp(x[i], lo, hi);
                s[i] = Math.Sign(x[i]) + 10 * Math.Sign(d[i]);
                z[i] = Math.Clamp(w[i], low, high);
            }

            [Parallel]
            public static void Masks(int i, bool invert, ReadOnlySpan<byte> mask, ReadOnlySpan<float> a, Span<float> y, Span<byte> positive)
            {
                bool set = mask[i] != 0;
                y[i] = set != invert ? a[i] : -a[i];
                positive[i] = (byte)(y[i] > 0 || (set && invert) ? 1 : 0);
            }

            [Parallel]
            public static void IntegerAbs(int i, ReadOnlySpan<int> x, ReadOnlySpan<long> w, Span<long> y) => y[i] = Math.Abs(x[i]) + Math.Abs(w[i]);

            [Parallel]
            public static void Counts(int i, ReadOnlySpan<uint> x, ReadOnlySpan<ulong> w, Span<int> y)
                => y[i] = System.Numerics.BitOperations.PopCount(x[i]) + 100 * System.Numerics.BitOperations.LeadingZeroCount(w[i])
                    + 10000 * System.Numerics.BitOperations.TrailingZeroCount(x[i]);

            [Parallel]
            public static void Narrow(int i, short bias, ReadOnlySpan<byte> x, Span<short> y) => y[i] = (short)(x[i] * 3 - bias);

            [Parallel(Reduce = Reduction.Sum)]
            public static float Dot(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> y) => x[i] * y[i];

            [Parallel(Reduce = Reduction.Sum)]
            public static long SumSquares(int i, ReadOnlySpan<int> x)
            {
                if (x[i] < 0)
                    return 0;
                long v = x[i];
                return v * v;
            }

            [Parallel(Reduce = Reduction.Xor)]
            public static uint Checksum(int i, ReadOnlySpan<uint> x) => x[i] * 2654435761u;

            [Parallel(Reduce = Reduction.Min)]
            public static int Lowest(int i, ReadOnlySpan<int> x) => x[i];

            [Parallel(Reduce = Reduction.Max)]
            public static float Highest(int i, ReadOnlySpan<float> x) => x[i];

            [Parallel(Reduce = Reduction.Min)]
            public static double LowestDouble(int i, ReadOnlySpan<double> x) => x[i];

            // Guarded in the kernel: what the CPU throws, the GPU records and the entry point throws when it waits.
            [Parallel]
            public static void Divide(int i, int m, ReadOnlySpan<int> x, Span<int> y) => y[i] = x[i] / m;

            // A division by a constant 0 in a branch that never runs: ILGPU folds constant divisions even there.
            [Parallel]
            public static void DeadDivision(int i, ReadOnlySpan<int> x, Span<int> y)
            {
                int h = 0;
                h = h != 0 && h != -1 ? -1000 % h : -1000;
                long zero = 0;
                y[i] = x[i] + h + (int)(zero != 0 ? long.MinValue / zero : 0) + (int)(zero != 0 ? checked(zero * long.MinValue) : 0);
            }

            // Over-approximate proofs: where one fails for a call, the checked kernel runs, as the CPU runs the checked scalar path.
            [Parallel]
            public static void Lookahead(int i, int k, ReadOnlySpan<float> x, Span<float> y) => y[i] = i + k < x.Length ? x[i + k] : -1f;

            [Parallel]
            public static void EvenLookahead(int i, int k, ReadOnlySpan<float> x, Span<float> y)
            {
                if (i % 2 == 0)
                    y[i] = x[i + k];
            }

            [Parallel]
            public static void Quotients(int i, ReadOnlySpan<long> a, ReadOnlySpan<long> b, Span<long> q, Span<long> r)
            {
                q[i] = a[i] / b[i];
                r[i] = a[i] % b[i];
            }

            [Parallel]
            public static void UnsignedQuotients(int i, ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, ReadOnlySpan<ulong> c, ReadOnlySpan<ulong> d, Span<uint> q, Span<ulong> r)
            {
                q[i] = a[i] % b[i] + a[i] / (b[i] | 1u);
                r[i] = c[i] / d[i] + c[i] % d[i];
            }

            [Parallel]
            public static void IntRemainders(int i, ReadOnlySpan<int> a, ReadOnlySpan<int> b, Span<int> r) => r[i] = a[i] % b[i];

            [Parallel]
            public static void CheckedSigned(int i, ReadOnlySpan<int> x, ReadOnlySpan<long> w, Span<int> y, Span<long> z)
            {
                y[i] = checked(x[i] * 3 - x[i] + 7);
                z[i] = checked(w[i] * w[i] - w[i] + (-w[i]));
            }

            [Parallel]
            public static void CheckedUnsigned(int i, ReadOnlySpan<uint> a, ReadOnlySpan<ulong> b, Span<uint> y, Span<ulong> z)
            {
                y[i] = checked(a[i] - 5u + a[i] * 2u);
                z[i] = checked(b[i] * b[i] + b[i] - 1ul);
            }

            [Parallel]
            public static void CheckedNegate(int i, ReadOnlySpan<int> x, Span<int> y) => y[i] = checked(-x[i]);

            [Parallel]
            public static void CheckedNarrowing(int i, ReadOnlySpan<long> x, ReadOnlySpan<ulong> u, Span<short> s, Span<uint> t, Span<ulong> w)
            {
                s[i] = checked((short)x[i]);
                t[i] = checked((uint)u[i]);
                w[i] = checked((ulong)x[i] + 1ul);
            }

            [Parallel]
            public static void Gather(int i, ReadOnlySpan<int> index, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[index[i]];

            [Parallel(Dimensions = 2)]
            public static void Scale2D(int row, int col, int n, ReadOnlySpan<int> x, ReadOnlySpan<int> w, Span<int> y)
                => y[row * n + col] = x[row * n + col] / w[col];

            // Slices, ranges and span locals: accesses on the underlying span at offset + position, the slices' checks
            // proven on the host.
            [Parallel]
            public static void RowSums(int r, int n, ReadOnlySpan<float> a, Span<float> sums)
            {
                ReadOnlySpan<float> row = a.Slice(r * n, n);
                float t = 0;
                for (int j = 0; j < row.Length; j++)
                    t += row[j];
                sums[r] = t;
            }

            [Parallel]
            public static void Neighbours(int i, ReadOnlySpan<int> x, Span<int> y)
            {
                ReadOnlySpan<int> right = x[1..];
                Span<int> alias = y;
                alias[i] = right[i] * 2 - x[0];
            }

            [Parallel]
            public static void Quads(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                Span<float> quad = y.Slice(4 * i, 4);
                for (int k = 0; k < quad.Length; k++)
                    quad[k] = x[i] * k;
            }

            // Wider than ILGPU's typed loaders (13 views): loaded through its MethodInfo loader. 16 spans and the fault record.
            [Parallel]
            public static void Wide(int i, ReadOnlySpan<int> x0, ReadOnlySpan<int> x1, ReadOnlySpan<int> x2, ReadOnlySpan<int> x3, ReadOnlySpan<int> x4, ReadOnlySpan<int> x5, ReadOnlySpan<int> x6, ReadOnlySpan<int> x7, ReadOnlySpan<int> x8, ReadOnlySpan<int> x9, ReadOnlySpan<int> x10, ReadOnlySpan<int> x11, ReadOnlySpan<int> x12, ReadOnlySpan<int> x13, ReadOnlySpan<int> x14, Span<int> y)
                => y[i] = (x0[i] + x1[i] + x2[i] + x3[i] + x4[i] + x5[i] + x6[i] + x7[i] + x8[i] + x9[i] + x10[i] + x11[i] + x12[i] + x13[i]) / x14[i];

            [Parallel(Dimensions = 2)]
            public static void WideGrid(int r, int c, int n, ReadOnlySpan<float> a0, ReadOnlySpan<float> a1, ReadOnlySpan<float> a2, ReadOnlySpan<float> a3, ReadOnlySpan<float> a4, ReadOnlySpan<float> a5, ReadOnlySpan<float> a6, ReadOnlySpan<float> a7, ReadOnlySpan<float> a8, ReadOnlySpan<float> a9, ReadOnlySpan<float> a10, ReadOnlySpan<float> a11, ReadOnlySpan<float> a12, Span<float> b)
                => b[r * n + c] = a0[r * n + c] + a1[r * n + c] + a2[r * n + c] + a3[r * n + c] + a4[r * n + c] + a5[r * n + c] + a6[r * n + c] + a7[r * n + c] + a8[r * n + c] + a9[r * n + c] + a10[r * n + c] + a11[r * n + c] + a12[r * n + c];

            [Parallel]
            public static void GuardedFlow(int i, ReadOnlySpan<int> x, ReadOnlySpan<int> d, Span<int> y)
            {
                int steps = 0;
                while (steps < 6 && x[i] / (d[i] - steps) > 1)
                    steps++;
                if (x[i] % (d[i] + 1) == 0)
                    steps += 100;
                y[i] = steps;
            }
        }

        public static class Drivers
        {
            public static void SaxpyScalar(float a, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Saxpy(i, a, x, y); }
            public static void SaxpySpans(Accelerator gpu, float a, float[] x, float[] y) => Kernels.Saxpy(gpu, a, x, y);
            public static void SaxpyRangeScalar(int start, int end, float a, float[] x, float[] y) { for (int i = start; i < end; i++) Kernels.Saxpy(i, a, x, y); }
            public static void SaxpyRangeSpans(Accelerator gpu, float a, float[] x, float[] y) => Kernels.Saxpy(gpu, 1..^1, a, x, y);
            public static void SaxpySameSpan(Accelerator gpu, float a, float[] y) => Kernels.Saxpy(gpu, a, y, y);
            public static void SaxpyCpuOverlapping(float[] data) => Kernels.Saxpy(2f, data.AsSpan(0, 10), data.AsSpan(5, 10));

            public static void BitsScalar(uint mask, uint[] x, uint[] y) { for (int i = 0; i < y.Length; i++) Kernels.Bits(i, mask, x, y); }
            public static void BitsSpans(Accelerator gpu, uint mask, uint[] x, uint[] y) => Kernels.Bits(gpu, mask, x, y);

            public static void MixedScalar(long scale, int[] x, double[] d, long[] y, float[] f) { for (int i = 0; i < y.Length; i++) Kernels.Mixed(i, scale, x, d, y, f); }
            public static void MixedSpans(Accelerator gpu, long scale, int[] x, double[] d, long[] y, float[] f) => Kernels.Mixed(gpu, scale, x, d, y, f);

            public static void MatMulScalar(int m, int n, int k, float[] a, float[] b, float[] c)
            {
                for (int row = 0; row < m; row++)
                    for (int col = 0; col < n; col++)
                        Kernels.MatMul(row, col, n, k, a, b, c);
            }
            public static void MatMulSpans(Accelerator gpu, int m, int n, int k, float[] a, float[] b, float[] c) => Kernels.MatMul(gpu, 0..m, 0..n, n, k, a, b, c);

            public static void VolumeScalar(int nz, int ny, int nx, int[] a, int[] b)
            {
                for (int z = 0; z < nz; z++)
                    for (int y = 0; y < ny; y++)
                        for (int x = 0; x < nx; x++)
                            Kernels.Volume(z, y, x, ny, nx, a, b);
            }
            public static void VolumeSpans(Accelerator gpu, int nz, int ny, int nx, int[] a, int[] b) => Kernels.Volume(gpu, 0..nz, 0..ny, 0..nx, ny, nx, a, b);

            public static void BranchesScalar(float limit, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Branches(i, limit, x, y); }
            public static void BranchesSpans(Accelerator gpu, float limit, float[] x, float[] y) => Kernels.Branches(gpu, limit, x, y);

            public static void CountsScalar(uint[] x, ulong[] w, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.Counts(i, x, w, y); }
            public static void CountsSpans(Accelerator gpu, uint[] x, ulong[] w, int[] y) => Kernels.Counts(gpu, x, w, y);
            public static void NarrowScalar(short bias, byte[] x, short[] y) { for (int i = 0; i < y.Length; i++) Kernels.Narrow(i, bias, x, y); }
            public static void NarrowSpans(Accelerator gpu, short bias, byte[] x, short[] y) => Kernels.Narrow(gpu, bias, x, y);
            public static float DotCpu(float[] x, float[] y) => Kernels.Dot(x, y);
            public static float DotSpans(Accelerator gpu, float[] x, float[] y) => Kernels.Dot(gpu, x, y);
            public static long SumSquaresScalar(int start, int end, int[] x) { long s = 0; for (int i = start; i < end; i++) s += Kernels.SumSquares(i, x); return s; }
            public static long SumSquaresRangeSpans(Accelerator gpu, int start, int end, int[] x) => Kernels.SumSquares(gpu, start..end, x);
            public static uint ChecksumScalar(uint[] x) { uint s = 0; for (int i = 0; i < x.Length; i++) s ^= Kernels.Checksum(i, x); return s; }
            public static uint ChecksumSpans(Accelerator gpu, uint[] x) => Kernels.Checksum(gpu, x);
            public static int LowestSpans(Accelerator gpu, int[] x) => Kernels.Lowest(gpu, x);
            public static float HighestSpans(Accelerator gpu, float[] x) => Kernels.Highest(gpu, x);
            public static float HighestCpu(float[] x) => Kernels.Highest(x);
            public static double LowestDoubleSpans(Accelerator gpu, double[] x) => Kernels.LowestDouble(gpu, x);
            public static double LowestDoubleCpu(double[] x) => Kernels.LowestDouble(x);
            public static void DivideScalar(int m, int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.Divide(i, m, x, y); }
            public static void DivideSpans(Accelerator gpu, int m, int[] x, int[] y) => Kernels.Divide(gpu, m, x, y);
            public static void DeadDivisionScalar(int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.DeadDivision(i, x, y); }
            public static void DeadDivisionSpans(Accelerator gpu, int[] x, int[] y) => Kernels.DeadDivision(gpu, x, y);
            public static void LookaheadScalar(int k, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Lookahead(i, k, x, y); }
            public static void LookaheadSpans(Accelerator gpu, int k, float[] x, float[] y) => Kernels.Lookahead(gpu, 0..y.Length, k, x, y);
            public static void EvenLookaheadScalar(int k, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.EvenLookahead(i, k, x, y); }
            public static void EvenLookaheadSpans(Accelerator gpu, int k, float[] x, float[] y) => Kernels.EvenLookahead(gpu, 0..y.Length, k, x, y);
            public static void QuotientsScalar(long[] a, long[] b, long[] q, long[] r) { for (int i = 0; i < q.Length; i++) Kernels.Quotients(i, a, b, q, r); }
            public static void QuotientsSpans(Accelerator gpu, long[] a, long[] b, long[] q, long[] r) => Kernels.Quotients(gpu, a, b, q, r);
            public static void UnsignedQuotientsScalar(uint[] a, uint[] b, ulong[] c, ulong[] d, uint[] q, ulong[] r) { for (int i = 0; i < q.Length; i++) Kernels.UnsignedQuotients(i, a, b, c, d, q, r); }
            public static void UnsignedQuotientsSpans(Accelerator gpu, uint[] a, uint[] b, ulong[] c, ulong[] d, uint[] q, ulong[] r) => Kernels.UnsignedQuotients(gpu, a, b, c, d, q, r);
            public static void IntRemaindersScalar(int[] a, int[] b, int[] r) { for (int i = 0; i < r.Length; i++) Kernels.IntRemainders(i, a, b, r); }
            public static void IntRemaindersSpans(Accelerator gpu, int[] a, int[] b, int[] r) => Kernels.IntRemainders(gpu, a, b, r);
            public static void CheckedSignedScalar(int[] x, long[] w, int[] y, long[] z) { for (int i = 0; i < y.Length; i++) Kernels.CheckedSigned(i, x, w, y, z); }
            public static void CheckedSignedSpans(Accelerator gpu, int[] x, long[] w, int[] y, long[] z) => Kernels.CheckedSigned(gpu, x, w, y, z);
            public static void CheckedUnsignedScalar(uint[] a, ulong[] b, uint[] y, ulong[] z) { for (int i = 0; i < y.Length; i++) Kernels.CheckedUnsigned(i, a, b, y, z); }
            public static void CheckedUnsignedSpans(Accelerator gpu, uint[] a, ulong[] b, uint[] y, ulong[] z) => Kernels.CheckedUnsigned(gpu, a, b, y, z);
            public static void CheckedNegateScalar(int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.CheckedNegate(i, x, y); }
            public static void CheckedNegateSpans(Accelerator gpu, int[] x, int[] y) => Kernels.CheckedNegate(gpu, x, y);
            public static void CheckedNarrowingScalar(long[] x, ulong[] u, short[] s, uint[] t, ulong[] w) { for (int i = 0; i < s.Length; i++) Kernels.CheckedNarrowing(i, x, u, s, t, w); }
            public static void CheckedNarrowingSpans(Accelerator gpu, long[] x, ulong[] u, short[] s, uint[] t, ulong[] w) => Kernels.CheckedNarrowing(gpu, x, u, s, t, w);
            public static void GatherScalar(int[] index, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Gather(i, index, x, y); }
            public static void GatherSpans(Accelerator gpu, int[] index, float[] x, float[] y) => Kernels.Gather(gpu, index, x, y);
            public static void Scale2DScalar(int m, int n, int[] x, int[] w, int[] y)
            {
                for (int row = 0; row < m; row++)
                    for (int col = 0; col < n; col++)
                        Kernels.Scale2D(row, col, n, x, w, y);
            }
            public static void Scale2DSpans(Accelerator gpu, int m, int n, int[] x, int[] w, int[] y) => Kernels.Scale2D(gpu, 0..m, 0..n, n, x, w, y);
            public static void RowSumsScalar(int n, float[] a, float[] sums) { for (int r = 0; r < sums.Length; r++) Kernels.RowSums(r, n, a, sums); }
            public static void RowSumsSpans(Accelerator gpu, int n, float[] a, float[] sums) => Kernels.RowSums(gpu, n, a, sums);
            public static void RowSumsCpu(int n, float[] a, float[] sums) => Kernels.RowSums(n, a, sums);
            public static void NeighboursScalar(int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.Neighbours(i, x, y); }
            public static void NeighboursSpans(Accelerator gpu, int[] x, int[] y) => Kernels.Neighbours(gpu, 0..y.Length, x, y);
            public static void QuadsScalar(float[] x, float[] y) { for (int i = 0; i < x.Length; i++) Kernels.Quads(i, x, y); }
            public static void QuadsSpans(Accelerator gpu, float[] x, float[] y) => Kernels.Quads(gpu, x, y);
            public static void MoreMathScalar(float[] x, float[] w, float[] a, float[] b, double[] d, double[] c, double[] e) { for (int i = 0; i < x.Length; i++) Kernels.MoreMath(i, x, w, a, b, d, c, e); }
            public static void MoreMathSpans(Accelerator gpu, float[] x, float[] w, float[] a, float[] b, double[] d, double[] c, double[] e) => Kernels.MoreMath(gpu, x, w, a, b, d, c, e);
            public static void IntegerAbsScalar(int[] x, long[] w, long[] y) { for (int i = 0; i < y.Length; i++) Kernels.IntegerAbs(i, x, w, y); }
            public static void IntegerAbsSpans(Accelerator gpu, int[] x, long[] w, long[] y) => Kernels.IntegerAbs(gpu, x, w, y);
            public static void WideScalar(int[][] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.Wide(i, x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8], x[9], x[10], x[11], x[12], x[13], x[14], y); }
            public static void WideSpans(Accelerator gpu, int[][] x, int[] y) => Kernels.Wide(gpu, x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8], x[9], x[10], x[11], x[12], x[13], x[14], y);
            public static void WideGridScalar(int m, int n, float[][] a, float[] b)
            {
                for (int r = 0; r < m; r++)
                    for (int c = 0; c < n; c++)
                        Kernels.WideGrid(r, c, n, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], b);
            }
            public static void WideGridSpans(Accelerator gpu, int m, int n, float[][] a, float[] b) => Kernels.WideGrid(gpu, 0..m, 0..n, n, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], b);
            public static void SignAndClampScalar(float lo, float hi, long low, long high, float[] x, double[] d, long[] w, float[] y, int[] s, long[] z) { for (int i = 0; i < y.Length; i++) Kernels.SignAndClamp(i, lo, hi, low, high, x, d, w, y, s, z); }
            public static void SignAndClampSpans(Accelerator gpu, float lo, float hi, long low, long high, float[] x, double[] d, long[] w, float[] y, int[] s, long[] z) => Kernels.SignAndClamp(gpu, lo, hi, low, high, x, d, w, y, s, z);
            public static void MasksScalar(bool invert, byte[] mask, float[] a, float[] y, byte[] positive) { for (int i = 0; i < y.Length; i++) Kernels.Masks(i, invert, mask, a, y, positive); }
            public static void MasksSpans(Accelerator gpu, bool invert, byte[] mask, float[] a, float[] y, byte[] positive) => Kernels.Masks(gpu, invert, mask, a, y, positive);
            public static void GuardedFlowScalar(int[] x, int[] d, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.GuardedFlow(i, x, d, y); }
            public static void GuardedFlowSpans(Accelerator gpu, int[] x, int[] d, int[] y) => Kernels.GuardedFlow(gpu, x, d, y);
            public static void TranscendentalScalar(float[] x, float[] s, float[] e, double[] d, double[] c) { for (int i = 0; i < x.Length; i++) Kernels.Transcendental(i, x, s, e, d, c); }
            public static void TranscendentalSpans(Accelerator gpu, float[] x, float[] s, float[] e, double[] d, double[] c) => Kernels.Transcendental(gpu, x, s, e, d, c);
        }
        """;
}

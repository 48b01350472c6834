namespace DataParallel.Generators.Tests.Lowering;

/// <summary>Kernels at the edges of unroll and jam across lanes, shared by <see cref="LaneJammingDifferentialTests"/>.</summary>
internal static class LaneJammingEdgeSource
{
    public const string Source = """
        using System;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel(Dimensions = 2)]
            public static void Box(int row, int col, int w, int n, ReadOnlySpan<float> x, Span<float> y)
            {
                float sum = 0f;
                for (int t = 0; t < n; t++)
                    sum = sum * 0.75f + x[row * (w + n) + col + t];
                y[row * w + col] = sum;
            }

            [Parallel(Dimensions = 3)]
            public static void Depth(int z, int yy, int x, int ny, int nx, int n, ReadOnlySpan<int> s, Span<int> t)
            {
                int flat = (z * ny + yy) * nx + x;
                int acc = z - x;
                for (int k = 0; k < n; k++)
                    acc = acc * 3 + s[flat + k];
                t[flat] = acc;
            }

            [Parallel]
            public static void Small(int i, int n, ReadOnlySpan<byte> x, Span<short> y)
            {
                short acc = 0;
                byte b = x[i];
                for (int k = 0; k < n; k++)
                {
                    acc += (short)(x[i + k] * 3 - b);
                    b ^= (byte)(b << 1);
                    b += x[i + k];
                }
                y[i] = (short)(acc ^ b);
            }

            [Parallel]
            public static void Mixed(int i, int n, ReadOnlySpan<int> x, Span<long> y)
            {
                long acc = 0;
                int c = x[i];
                for (int k = 0; k < n; k++)
                {
                    c = c * 5 + k;
                    acc += c;
                    acc ^= (long)x[i + k] << 3;
                }
                y[i] = acc + c;
            }

            [Parallel]
            public static void Inner(int i, int n, float scale, ReadOnlySpan<float> x, Span<float> y)
            {
                float s = 0f;
                for (int t = 0; t < n; t++)
                {
                    float w = scale * t + 1f;
                    int offset = t * 2;
                    s = s * 0.5f + w * x[i + offset];
                }
                y[i] = s;
            }

            [Parallel]
            public static void DoWhile(int i, int n, ReadOnlySpan<int> x, Span<int> y)
            {
                int h = x[i];
                int r = 0;
                do
                {
                    h = h * 31 + r;
                    r++;
                }
                while (r < n);
                y[i] = h;
            }

            [Parallel]
            public static void Checked(int i, int n, ReadOnlySpan<int> x, Span<int> y)
            {
                int acc = 0;
                for (int t = 0; t < n; t++)
                    acc = checked(acc + x[i] * (t + 1));
                y[i] = acc;
            }

            [Parallel]
            public static void Guarded(int i, int n, ReadOnlySpan<float> x, Span<float> y)
            {
                float s = 0f;
                for (int t = 0; t < n; t++)
                {
                    int j = i + t;
                    s = s * 0.5f + (j < x.Length ? x[j] : 1f);
                }
                y[i] = s;
            }

            [Parallel(FastMath = true)]
            public static void Horner(int i, ReadOnlySpan<float> c, ReadOnlySpan<float> x, Span<float> y)
            {
                float p = 0f;
                for (int t = 0; t < c.Length; t++)
                    p = p * x[i] + c[t];
                y[i] = p;
            }

            [Parallel]
            public static void Window(int i, int n, ReadOnlySpan<float> x, Span<float> y)
            {
                float s = 0f;
                for (int t = 0; t < n; t++)
                {
                    ReadOnlySpan<float> rest = x.Slice(t);
                    s = s * 0.5f + rest[i];
                }
                y[i] = s;
            }

            [Parallel]
            public static void Head(int i, int n, ReadOnlySpan<float> x, Span<float> y)
            {
                ReadOnlySpan<float> head = x.Slice(0, n);
                float s = 0f;
                for (int t = 0; t < head.Length; t++)
                    s = s * 0.5f + head[t] * x[i + t];
                y[i] = s;
            }

            [Parallel]
            public static void Rounds(int i, int n, int mode, ReadOnlySpan<uint> x, Span<uint> y)
            {
                uint h = x[i];
                int q = (int)x[i] - 100;
                for (int r = 0; r < n; r++)
                {
                    uint k = Step(h, r);
                    switch (mode + r & 3)
                    {
                        case 0: h ^= k; break;
                        case 1: h = System.Numerics.BitOperations.RotateRight(h, 11) + k; break;
                        default: h += k * 3u; break;
                    }
                    q = q / 4 + (int)(h & 255) - q % 8;
                    if (r is 2 or 5)
                        continue;
                    h ^= (uint)q;
                }
                y[i] = h;

                static uint Step(uint v, int round)
                {
                    uint t = v * 0x9E3779B1u;
                    return System.Numerics.BitOperations.RotateLeft(t, 5 + round) ^ (uint)round;
                }
            }

            [Parallel]
            public static void Header(int i, int n, ReadOnlySpan<int> x, Span<int> y)
            {
                int acc = x[i];
                for (int t = 0, u = x[i] & 7; t < n; t++, u += 3)
                    acc = acc * 7 + u;
                y[i] = acc;
            }
        }

        public static class Drivers
        {
            public static void HeaderGenerated(int n, int[] x, int[] y) => Kernels.Header(0..y.Length, n, x, y);

            public static void HeaderScalar(int n, int[] x, int[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.Header(i, n, x, y);
            }

            public static void RoundsGenerated(int n, int mode, uint[] x, uint[] y) => Kernels.Rounds(0..y.Length, n, mode, x, y);

            public static void RoundsScalar(int n, int mode, uint[] x, uint[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.Rounds(i, n, mode, x, y);
            }

            public static void HeadGenerated(int n, float[] x, float[] y) => Kernels.Head(0..y.Length, n, x, y);

            public static void HeadScalar(int n, float[] x, float[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.Head(i, n, x, y);
            }

            public static void BoxGenerated(int rows, int n, float[] x, float[] y) => Kernels.Box(0..rows, 0..(y.Length / rows), y.Length / rows, n, x, y);

            public static void BoxScalar(int rows, int n, float[] x, float[] y)
            {
                for (int r = 0; r < rows; r++)
                    for (int c = 0; c < y.Length / rows; c++)
                        Kernels.Box(r, c, y.Length / rows, n, x, y);
            }

            public static void DepthGenerated(int nz, int ny, int n, int[] s, int[] t) => Kernels.Depth(0..nz, 0..ny, 0..(t.Length / (nz * ny)), ny, t.Length / (nz * ny), n, s, t);

            public static void DepthScalar(int nz, int ny, int n, int[] s, int[] t)
            {
                int nx = t.Length / (nz * ny);
                for (int z = 0; z < nz; z++)
                    for (int y = 0; y < ny; y++)
                        for (int x = 0; x < nx; x++)
                            Kernels.Depth(z, y, x, ny, nx, n, s, t);
            }

            public static void SmallGenerated(int n, byte[] x, short[] y) => Kernels.Small(0..y.Length, n, x, y);

            public static void SmallScalar(int n, byte[] x, short[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.Small(i, n, x, y);
            }

            public static void MixedGenerated(int n, int[] x, long[] y) => Kernels.Mixed(0..y.Length, n, x, y);

            public static void MixedScalar(int n, int[] x, long[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.Mixed(i, n, x, y);
            }

            public static void InnerGenerated(int n, float scale, float[] x, float[] y) => Kernels.Inner(0..y.Length, n, scale, x, y);

            public static void InnerScalar(int n, float scale, float[] x, float[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.Inner(i, n, scale, x, y);
            }

            public static void DoWhileGenerated(int n, int[] x, int[] y) => Kernels.DoWhile(0..y.Length, n, x, y);

            public static void DoWhileScalar(int n, int[] x, int[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.DoWhile(i, n, x, y);
            }

            public static void CheckedGenerated(int n, int[] x, int[] y) => Kernels.Checked(0..y.Length, n, x, y);

            public static void CheckedScalar(int n, int[] x, int[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.Checked(i, n, x, y);
            }

            public static void GuardedGenerated(int n, float[] x, float[] y) => Kernels.Guarded(0..y.Length, n, x, y);

            public static void GuardedScalar(int n, float[] x, float[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.Guarded(i, n, x, y);
            }

            public static void HornerGenerated(float[] c, float[] x, float[] y) => Kernels.Horner(0..y.Length, c, x, y);

            public static void HornerScalar(float[] c, float[] x, float[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.Horner(i, c, x, y);
            }

            public static void WindowGenerated(int n, float[] x, float[] y) => Kernels.Window(0..y.Length, n, x, y);

            public static void WindowScalar(int n, float[] x, float[] y)
            {
                for (int i = 0; i < y.Length; i++)
                    Kernels.Window(i, n, x, y);
            }
        }
        """;
}

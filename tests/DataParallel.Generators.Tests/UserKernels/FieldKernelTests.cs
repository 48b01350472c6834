using System;
using System.Linq;
using DataParallel.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Xunit;

namespace DataParallel.Generators.Tests.UserKernels;

/// <summary>
/// A second batch of kernels as users write them for real jobs — option pricing, activations, softmax and layer-norm
/// pieces, n-body forces, filters, 3-D stencils, image and text bytes, quantisation, hashing, fixed point, piecewise
/// functions, loops that break, continue or run a data-dependent number of times, reductions of every operator —
/// written before looking at what the lowering supports. Each must vectorise and give the scalar kernel's results in
/// every configuration.
/// </summary>
public sealed class FieldKernelTests
{
    private const string Kernels = """
        using System;
        using System.Numerics;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            // --- finance -------------------------------------------------------------------------------------------
            [Parallel]
            public static void BlackScholesCall(int i, float rate, float volatility, float years,
                                                ReadOnlySpan<float> spot, ReadOnlySpan<float> strike, Span<float> call)
            {
                float s = spot[i], k = strike[i];
                float sqrtT = MathF.Sqrt(years);
                float d1 = (MathF.Log(s / k) + (rate + 0.5f * volatility * volatility) * years) / (volatility * sqrtT);
                float d2 = d1 - volatility * sqrtT;
                call[i] = s * CumulativeNormal(d1) - k * MathF.Exp(-rate * years) * CumulativeNormal(d2);
            }

            // Abramowitz–Stegun 26.2.17
            private static float CumulativeNormal(float x)
            {
                const float a1 = 0.319381530f, a2 = -0.356563782f, a3 = 1.781477937f, a4 = -1.821255978f, a5 = 1.330274429f;
                float l = MathF.Abs(x);
                float t = 1f / (1f + 0.2316419f * l);
                float poly = t * (a1 + t * (a2 + t * (a3 + t * (a4 + t * a5))));
                float w = 1f - 0.39894228f * MathF.Exp(-0.5f * l * l) * poly;
                if (x < 0)
                    w = 1f - w;
                return w;
            }

            // --- activations ---------------------------------------------------------------------------------------
            [Parallel]
            public static void Gelu(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                var v = x[i];
                y[i] = 0.5f * v * (1f + MathF.Tanh(0.7978845608f * (v + 0.044715f * v * v * v)));
            }

            [Parallel]
            public static void Softplus(int i, ReadOnlySpan<float> x, Span<float> y)
                => y[i] = x[i] > 20f ? x[i] : MathF.Log(1f + MathF.Exp(x[i]));

            // --- softmax / layer norm ------------------------------------------------------------------------------
            [Parallel(Reduce = Reduction.Max)]
            public static float RowMax(int i, ReadOnlySpan<float> x) => x[i];

            [Parallel(Reduce = Reduction.Sum)]
            public static float SumExp(int i, float max, ReadOnlySpan<float> x) => MathF.Exp(x[i] - max);

            [Parallel]
            public static void SoftmaxNormalise(int i, float max, float inverseSum, ReadOnlySpan<float> x, Span<float> y)
                => y[i] = MathF.Exp(x[i] - max) * inverseSum;

            [Parallel(Reduce = Reduction.Sum)]
            public static double Mean(int i, double inverseCount, ReadOnlySpan<float> x) => x[i] * inverseCount;

            [Parallel(Reduce = Reduction.Sum)]
            public static double Variance(int i, double mean, ReadOnlySpan<float> x)
            {
                double d = x[i] - mean;
                return d * d;
            }

            [Parallel]
            public static void LayerNorm(int i, float mean, float inverseStd, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
                                         ReadOnlySpan<float> x, Span<float> y)
                => y[i] = (x[i] - mean) * inverseStd * gamma[i] + beta[i];

            // --- physics / signal ----------------------------------------------------------------------------------
            [Parallel]
            public static void Accelerations(int i, int bodies, float softening,
                                             ReadOnlySpan<float> px, ReadOnlySpan<float> py, ReadOnlySpan<float> pz, ReadOnlySpan<float> mass,
                                             Span<float> ax, Span<float> ay, Span<float> az)
            {
                float xi = px[i], yi = py[i], zi = pz[i];
                float sx = 0, sy = 0, sz = 0;
                for (int j = 0; j < bodies; j++)
                {
                    float dx = px[j] - xi, dy = py[j] - yi, dz = pz[j] - zi;
                    float d2 = dx * dx + dy * dy + dz * dz + softening;
                    float inv = 1f / MathF.Sqrt(d2);
                    float s = mass[j] * inv * inv * inv;
                    sx += dx * s; sy += dy * s; sz += dz * s;
                }
                ax[i] = sx; ay[i] = sy; az[i] = sz;
            }

            [Parallel]
            public static void Fir(int i, ReadOnlySpan<float> taps, ReadOnlySpan<float> x, Span<float> y)
            {
                float acc = 0f;
                for (int k = 0; k < taps.Length; k++)
                    acc += taps[k] * x[i + k];
                y[i] = acc;
            }

            [Parallel(Dimensions = 3)]
            public static void Laplace3D(int z, int y, int x, int ny, int nx, float c, ReadOnlySpan<float> u, Span<float> v)
            {
                int at = (z * ny + y) * nx + x;
                int plane = ny * nx;
                v[at] = u[at] + c * (u[at - 1] + u[at + 1] + u[at - nx] + u[at + nx] + u[at - plane] + u[at + plane] - 6f * u[at]);
            }

            // --- images --------------------------------------------------------------------------------------------
            [Parallel(Dimensions = 2)]
            public static void Transpose(int row, int col, int rows, int cols, ReadOnlySpan<float> a, Span<float> t)
                => t[col * rows + row] = a[row * cols + col];

            [Parallel(Dimensions = 2)]
            public static void BoxBlur(int y, int x, int width, ReadOnlySpan<byte> src, Span<byte> dst)
            {
                int sum = 0;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++)
                        sum += src[(y + dy) * width + x + dx];
                dst[y * width + x] = (byte)(sum / 9);
            }

            [Parallel]
            public static void Threshold(int i, byte level, ReadOnlySpan<byte> src, Span<byte> dst)
                => dst[i] = src[i] >= level ? (byte)255 : (byte)0;

            [Parallel]
            public static void AlphaBlend(int i, ReadOnlySpan<uint> src, Span<uint> dst)
            {
                uint s = src[i], d = dst[i];
                uint a = s >> 24;
                uint inv = 255 - a;
                uint r = (((s >> 16) & 0xFF) * a + ((d >> 16) & 0xFF) * inv) / 255;
                uint g = (((s >> 8) & 0xFF) * a + ((d >> 8) & 0xFF) * inv) / 255;
                uint b = ((s & 0xFF) * a + (d & 0xFF) * inv) / 255;
                dst[i] = 0xFF000000u | (r << 16) | (g << 8) | b;
            }

            // --- quantisation --------------------------------------------------------------------------------------
            [Parallel]
            public static void QuantizeU8(int i, float scale, int zeroPoint, ReadOnlySpan<float> x, Span<byte> q)
            {
                int v = (int)MathF.Round(x[i] / scale) + zeroPoint;
                q[i] = (byte)Math.Clamp(v, 0, 255);
            }

            [Parallel]
            public static void QuantizeS8(int i, float inverseScale, ReadOnlySpan<float> x, Span<sbyte> q)
                => q[i] = (sbyte)Math.Clamp((int)MathF.Round(x[i] * inverseScale, MidpointRounding.AwayFromZero), -127, 127);

            [Parallel]
            public static void DequantizeU8(int i, float scale, int zeroPoint, ReadOnlySpan<byte> q, Span<float> x)
                => x[i] = (q[i] - zeroPoint) * scale;

            // --- text ----------------------------------------------------------------------------------------------
            [Parallel]
            public static void AsciiToLower(int i, Span<byte> text)
            {
                byte c = text[i];
                if (c >= 'A' && c <= 'Z')
                    text[i] = (byte)(c | 0x20);
            }

            [Parallel(Reduce = Reduction.Sum)]
            public static int CountDigits(int i, ReadOnlySpan<byte> text) => (uint)(text[i] - '0') <= 9 ? 1 : 0;

            // --- hashing / random ----------------------------------------------------------------------------------
            [Parallel]
            public static void XorShift(int i, ReadOnlySpan<ulong> state, Span<ulong> next)
            {
                ulong x = state[i];
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                next[i] = x;
            }

            [Parallel]
            public static void PcgHash(int i, ReadOnlySpan<uint> input, Span<uint> output)
            {
                uint state = input[i] * 747796405u + 2891336453u;
                uint word = ((state >> (int)((state >> 28) + 4u)) ^ state) * 277803737u;
                output[i] = (word >> 22) ^ word;
            }

            [Parallel]
            public static void SplitMix(int i, ulong seed, Span<ulong> output)
            {
                ulong z = seed + (ulong)i * 0x9E3779B97F4A7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                output[i] = z ^ (z >> 31);
            }

            // --- fixed point ---------------------------------------------------------------------------------------
            [Parallel]
            public static void MulQ15(int i, ReadOnlySpan<short> a, ReadOnlySpan<short> b, Span<short> y)
                => y[i] = (short)Math.Clamp((a[i] * b[i] + (1 << 14)) >> 15, short.MinValue, short.MaxValue);

            // --- geometry ------------------------------------------------------------------------------------------
            [Parallel]
            public static void Distances(int i, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> d)
            {
                var dx = a[3 * i] - b[3 * i];
                var dy = a[3 * i + 1] - b[3 * i + 1];
                var dz = a[3 * i + 2] - b[3 * i + 2];
                d[i] = MathF.Sqrt(dx * dx + dy * dy + dz * dz);
            }

            [Parallel]
            public static void Normalise(int i, Span<float> v)
            {
                float x = v[3 * i], y = v[3 * i + 1], z = v[3 * i + 2];
                float length = MathF.Sqrt(x * x + y * y + z * z);
                if (length == 0f)
                    return;
                float inv = 1f / length;
                v[3 * i] = x * inv;
                v[3 * i + 1] = y * inv;
                v[3 * i + 2] = z * inv;
            }

            // --- piecewise / control flow --------------------------------------------------------------------------
            [Parallel]
            public static void IncomeTax(int i, ReadOnlySpan<double> income, Span<double> tax) => tax[i] = Tax(income[i]);

            private static double Tax(double income)
            {
                if (income <= 12_000) return 0;
                else if (income <= 50_000) return (income - 12_000) * 0.2;
                else if (income <= 150_000) return 7_600 + (income - 50_000) * 0.4;
                return 47_600 + (income - 150_000) * 0.45;
            }

            [Parallel]
            public static void Grade(int i, ReadOnlySpan<int> score, Span<int> grade)
                => grade[i] = score[i] >= 90 ? 4 : score[i] >= 80 ? 3 : score[i] >= 70 ? 2 : score[i] >= 60 ? 1 : 0;

            [Parallel]
            public static void ShippingCost(int i, ReadOnlySpan<int> zone, ReadOnlySpan<float> weight, Span<float> cost)
            {
                float perKg = zone[i] switch
                {
                    0 => 1.5f,
                    1 => 2.25f,
                    2 => 4f,
                    _ => 7.5f,
                };
                cost[i] = 5f + perKg * weight[i];
            }

            [Parallel]
            public static void FirstAbove(int row, int width, float limit, ReadOnlySpan<float> values, Span<int> column)
            {
                int found = -1;
                for (int j = 0; j < width; j++)
                {
                    if (values[row * width + j] > limit)
                    {
                        found = j;
                        break;
                    }
                }
                column[row] = found;
            }

            [Parallel]
            public static void SumPositiveTaps(int i, int taps, ReadOnlySpan<float> x, Span<float> y)
            {
                float sum = 0;
                for (int k = 0; k < taps; k++)
                {
                    float v = x[i + k];
                    if (v <= 0 || float.IsNaN(v))
                        continue;
                    sum += v;
                }
                y[i] = sum;
            }

            [Parallel]
            public static void CollatzSteps(int i, ReadOnlySpan<long> start, Span<int> steps)
            {
                long n = start[i];
                int count = 0;
                while (n > 1)
                {
                    n = (n & 1) == 0 ? n / 2 : 3 * n + 1;
                    count++;
                }
                steps[i] = count;
            }

            [Parallel]
            public static void NewtonSqrt(int i, ReadOnlySpan<double> a, Span<double> root)
            {
                double v = a[i];
                double x = v > 1 ? v : 1;
                for (int k = 0; k < 100; k++)
                {
                    double next = 0.5 * (x + v / x);
                    if (Math.Abs(next - x) <= 1e-15 * next)
                    {
                        x = next;
                        break;
                    }
                    x = next;
                }
                root[i] = x;
            }

            // --- reductions ----------------------------------------------------------------------------------------
            [Parallel(Reduce = Reduction.Sum)]
            public static long DotLong(int i, ReadOnlySpan<int> a, ReadOnlySpan<int> b) => (long)a[i] * b[i];

            [Parallel(Reduce = Reduction.And)]
            public static uint CommonFlags(int i, ReadOnlySpan<uint> flags) => flags[i];

            [Parallel(Reduce = Reduction.Or)]
            public static uint AnyFlags(int i, ReadOnlySpan<uint> flags) => flags[i] & 0x00FF_FF00u;

            [Parallel(Reduce = Reduction.Xor)]
            public static uint Checksum(int i, ReadOnlySpan<uint> words) => words[i] * 0x9E3779B1u ^ (uint)i;

            [Parallel(Reduce = Reduction.Min)]
            public static uint MinUnsigned(int i, ReadOnlySpan<uint> x) => x[i];

            [Parallel(Reduce = Reduction.Max)]
            public static double MaxAbsDifference(int i, ReadOnlySpan<double> a, ReadOnlySpan<double> b) => Math.Abs(a[i] - b[i]);

            [Parallel(Reduce = Reduction.Min)]
            public static long EarliestTimestamp(int i, ReadOnlySpan<long> stamps) => stamps[i] > 0 ? stamps[i] : long.MaxValue;

            // --- math functions and operators ----------------------------------------------------------------------
            [Parallel]
            public static void Fma(int i, ReadOnlySpan<double> a, ReadOnlySpan<double> b, ReadOnlySpan<double> c, Span<double> y)
                => y[i] = Math.FusedMultiplyAdd(a[i], b[i], c[i]);

            [Parallel]
            public static void SignOf(int i, ReadOnlySpan<float> magnitude, ReadOnlySpan<float> sign, Span<float> y)
                => y[i] = MathF.CopySign(MathF.Abs(magnitude[i]), sign[i]);

            [Parallel]
            public static void ZeroNonFinite(int i, Span<double> x)
            {
                if (!double.IsFinite(x[i]))
                    x[i] = 0;
            }

            [Parallel]
            public static void Bucket(int i, int width, int buckets, ReadOnlySpan<int> x, Span<int> bucket)
                => bucket[i] = x[i] / width % buckets;

            [Parallel]
            public static void UnsignedShift(int i, int shift, ReadOnlySpan<int> x, Span<int> y) => y[i] = x[i] >>> shift;

            [Parallel]
            public static void Polynomial(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                static float Horner(float v) => ((2f * v - 3f) * v + 0.5f) * v - 1f;
                y[i] = Horner(x[i]);
            }

            [Parallel]
            public static void CountBits(int i, ReadOnlySpan<uint> x, Span<int> bits)
            {
                uint v = x[i];
                int n = 0;
                for (int b = 0; b < 32; b++)
                {
                    if ((v & 1u) != 0)
                        n++;
                    v >>= 1;
                }
                bits[i] = n;
            }

            [Parallel]
            public static void Decay(int i, int steps, Span<float> x)
            {
                const float rate = 0.95f;
                var v = x[i];
                for (var s = 0; s < steps; ++s)
                    v *= rate;
                x[i] = v;
            }

            // --- bit tricks, patterns, loops and narrow types ------------------------------------------------------
            [Parallel]
            public static void Murmur(int i, uint seed, ReadOnlySpan<uint> x, Span<uint> h)
            {
                uint k = x[i] * 0xcc9e2d51u;
                k = BitOperations.RotateLeft(k, 15) * 0x1b873593u;
                uint v = seed ^ k;
                v = BitOperations.RotateLeft(v, 13) * 5 + 0xe6546b64u;
                h[i] = v;
            }

            [Parallel]
            public static void InRange(int i, ReadOnlySpan<int> x, Span<bool> y) => y[i] = x[i] is > 0 and < 10;

            [Parallel]
            public static void Histogram(int i, ReadOnlySpan<float> x, Span<float> y)
            {
                y[i]++;
                y[i] += x[i];
            }

            [Parallel]
            public static void DoWhileHalving(int i, ReadOnlySpan<int> x, Span<int> halvings)
            {
                int v = x[i];
                int n = 0;
                do
                {
                    v /= 2;
                    n++;
                } while (v != 0);
                halvings[i] = n;
            }

            [Parallel]
            public static void Reverse(int i, int n, ReadOnlySpan<float> x, Span<float> y)
            {
                float acc = 0;
                for (int k = n - 1; k >= 0; k--)
                    acc = acc * 0.5f + x[i + k];
                y[i] = acc;
            }

            [Parallel]
            public static void SignFlags(int i, ReadOnlySpan<double> x, Span<int> y)
            {
                bool negative = x[i] < 0;
                var sign = Math.Sign(negative ? -1.0 : x[i] == 0 ? 0.0 : 1.0);
                y[i] = negative ? sign * 2 : sign;
            }

            [Parallel(Reduce = Reduction.Sum)]
            public static long ByteTotal(int i, ReadOnlySpan<byte> data) => data[i];

            [Parallel]
            public static void AddWrap(int i, ReadOnlySpan<ushort> a, ReadOnlySpan<ushort> b, Span<ushort> y) => y[i] = (ushort)(a[i] + b[i]);

            [Parallel]
            public static void MaxOfThree(int i, ReadOnlySpan<int> a, ReadOnlySpan<int> b, ReadOnlySpan<int> c, Span<int> y)
                => y[i] = Math.Max(a[i], Math.Max(b[i], c[i]));

            [Parallel]
            public static void RoundHalfEven(int i, ReadOnlySpan<double> x, Span<double> y) => y[i] = Math.Round(x[i], MidpointRounding.ToEven);

            [Parallel]
            public static void WideMul(int i, ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, Span<ulong> y) => y[i] = (ulong)a[i] * b[i];

            [Parallel]
            public static void NotNaN(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i] is float.NaN ? 0 : x[i];

            [Parallel]
            public static void RotateHash(int i, ReadOnlySpan<ulong> x, Span<ulong> y) => y[i] = ulong.RotateLeft(x[i], 31) * 0x9E3779B97F4A7C15UL;

            [Parallel]
            public static void Cube(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = MathF.Pow(x[i], 3f);

            [Parallel]
            public static void Hypot(int i, ReadOnlySpan<float> x, ReadOnlySpan<float> y, Span<float> r) => r[i] = MathF.Atan2(y[i], x[i]);

        }

        public static class Drivers
        {
            public static void BlackScholesCallGenerated(float r, float v, float t, float[] s, float[] k, float[] c) => Kernels.BlackScholesCall(r, v, t, s, k, c);
            public static void BlackScholesCallScalar(float r, float v, float t, float[] s, float[] k, float[] c) { for (int i = 0; i < c.Length; i++) Kernels.BlackScholesCall(i, r, v, t, s, k, c); }
            public static void GeluGenerated(float[] x, float[] y) => Kernels.Gelu(x, y);
            public static void GeluScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Gelu(i, x, y); }
            public static void SoftplusGenerated(float[] x, float[] y) => Kernels.Softplus(x, y);
            public static void SoftplusScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Softplus(i, x, y); }
            public static float RowMaxGenerated(float[] x) => Kernels.RowMax(x);
            public static float RowMaxScalar(float[] x) { float m = float.NegativeInfinity; for (int i = 0; i < x.Length; i++) m = MathF.Max(m, Kernels.RowMax(i, x)); return m; }
            public static float SumExpGenerated(float max, float[] x) => Kernels.SumExp(max, x);
            public static float SumExpScalar(float max, float[] x) { float s = 0; for (int i = 0; i < x.Length; i++) s += Kernels.SumExp(i, max, x); return s; }
            public static void SoftmaxNormaliseGenerated(float max, float inv, float[] x, float[] y) => Kernels.SoftmaxNormalise(max, inv, x, y);
            public static void SoftmaxNormaliseScalar(float max, float inv, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.SoftmaxNormalise(i, max, inv, x, y); }
            public static double MeanGenerated(double inv, float[] x) => Kernels.Mean(inv, x);
            public static double MeanScalar(double inv, float[] x) { double s = 0; for (int i = 0; i < x.Length; i++) s += Kernels.Mean(i, inv, x); return s; }
            public static double VarianceGenerated(double mean, float[] x) => Kernels.Variance(mean, x);
            public static double VarianceScalar(double mean, float[] x) { double s = 0; for (int i = 0; i < x.Length; i++) s += Kernels.Variance(i, mean, x); return s; }
            public static void LayerNormGenerated(float mean, float inv, float[] g, float[] b, float[] x, float[] y) => Kernels.LayerNorm(mean, inv, g, b, x, y);
            public static void LayerNormScalar(float mean, float inv, float[] g, float[] b, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.LayerNorm(i, mean, inv, g, b, x, y); }
            public static void AccelerationsGenerated(float soft, float[] px, float[] py, float[] pz, float[] m, float[] ax, float[] ay, float[] az) => Kernels.Accelerations(px.Length, soft, px, py, pz, m, ax, ay, az);
            public static void AccelerationsScalar(float soft, float[] px, float[] py, float[] pz, float[] m, float[] ax, float[] ay, float[] az) { for (int i = 0; i < ax.Length; i++) Kernels.Accelerations(i, px.Length, soft, px, py, pz, m, ax, ay, az); }
            public static void FirGenerated(float[] taps, float[] x, float[] y) => Kernels.Fir(0..(x.Length - taps.Length + 1), taps, x, y);
            public static void FirScalar(float[] taps, float[] x, float[] y) { for (int i = 0; i < x.Length - taps.Length + 1; i++) Kernels.Fir(i, taps, x, y); }
            public static void Laplace3DGenerated(int nz, int ny, int nx, float c, float[] u, float[] v) => Kernels.Laplace3D(1..(nz - 1), 1..(ny - 1), 1..(nx - 1), ny, nx, c, u, v);
            public static void Laplace3DScalar(int nz, int ny, int nx, float c, float[] u, float[] v) { for (int z = 1; z < nz - 1; z++) for (int y = 1; y < ny - 1; y++) for (int x = 1; x < nx - 1; x++) Kernels.Laplace3D(z, y, x, ny, nx, c, u, v); }
            public static void TransposeGenerated(int rows, int cols, float[] a, float[] t) => Kernels.Transpose(0..rows, 0..cols, rows, cols, a, t);
            public static void TransposeScalar(int rows, int cols, float[] a, float[] t) { for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) Kernels.Transpose(r, c, rows, cols, a, t); }
            public static void BoxBlurGenerated(int h, int w, byte[] s, byte[] d) => Kernels.BoxBlur(1..(h - 1), 1..(w - 1), w, s, d);
            public static void BoxBlurScalar(int h, int w, byte[] s, byte[] d) { for (int y = 1; y < h - 1; y++) for (int x = 1; x < w - 1; x++) Kernels.BoxBlur(y, x, w, s, d); }
            public static void ThresholdGenerated(byte level, byte[] s, byte[] d) => Kernels.Threshold(level, s, d);
            public static void ThresholdScalar(byte level, byte[] s, byte[] d) { for (int i = 0; i < d.Length; i++) Kernels.Threshold(i, level, s, d); }
            public static void AlphaBlendGenerated(uint[] s, uint[] d) => Kernels.AlphaBlend(s, d);
            public static void AlphaBlendScalar(uint[] s, uint[] d) { for (int i = 0; i < d.Length; i++) Kernels.AlphaBlend(i, s, d); }
            public static void QuantizeU8Generated(float scale, int zero, float[] x, byte[] q) => Kernels.QuantizeU8(scale, zero, x, q);
            public static void QuantizeU8Scalar(float scale, int zero, float[] x, byte[] q) { for (int i = 0; i < q.Length; i++) Kernels.QuantizeU8(i, scale, zero, x, q); }
            public static void QuantizeS8Generated(float inv, float[] x, sbyte[] q) => Kernels.QuantizeS8(inv, x, q);
            public static void QuantizeS8Scalar(float inv, float[] x, sbyte[] q) { for (int i = 0; i < q.Length; i++) Kernels.QuantizeS8(i, inv, x, q); }
            public static void DequantizeU8Generated(float scale, int zero, byte[] q, float[] x) => Kernels.DequantizeU8(scale, zero, q, x);
            public static void DequantizeU8Scalar(float scale, int zero, byte[] q, float[] x) { for (int i = 0; i < x.Length; i++) Kernels.DequantizeU8(i, scale, zero, q, x); }
            public static void AsciiToLowerGenerated(byte[] text) => Kernels.AsciiToLower(text);
            public static void AsciiToLowerScalar(byte[] text) { for (int i = 0; i < text.Length; i++) Kernels.AsciiToLower(i, text); }
            public static int CountDigitsGenerated(byte[] text) => Kernels.CountDigits(text);
            public static int CountDigitsScalar(byte[] text) { int n = 0; for (int i = 0; i < text.Length; i++) n += Kernels.CountDigits(i, text); return n; }
            public static void XorShiftGenerated(ulong[] s, ulong[] n) => Kernels.XorShift(s, n);
            public static void XorShiftScalar(ulong[] s, ulong[] n) { for (int i = 0; i < n.Length; i++) Kernels.XorShift(i, s, n); }
            public static void PcgHashGenerated(uint[] x, uint[] y) => Kernels.PcgHash(x, y);
            public static void PcgHashScalar(uint[] x, uint[] y) { for (int i = 0; i < y.Length; i++) Kernels.PcgHash(i, x, y); }
            public static void SplitMixGenerated(ulong seed, ulong[] y) => Kernels.SplitMix(seed, y);
            public static void SplitMixScalar(ulong seed, ulong[] y) { for (int i = 0; i < y.Length; i++) Kernels.SplitMix(i, seed, y); }
            public static void MulQ15Generated(short[] a, short[] b, short[] y) => Kernels.MulQ15(a, b, y);
            public static void MulQ15Scalar(short[] a, short[] b, short[] y) { for (int i = 0; i < y.Length; i++) Kernels.MulQ15(i, a, b, y); }
            public static void DistancesGenerated(float[] a, float[] b, float[] d) => Kernels.Distances(0..d.Length, a, b, d);
            public static void DistancesScalar(float[] a, float[] b, float[] d) { for (int i = 0; i < d.Length; i++) Kernels.Distances(i, a, b, d); }
            public static void NormaliseGenerated(float[] v) => Kernels.Normalise(0..(v.Length / 3), v);
            public static void NormaliseScalar(float[] v) { for (int i = 0; i < v.Length / 3; i++) Kernels.Normalise(i, v); }
            public static void IncomeTaxGenerated(double[] income, double[] tax) => Kernels.IncomeTax(income, tax);
            public static void IncomeTaxScalar(double[] income, double[] tax) { for (int i = 0; i < tax.Length; i++) Kernels.IncomeTax(i, income, tax); }
            public static void GradeGenerated(int[] score, int[] grade) => Kernels.Grade(score, grade);
            public static void GradeScalar(int[] score, int[] grade) { for (int i = 0; i < grade.Length; i++) Kernels.Grade(i, score, grade); }
            public static void ShippingCostGenerated(int[] zone, float[] w, float[] cost) => Kernels.ShippingCost(zone, w, cost);
            public static void ShippingCostScalar(int[] zone, float[] w, float[] cost) { for (int i = 0; i < cost.Length; i++) Kernels.ShippingCost(i, zone, w, cost); }
            public static void FirstAboveGenerated(int width, float limit, float[] values, int[] column) => Kernels.FirstAbove(0..column.Length, width, limit, values, column);
            public static void FirstAboveScalar(int width, float limit, float[] values, int[] column) { for (int r = 0; r < column.Length; r++) Kernels.FirstAbove(r, width, limit, values, column); }
            public static void SumPositiveTapsGenerated(int taps, float[] x, float[] y) => Kernels.SumPositiveTaps(0..y.Length, taps, x, y);
            public static void SumPositiveTapsScalar(int taps, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.SumPositiveTaps(i, taps, x, y); }
            public static void CollatzStepsGenerated(long[] start, int[] steps) => Kernels.CollatzSteps(start, steps);
            public static void CollatzStepsScalar(long[] start, int[] steps) { for (int i = 0; i < steps.Length; i++) Kernels.CollatzSteps(i, start, steps); }
            public static void NewtonSqrtGenerated(double[] a, double[] root) => Kernels.NewtonSqrt(a, root);
            public static void NewtonSqrtScalar(double[] a, double[] root) { for (int i = 0; i < root.Length; i++) Kernels.NewtonSqrt(i, a, root); }
            public static long DotLongGenerated(int[] a, int[] b) => Kernels.DotLong(a, b);
            public static long DotLongScalar(int[] a, int[] b) { long s = 0; for (int i = 0; i < a.Length; i++) s += Kernels.DotLong(i, a, b); return s; }
            public static uint CommonFlagsGenerated(uint[] f) => Kernels.CommonFlags(f);
            public static uint CommonFlagsScalar(uint[] f) { uint r = uint.MaxValue; for (int i = 0; i < f.Length; i++) r &= Kernels.CommonFlags(i, f); return r; }
            public static uint AnyFlagsGenerated(uint[] f) => Kernels.AnyFlags(f);
            public static uint AnyFlagsScalar(uint[] f) { uint r = 0; for (int i = 0; i < f.Length; i++) r |= Kernels.AnyFlags(i, f); return r; }
            public static uint ChecksumGenerated(uint[] w) => Kernels.Checksum(w);
            public static uint ChecksumScalar(uint[] w) { uint r = 0; for (int i = 0; i < w.Length; i++) r ^= Kernels.Checksum(i, w); return r; }
            public static uint MinUnsignedGenerated(uint[] x) => Kernels.MinUnsigned(x);
            public static uint MinUnsignedScalar(uint[] x) { uint r = uint.MaxValue; for (int i = 0; i < x.Length; i++) r = Math.Min(r, Kernels.MinUnsigned(i, x)); return r; }
            public static double MaxAbsDifferenceGenerated(double[] a, double[] b) => Kernels.MaxAbsDifference(a, b);
            public static double MaxAbsDifferenceScalar(double[] a, double[] b) { double r = double.NegativeInfinity; for (int i = 0; i < a.Length; i++) r = Math.Max(r, Kernels.MaxAbsDifference(i, a, b)); return r; }
            public static long EarliestTimestampGenerated(long[] s) => Kernels.EarliestTimestamp(s);
            public static long EarliestTimestampScalar(long[] s) { long r = long.MaxValue; for (int i = 0; i < s.Length; i++) r = Math.Min(r, Kernels.EarliestTimestamp(i, s)); return r; }
            public static void FmaGenerated(double[] a, double[] b, double[] c, double[] y) => Kernels.Fma(a, b, c, y);
            public static void FmaScalar(double[] a, double[] b, double[] c, double[] y) { for (int i = 0; i < y.Length; i++) Kernels.Fma(i, a, b, c, y); }
            public static void SignOfGenerated(float[] m, float[] s, float[] y) => Kernels.SignOf(m, s, y);
            public static void SignOfScalar(float[] m, float[] s, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.SignOf(i, m, s, y); }
            public static void ZeroNonFiniteGenerated(double[] x) => Kernels.ZeroNonFinite(x);
            public static void ZeroNonFiniteScalar(double[] x) { for (int i = 0; i < x.Length; i++) Kernels.ZeroNonFinite(i, x); }
            public static void BucketGenerated(int width, int buckets, int[] x, int[] b) => Kernels.Bucket(width, buckets, x, b);
            public static void BucketScalar(int width, int buckets, int[] x, int[] b) { for (int i = 0; i < b.Length; i++) Kernels.Bucket(i, width, buckets, x, b); }
            public static void UnsignedShiftGenerated(int shift, int[] x, int[] y) => Kernels.UnsignedShift(shift, x, y);
            public static void UnsignedShiftScalar(int shift, int[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.UnsignedShift(i, shift, x, y); }
            public static void PolynomialGenerated(float[] x, float[] y) => Kernels.Polynomial(x, y);
            public static void PolynomialScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Polynomial(i, x, y); }
            public static void CountBitsGenerated(uint[] x, int[] b) => Kernels.CountBits(x, b);
            public static void CountBitsScalar(uint[] x, int[] b) { for (int i = 0; i < b.Length; i++) Kernels.CountBits(i, x, b); }
            public static void DecayGenerated(int steps, float[] x) => Kernels.Decay(steps, x);
            public static void DecayScalar(int steps, float[] x) { for (int i = 0; i < x.Length; i++) Kernels.Decay(i, steps, x); }
            public static void MurmurGenerated(uint seed, uint[] x, uint[] h) => Kernels.Murmur(seed, x, h);
            public static void MurmurScalar(uint seed, uint[] x, uint[] h) { for (int i = 0; i < h.Length; i++) Kernels.Murmur(i, seed, x, h); }
            public static void InRangeGenerated(int[] x, bool[] y) => Kernels.InRange(x, y);
            public static void InRangeScalar(int[] x, bool[] y) { for (int i = 0; i < y.Length; i++) Kernels.InRange(i, x, y); }
            public static void HistogramGenerated(float[] x, float[] y) => Kernels.Histogram(x, y);
            public static void HistogramScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Histogram(i, x, y); }
            public static void DoWhileHalvingGenerated(int[] x, int[] n) => Kernels.DoWhileHalving(x, n);
            public static void DoWhileHalvingScalar(int[] x, int[] n) { for (int i = 0; i < n.Length; i++) Kernels.DoWhileHalving(i, x, n); }
            public static void ReverseGenerated(int n, float[] x, float[] y) => Kernels.Reverse(0..y.Length, n, x, y);
            public static void ReverseScalar(int n, float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Reverse(i, n, x, y); }
            public static void SignFlagsGenerated(double[] x, int[] y) => Kernels.SignFlags(x, y);
            public static void SignFlagsScalar(double[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.SignFlags(i, x, y); }
            public static long ByteTotalGenerated(byte[] d) => Kernels.ByteTotal(d);
            public static long ByteTotalScalar(byte[] d) { long s = 0; for (int i = 0; i < d.Length; i++) s += Kernels.ByteTotal(i, d); return s; }
            public static void AddWrapGenerated(ushort[] a, ushort[] b, ushort[] y) => Kernels.AddWrap(a, b, y);
            public static void AddWrapScalar(ushort[] a, ushort[] b, ushort[] y) { for (int i = 0; i < y.Length; i++) Kernels.AddWrap(i, a, b, y); }
            public static void MaxOfThreeGenerated(int[] a, int[] b, int[] c, int[] y) => Kernels.MaxOfThree(a, b, c, y);
            public static void MaxOfThreeScalar(int[] a, int[] b, int[] c, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.MaxOfThree(i, a, b, c, y); }
            public static void RoundHalfEvenGenerated(double[] x, double[] y) => Kernels.RoundHalfEven(x, y);
            public static void RoundHalfEvenScalar(double[] x, double[] y) { for (int i = 0; i < y.Length; i++) Kernels.RoundHalfEven(i, x, y); }
            public static void WideMulGenerated(uint[] a, uint[] b, ulong[] y) => Kernels.WideMul(a, b, y);
            public static void WideMulScalar(uint[] a, uint[] b, ulong[] y) { for (int i = 0; i < y.Length; i++) Kernels.WideMul(i, a, b, y); }
            public static void NotNaNGenerated(float[] x, float[] y) => Kernels.NotNaN(x, y);
            public static void NotNaNScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.NotNaN(i, x, y); }
            public static void RotateHashGenerated(ulong[] x, ulong[] y) => Kernels.RotateHash(x, y);
            public static void RotateHashScalar(ulong[] x, ulong[] y) { for (int i = 0; i < y.Length; i++) Kernels.RotateHash(i, x, y); }
            public static void CubeGenerated(float[] x, float[] y) => Kernels.Cube(x, y);
            public static void CubeScalar(float[] x, float[] y) { for (int i = 0; i < y.Length; i++) Kernels.Cube(i, x, y); }
            public static void HypotGenerated(float[] x, float[] y, float[] r) => Kernels.Hypot(x, y, r);
            public static void HypotScalar(float[] x, float[] y, float[] r) { for (int i = 0; i < r.Length; i++) Kernels.Hypot(i, x, y, r); }
        }
        """;

    private static KernelDrivers Drivers => new(GeneratorHarness.CompileAndLoad(Kernels));

    [Fact]
    public void Every_kernel_vectorises()
    {
        GeneratorRun run = GeneratorHarness.Run(Kernels);
        run.AssertGeneratorDidNotThrow();
        Assert.Empty(run.DiagnosticsInGeneratedCode(DiagnosticSeverity.Warning));
        string[] scalarOnly = run.GeneratedSources
            .Where(source => !source.SourceText.ToString().Contains("Execute256(", StringComparison.Ordinal))
            .Select(source => source.HintName + ": " + source.SourceText.ToString().Split('\n').FirstOrDefault(line => line.Contains("multi-core scalar", StringComparison.Ordinal))?.Trim())
            .ToArray();
        Assert.True(scalarOnly.Length == 0, "Not vectorised:\n" + string.Join("\n", scalarOnly));
    }

    private static byte[] Bytes(int length, int seed)
    {
        var random = new Random(seed);
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static float[] Between(int length, int seed, float low, float high)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(low + random.NextDouble() * (high - low))).ToArray();
    }

    /// <summary>Multiples of 1/8 below 2^10: their sums and squares are exact in double, so any summation order gives the same bits.</summary>
    private static float[] Eighths(int length, int seed)
        => TestValues.SmallIntegers<int>(length, seed, -8192, 8192).Select(v => v / 8f).ToArray();

    [Fact]
    public void Black_Scholes_call_with_a_cumulative_normal_helper() => Differential.AssertGeneratedMatchesScalar(Drivers, "BlackScholesCall",
        size => [0.03f, 0.25f, 1.5f, Between(size, size, 50f, 150f), Between(size, size + 1, 50f, 150f), new float[size]],
        DomainSizes.Standard, ElementComparison.WithinAbsolute(1e-3));

    /// <summary>Float in, float out, one element each: bitwise, or within the transcendental bound where ulps is not 0.</summary>
    [Theory]
    [InlineData("Gelu", 4)]
    [InlineData("Softplus", 4)]
    [InlineData("Cube", 4)]
    [InlineData("Polynomial", 0)]
    [InlineData("NotNaN", 0)]
    public void Element_wise_float_functions(string kernel, int ulps) => Differential.AssertGeneratedMatchesScalar(Drivers, kernel,
        size => [TestValues.Floats(size, size), new float[size]], DomainSizes.Standard, ulps == 0 ? ElementComparison.Bitwise : ElementComparison.WithinUlps(ulps));

    [Theory]
    [InlineData("XorShift")]
    [InlineData("RotateHash")]
    public void Ulong_hashing(string kernel) => Differential.AssertGeneratedMatchesScalar(Drivers, kernel,
        size => [TestValues.Integers<ulong>(size, size), new ulong[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Softmax_max_reduction() => Differential.AssertGeneratedMatchesScalar(Drivers, "RowMax",
        size => [TestValues.Floats(size, size)], DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void Softmax_max_reduction_without_NaN() => Differential.AssertGeneratedMatchesScalar(Drivers, "RowMax",
        size => [TestValues.ModerateFloats(size, size)], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Softmax_sum_of_exponentials() => Differential.AssertGeneratedMatchesScalar(Drivers, "SumExp",
        size => [10f, TestValues.ModerateFloats(size, size)], DomainSizes.Standard, ElementComparison.WithinUlps(64));

    [Fact]
    public void Softmax_normalisation() => Differential.AssertGeneratedMatchesScalar(Drivers, "SoftmaxNormalise",
        size => [3f, 0.01f, TestValues.Floats(size, size), new float[size]], DomainSizes.Standard, ElementComparison.WithinUlps(4));

    [Fact]
    public void Layer_norm_mean_in_double() => Differential.AssertGeneratedMatchesScalar(Drivers, "Mean",
        size => [0.125, Eighths(size, size)], DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void Layer_norm_variance_in_double() => Differential.AssertGeneratedMatchesScalar(Drivers, "Variance",
        size => [0.5, Eighths(size, size)], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Layer_norm_scale_and_shift() => Differential.AssertGeneratedMatchesScalar(Drivers, "LayerNorm",
        size => [0.25f, 1.5f, TestValues.Floats(size, size), TestValues.Floats(size, size + 1), TestValues.Floats(size, size + 2), new float[size]],
        DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void N_body_accelerations_over_every_body() => Differential.AssertGeneratedMatchesScalar(Drivers, "Accelerations",
        size => [0.01f, TestValues.ModerateFloats(size, size), TestValues.ModerateFloats(size, size + 1), TestValues.ModerateFloats(size, size + 2),
                 Between(size, size + 3, 0.1f, 2f), new float[size], new float[size], new float[size]],
        DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Fir_filter_with_a_tap_loop() => Differential.AssertGeneratedMatchesScalar(Drivers, "Fir",
        size => [TestValues.ModerateFloats(5, 7), TestValues.Floats(size + 4, size), new float[size + 4]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Three_dimensional_seven_point_stencil_over_the_interior() => Differential.AssertGeneratedMatchesScalar(Drivers, "Laplace3D",
        size => [4, 5, size + 2, 0.1f, TestValues.Floats(4 * 5 * (size + 2), size), new float[4 * 5 * (size + 2)]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Transpose_scatters_columns() => Differential.AssertGeneratedMatchesScalar(Drivers, "Transpose",
        size => [3, size, TestValues.Floats(3 * size, size), new float[3 * size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Box_blur_on_bytes() => Differential.AssertGeneratedMatchesScalar(Drivers, "BoxBlur",
        size => [5, size + 2, Bytes(5 * (size + 2), size), new byte[5 * (size + 2)]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Threshold_on_bytes() => Differential.AssertGeneratedMatchesScalar(Drivers, "Threshold",
        size => [(byte)128, Bytes(size, size), new byte[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Alpha_blend_of_packed_rgba() => Differential.AssertGeneratedMatchesScalar(Drivers, "AlphaBlend",
        size => [TestValues.Integers<uint>(size, size), TestValues.Integers<uint>(size, size + 1)], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Quantise_to_bytes_with_rounding_and_clamping() => Differential.AssertGeneratedMatchesScalar(Drivers, "QuantizeU8",
        size => [0.05f, 128, TestValues.Floats(size, size), new byte[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Quantise_to_signed_bytes_rounding_away_from_zero() => Differential.AssertGeneratedMatchesScalar(Drivers, "QuantizeS8",
        size => [20f, TestValues.Floats(size, size), new sbyte[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Dequantise_bytes() => Differential.AssertGeneratedMatchesScalar(Drivers, "DequantizeU8",
        size => [0.1f, 128, Bytes(size, size), new float[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Ascii_lower_casing_in_place() => Differential.AssertGeneratedMatchesScalar(Drivers, "AsciiToLower",
        size => [Bytes(size, size)], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Counting_ascii_digits() => Differential.AssertGeneratedMatchesScalar(Drivers, "CountDigits",
        size => [Bytes(size, size)], DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void Pcg_hash_with_a_data_dependent_shift() => Differential.AssertGeneratedMatchesScalar(Drivers, "PcgHash",
        size => [TestValues.Integers<uint>(size, size), new uint[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void SplitMix_from_the_index() => Differential.AssertGeneratedMatchesScalar(Drivers, "SplitMix",
        size => [0x0123_4567_89AB_CDEFUL, new ulong[size]], DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void Q15_fixed_point_multiply() => Differential.AssertGeneratedMatchesScalar(Drivers, "MulQ15",
        size => [TestValues.Integers<short>(size, size), TestValues.Integers<short>(size, size + 1), new short[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Distances_between_interleaved_points() => Differential.AssertGeneratedMatchesScalar(Drivers, "Distances",
        size => [TestValues.Floats(3 * size, size), TestValues.Floats(3 * size, size + 1), new float[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Normalising_interleaved_vectors_in_place() => Differential.AssertGeneratedMatchesScalar(Drivers, "Normalise",
        size => [TestValues.Floats(3 * size, size)], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Piecewise_tax_with_else_if_and_early_returns() => Differential.AssertGeneratedMatchesScalar(Drivers, "IncomeTax",
        size => [TestValues.ModerateDoubles(size, size, 300_000).Zip(TestValues.Doubles(size, size), (m, d) => size % 2 == 0 ? m : d).ToArray(), new double[size]],
        DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Nested_ternary_grades() => Differential.AssertGeneratedMatchesScalar(Drivers, "Grade",
        size => [TestValues.SmallIntegers<int>(size, size, -5, 105), new int[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Switch_expression_on_a_zone() => Differential.AssertGeneratedMatchesScalar(Drivers, "ShippingCost",
        size => [TestValues.SmallIntegers<int>(size, size, -2, 5), TestValues.Floats(size, size), new float[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Loop_with_break_finds_the_first_column() => Differential.AssertGeneratedMatchesScalar(Drivers, "FirstAbove",
        size => [9, 1.5f, TestValues.ModerateFloats(9 * size, size, 2f), new int[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Loop_with_continue_skips_taps() => Differential.AssertGeneratedMatchesScalar(Drivers, "SumPositiveTaps",
        size => [4, TestValues.Floats(size + 3, size), new float[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Collatz_steps_run_a_varying_number_of_iterations() => Differential.AssertGeneratedMatchesScalar(Drivers, "CollatzSteps",
        size => [TestValues.SmallIntegers<long>(size, size, -5, 10_000), new int[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Newton_iterations_until_convergence() => Differential.AssertGeneratedMatchesScalar(Drivers, "NewtonSqrt",
        size => [TestValues.Doubles(size, size), new double[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Long_sum_of_int_products() => Differential.AssertGeneratedMatchesScalar(Drivers, "DotLong",
        size => [TestValues.Integers<int>(size, size), TestValues.Integers<int>(size, size + 1)], DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Theory]
    [InlineData("CommonFlags")]
    [InlineData("AnyFlags")]
    [InlineData("Checksum")]
    [InlineData("MinUnsigned")]
    public void Uint_reductions(string kernel) => Differential.AssertGeneratedMatchesScalar(Drivers, kernel,
        size => [TestValues.Integers<uint>(size, size)], DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void Double_max_of_absolute_differences() => Differential.AssertGeneratedMatchesScalar(Drivers, "MaxAbsDifference",
        size => [TestValues.Doubles(size, size), TestValues.Doubles(size, size + 1)], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Long_min_with_a_sentinel() => Differential.AssertGeneratedMatchesScalar(Drivers, "EarliestTimestamp",
        size => [TestValues.Integers<long>(size, size)], DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void Fused_multiply_add() => Differential.AssertGeneratedMatchesScalar(Drivers, "Fma",
        size => [TestValues.Doubles(size, size), TestValues.Doubles(size, size + 1), TestValues.Doubles(size, size + 2), new double[size]],
        DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Copy_sign() => Differential.AssertGeneratedMatchesScalar(Drivers, "SignOf",
        size => [TestValues.Floats(size, size), TestValues.Floats(size, size + 1), new float[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Is_finite() => Differential.AssertGeneratedMatchesScalar(Drivers, "ZeroNonFinite",
        size => [TestValues.Doubles(size, size)], DomainSizes.Standard, ElementComparison.Bitwise);

    [Theory]
    [InlineData(7, 5)]
    [InlineData(-5, -3)]
    [InlineData(1, 1)]
    public void Integer_division_and_remainder_by_uniforms(int width, int buckets) => Differential.AssertGeneratedMatchesScalar(Drivers, "Bucket",
        size => [width, buckets, TestValues.Integers<int>(size, size), new int[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Theory]
    [InlineData(3)]
    [InlineData(0)]
    [InlineData(35)]
    public void Unsigned_right_shift_of_int(int shift) => Differential.AssertGeneratedMatchesScalar(Drivers, "UnsignedShift",
        size => [shift, TestValues.Integers<int>(size, size), new int[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Counting_bits_with_compound_assignments_and_increments() => Differential.AssertGeneratedMatchesScalar(Drivers, "CountBits",
        size => [TestValues.Integers<uint>(size, size), new int[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Const_local_in_a_uniform_loop() => Differential.AssertGeneratedMatchesScalar(Drivers, "Decay",
        size => [7, TestValues.Floats(size, size)], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Murmur_mixing_with_rotations() => Differential.AssertGeneratedMatchesScalar(Drivers, "Murmur",
        size => [0x9747b28cu, TestValues.Integers<uint>(size, size), new uint[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Is_pattern_into_a_bool_span() => Differential.AssertGeneratedMatchesScalar(Drivers, "InRange",
        size => [TestValues.SmallIntegers<int>(size, size, -5, 15), new bool[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Increment_and_compound_assignment_on_span_elements() => Differential.AssertGeneratedMatchesScalar(Drivers, "Histogram",
        size => [TestValues.Floats(size, size), TestValues.Floats(size, size + 1)], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Do_while_with_a_varying_trip_count() => Differential.AssertGeneratedMatchesScalar(Drivers, "DoWhileHalving",
        size => [TestValues.Integers<int>(size, size), new int[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Counting_down_loop() => Differential.AssertGeneratedMatchesScalar(Drivers, "Reverse",
        size => [4, TestValues.Floats(size + 3, size), new float[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Bool_local_and_Math_Sign() => Differential.AssertGeneratedMatchesScalar(Drivers, "SignFlags",
        size => [TestValues.ModerateDoubles(size, size).Select((v, i) => i % 5 == 0 ? 0d : v).ToArray(), new int[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Long_sum_of_bytes() => Differential.AssertGeneratedMatchesScalar(Drivers, "ByteTotal",
        size => [Bytes(size, size)], DomainSizes.StandardAndLarge, ElementComparison.Bitwise);

    [Fact]
    public void Wrapping_ushort_addition() => Differential.AssertGeneratedMatchesScalar(Drivers, "AddWrap",
        size => [TestValues.Integers<ushort>(size, size), TestValues.Integers<ushort>(size, size + 1), new ushort[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Nested_Math_Max() => Differential.AssertGeneratedMatchesScalar(Drivers, "MaxOfThree",
        size => [TestValues.Integers<int>(size, size), TestValues.Integers<int>(size, size + 1), TestValues.Integers<int>(size, size + 2), new int[size]],
        DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Round_half_to_even() => Differential.AssertGeneratedMatchesScalar(Drivers, "RoundHalfEven",
        size => [TestValues.Doubles(size, size).Select((v, i) => i % 3 == 0 ? i / 2d - 7.5 : v).ToArray(), new double[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Widening_multiply_to_ulong() => Differential.AssertGeneratedMatchesScalar(Drivers, "WideMul",
        size => [TestValues.Integers<uint>(size, size), TestValues.Integers<uint>(size, size + 1), new ulong[size]], DomainSizes.Standard, ElementComparison.Bitwise);

    [Fact]
    public void Atan2() => Differential.AssertGeneratedMatchesScalar(Drivers, "Hypot",
        size => [TestValues.Floats(size, size), TestValues.Floats(size, size + 1), new float[size]], DomainSizes.Standard, ElementComparison.WithinUlps(4));

    /// <summary>
    /// Kernels of the same batch that ran multi-core scalar when it was written (<c>BitOperations.PopCount</c> and
    /// <c>LeadingZeroCount</c> had no lowering then): they vectorise now, with the same results.
    /// </summary>
    private const string BitCountKernels = """
        using System;
        using System.Numerics;
        using DataParallel;

        namespace Probe;

        public static partial class Kernels
        {
            [Parallel]
            public static void PopCounts(int i, ReadOnlySpan<ulong> x, Span<int> n) => n[i] = BitOperations.PopCount(x[i]);

            [Parallel]
            public static void Leading(int i, ReadOnlySpan<uint> x, Span<int> y) => y[i] = BitOperations.LeadingZeroCount(x[i]);
        }

        public static class Drivers
        {
            public static void PopCountsGenerated(ulong[] x, int[] n) => Kernels.PopCounts(x, n);
            public static void PopCountsScalar(ulong[] x, int[] n) { for (int i = 0; i < n.Length; i++) Kernels.PopCounts(i, x, n); }
            public static void LeadingGenerated(uint[] x, int[] y) => Kernels.Leading(x, y);
            public static void LeadingScalar(uint[] x, int[] y) { for (int i = 0; i < y.Length; i++) Kernels.Leading(i, x, y); }
        }
        """;

    private static KernelDrivers BitCountDrivers => new(GeneratorHarness.CompileAndLoad(BitCountKernels));

    [Fact]
    public void Bit_counts_vectorise() => GeneratorHarness.Run(BitCountKernels).AssertEveryKernelVectorises();

    [Fact]
    public void Bit_counts_give_the_scalar_results()
    {
        KernelDrivers drivers = BitCountDrivers;
        Differential.AssertGeneratedMatchesScalar(drivers, "PopCounts",
            size => [TestValues.Integers<ulong>(size, size), new int[size]], DomainSizes.Standard, ElementComparison.Bitwise);
        Differential.AssertGeneratedMatchesScalar(drivers, "Leading",
            size => [TestValues.Integers<uint>(size, size), new int[size]], DomainSizes.Standard, ElementComparison.Bitwise);
    }
}

using BenchmarkDotNet.Attributes;
using DataParallel.Benchmarks.HandWritten;

namespace DataParallel.Benchmarks;

/// <summary>
/// One data-parallel training step of logistic regression, as the tour trains: a forward pass over every sample,
/// then each gradient component as a Sum reduction over the samples. 262,144 samples × 16 features (16 MiB).
/// </summary>
public class LogisticRegressionBenchmarks
{
    private const int Samples = 262_144, Features = 16;
    private const float LearningRate = 0.5f;

    private float[] _samples = [], _labels = [], _probabilities = [], _weights = [];

    [GlobalSetup]
    public void Setup()
    {
        _samples = RandomFloats.Uniform(Samples * Features, -1f, 1f, seed: 7);
        _labels = RandomFloats.Uniform(Samples, 0f, 1f, seed: 8);
        for (int i = 0; i < _labels.Length; i++)
            _labels[i] = _labels[i] > 0.5f ? 1f : 0f;
        _probabilities = new float[Samples];
        _weights = RandomFloats.Uniform(Features, -0.1f, 0.1f, seed: 9);
    }

    [Benchmark(Baseline = true)]
    public void Scalar()
    {
        for (int i = 0; i < Samples; i++)
            Kernels.Predict(i, Samples, Features, _samples, _weights, _probabilities);
        for (int f = 0; f < Features; f++)
        {
            float gradient = 0f;
            for (int i = 0; i < Samples; i++)
                gradient += Kernels.Gradient(i, f, Samples, _samples, _probabilities, _labels);
            _weights[f] -= LearningRate * gradient / Samples;
        }
    }

    [Benchmark]
    public void Vector256ParallelFor() => LogisticVector256.Step(Samples, Features, _samples, _labels, _probabilities, _weights, LearningRate);

    [Benchmark]
    public void Generated()
    {
        Kernels.Predict(Samples, Features, _samples, _weights, _probabilities);
        for (int f = 0; f < Features; f++)
            _weights[f] -= LearningRate * Kernels.Gradient(f, Samples, _samples, _probabilities, _labels) / Samples;
    }
}

using System;

namespace DataParallel.Tour;

/// <summary>
/// Data-parallel training of a logistic-regression model, as deep learning trains: every step runs a forward
/// pass over all samples, then each gradient component is a reduction over the samples, on all cores. The output
/// is the trained weights; the generated run's <c>Exp</c> and sums round differently from the scalar run's, so
/// the weights agree to a relative tolerance.
/// </summary>
internal sealed class LogisticRegressionDemo : KernelDemo
{
    private const int Features = 16;
    private const int Steps = 20;
    private const float LearningRate = 0.5f;

    private readonly int _samples;
    // Feature-major: feature f of sample i is _x[f * samples + i].
    private readonly float[] _x;
    private readonly float[] _labels;
    private readonly float[] _probabilities;
    private readonly float[] _weights = new float[Features];

    public LogisticRegressionDemo(int samples, Random random)
        : base("Logistic regression", $"{Steps} steps, {samples:N0}×{Features}", Tolerance.Relative(1e-3))
    {
        _samples = samples;
        _x = RandomFloats.Uniform(random, samples * Features, -1f, 1f);
        _labels = new float[samples];
        _probabilities = new float[samples];
        // Labels from a hidden linear rule, so training has something to find.
        float[] truth = RandomFloats.Uniform(random, Features, -2f, 2f);
        for (int i = 0; i < samples; i++)
        {
            float z = 0f;
            for (int f = 0; f < Features; f++)
                z += _x[f * samples + i] * truth[f];
            _labels[i] = z > 0f ? 1f : 0f;
        }
    }

    public override int Elements => _samples;

    public override ReadOnlySpan<float> Output => _weights;

    public override void ResetOutput() => Array.Clear(_weights);

    public override void RunScalar()
    {
        for (int step = 0; step < Steps; step++)
        {
            for (int i = 0; i < _samples; i++)
                Kernels.Predict(i, _samples, Features, _x, _weights, _probabilities);
            for (int f = 0; f < Features; f++)
            {
                float gradient = 0f;
                for (int i = 0; i < _samples; i++)
                    gradient += Kernels.Gradient(i, f, _samples, _x, _probabilities, _labels);
                _weights[f] -= LearningRate * gradient / _samples;
            }
        }
    }

    public override void RunGenerated()
    {
        for (int step = 0; step < Steps; step++)
        {
            Kernels.Predict(_samples, Features, _x, _weights, _probabilities);
            for (int f = 0; f < Features; f++)
                _weights[f] -= LearningRate * Kernels.Gradient(f, _samples, _x, _probabilities, _labels) / _samples;
        }
    }
}

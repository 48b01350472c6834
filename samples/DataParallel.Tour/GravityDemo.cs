using System;

namespace DataParallel.Tour;

/// <summary>
/// All-pairs gravity: every body sums the pull of every other, an inner loop of n steps per element. The inner
/// loop's trip count is the data's length, which the entry point reads to decide that threads pay even for a
/// few thousand bodies. Both versions sum the bodies in the same order, so the check is bitwise.
/// </summary>
internal sealed class GravityDemo : KernelDemo
{
    private const float Softening = 1e-3f;

    private readonly int _bodies;
    private readonly float[] _x, _y, _z, _mass;
    private readonly float[] _acceleration;

    public GravityDemo(int bodies, Random random)
        : base("Gravity", $"all pairs, {bodies:N0} bodies", Tolerance.Bitwise)
    {
        _bodies = bodies;
        _x = RandomFloats.Uniform(random, bodies, -1f, 1f);
        _y = RandomFloats.Uniform(random, bodies, -1f, 1f);
        _z = RandomFloats.Uniform(random, bodies, -1f, 1f);
        _mass = RandomFloats.Uniform(random, bodies, 0.5f, 1.5f);
        // ax, ay and az side by side in one buffer, so the check compares all three.
        _acceleration = new float[3 * bodies];
    }

    public override int Elements => _bodies;

    public override ReadOnlySpan<float> Output => _acceleration;

    public override void RunScalar()
    {
        Span<float> ax = _acceleration.AsSpan(0, _bodies), ay = _acceleration.AsSpan(_bodies, _bodies), az = _acceleration.AsSpan(2 * _bodies, _bodies);
        for (int i = 0; i < _bodies; i++)
            Kernels.Gravity(i, Softening, _x, _y, _z, _mass, ax, ay, az);
    }

    public override void RunGenerated()
        => Kernels.Gravity(Softening, _x, _y, _z, _mass,
            _acceleration.AsSpan(0, _bodies), _acceleration.AsSpan(_bodies, _bodies), _acceleration.AsSpan(2 * _bodies, _bodies));
}

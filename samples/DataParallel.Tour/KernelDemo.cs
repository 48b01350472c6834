using System;

namespace DataParallel.Tour;

/// <summary>
/// One kernel of the tour: its inputs, an output buffer, and the two ways to fill that buffer: the kernel method
/// called for every index in a plain loop (the reference), and the generated entry point.
/// </summary>
internal abstract class KernelDemo(string name, string formula, Tolerance tolerance)
{
    /// <summary>Short name shown in the table.</summary>
    public string Name { get; } = name;

    /// <summary>What the kernel computes, in a line.</summary>
    public string Formula { get; } = formula;

    /// <summary>How closely the generated results must match the scalar loop's.</summary>
    public Tolerance Tolerance { get; } = tolerance;

    /// <summary>Number of elements (indices of the domain) one run processes.</summary>
    public virtual int Elements => Output.Length;

    /// <summary>The buffer both runs write.</summary>
    public abstract ReadOnlySpan<float> Output { get; }

    /// <summary>
    /// Puts the output back as it was before the first run, so that every run, timed or checked, starts from the
    /// same data. Only kernels that read their output (SAXPY's y) need it.
    /// </summary>
    public virtual void ResetOutput()
    {
    }

    /// <summary>The reference: the kernel method itself, called for every index in order.</summary>
    public abstract void RunScalar();

    /// <summary>The entry point the generator added next to the kernel method.</summary>
    public abstract void RunGenerated();
}

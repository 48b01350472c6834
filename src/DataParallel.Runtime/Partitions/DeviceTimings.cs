using System;
using System.Collections.Generic;

namespace DataParallel;

/// <summary>
/// The load balancer's memory: for every kernel, the seconds per row each partition took in its earlier calls, and
/// from those the weights that would make the partitions finish together.
/// </summary>
internal sealed class DeviceTimings(int partitions)
{
    /// <summary>How much a new measurement moves a kernel's estimate: recent calls count most, one odd call little.</summary>
    private const double Smoothing = 0.5;

    private readonly Dictionary<string, double[]> _secondsPerRow = new(StringComparer.Ordinal);

    /// <summary>Records one call of <paramref name="kernel"/>: the rows each partition ran and the seconds it took.</summary>
    public void Record(string kernel, ReadOnlySpan<int> rows, ReadOnlySpan<double> seconds)
    {
        if (!_secondsPerRow.TryGetValue(kernel, out double[]? estimate))
            _secondsPerRow[kernel] = estimate = new double[partitions];
        for (int p = 0; p < partitions; p++)
        {
            if (rows[p] == 0 || seconds[p] <= 0)
                continue;
            double measured = seconds[p] / rows[p];
            estimate[p] = estimate[p] == 0 ? measured : Smoothing * measured + (1 - Smoothing) * estimate[p];
        }
    }

    /// <summary>
    /// Weights proportional to each partition's speed (rows per second), averaged over the kernels measured on every
    /// partition, each kernel's speeds normalised first so that no kernel dominates by being long; null while no
    /// kernel has been measured on every partition.
    /// </summary>
    public double[]? Weights()
    {
        var weights = new double[partitions];
        int kernels = 0;
        foreach (double[] estimate in _secondsPerRow.Values)
        {
            if (Array.Exists(estimate, s => s == 0))
                continue;
            double total = 0;
            foreach (double s in estimate)
                total += 1 / s;
            for (int p = 0; p < partitions; p++)
                weights[p] += 1 / estimate[p] / total;
            kernels++;
        }
        if (kernels == 0)
            return null;
        for (int p = 0; p < partitions; p++)
            weights[p] /= kernels;
        return weights;
    }
}

using System.Threading.Tasks;
using DataParallel.Analyzers.Tests.Harness;
using Xunit;

namespace DataParallel.Analyzers.Tests.Partitions;

/// <summary>
/// DP4001: a call of a partitioned entry point that the generator marked NotPartitionable (it throws) is reported
/// where it is made, with the generator's reason; other calls are not.
/// </summary>
public sealed class NotPartitionableCallTests
{
    // What the generator writes for a reduction, and a partitioned entry point that runs.
    private const string Generated = """
        using System;
        using DataParallel;

        public static partial class Kernels
        {
            [DataParallel.CompilerServices.NotPartitionable("reductions across partitions are not supported yet")]
            public static float Sum(DeviceSet devices, PartitionedArray<float> x) => throw new NotSupportedException();

            public static void Scale(DeviceSet devices, float s, PartitionedArray<float> x) { }
        }
        """;

    [Fact]
    public Task A_call_of_a_kernel_that_cannot_be_partitioned_is_reported() => AnalyzerVerifier<ShapeArea>.VerifyAnalyzerAsync(Generated + """

        public static class Program
        {
            public static float Run(DeviceSet devices, PartitionedArray<float> x)
            {
                Kernels.Scale(devices, 2f, x);
                Func<DeviceSet, PartitionedArray<float>, float> sum = {|DP4001:Kernels.Sum|};
                return {|DP4001:Kernels.Sum(devices, x)|};
            }
        }
        """);

    [Fact]
    public Task The_message_carries_the_generators_reason() => AnalyzerVerifier<ShapeArea>.VerifyDiagnosticsAsync(Generated + """

        public static class Program
        {
            public static float Run(DeviceSet devices, PartitionedArray<float> x) => {|#0:Kernels.Sum(devices, x)|};
        }
        """,
        AnalyzerVerifier<ShapeArea>.Diagnostic("DP4001").WithLocation(0)
            .WithArguments("Kernels.Sum(DeviceSet, PartitionedArray<float>)", "Sum", "reductions across partitions are not supported yet"));
}

using System.Collections.Generic;
using System.Linq;
using DataParallel.Analyzers.Tests.Harness;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;
using DataParallel.Compiler.Planning;
using Xunit;

namespace DataParallel.Analyzers.Tests.Lowering;

/// <summary>
/// Which accesses vector code loads and stores as whole vectors: the decision comes from the shared access analysis
/// (the form the race and locality analyses judge, DESIGN §5). A wrongly contiguous access is a wrong result, so
/// every doubtful subscript must come out as a gather or scatter.
/// </summary>
public sealed class AccessClassTests
{
    /// <summary>The class of every load and store of the kernel, by the access as written ("x[i * 2]").</summary>
    private static Dictionary<string, AccessClass> Classes(string members)
    {
        KernelModel kernel = CompiledKernel.From(members).Model;
        SimdDecision decision = SimdPlanner.Plan(kernel);
        SimdPlan plan = Assert.IsType<SimdPlan>(decision.Plan);
        var classes = new Dictionary<string, AccessClass>();
        foreach (KernelStatement statement in KernelWalker.Statements(kernel.Body))
        {
            if (statement is StoreStatement store)
                classes[store.Display] = plan.Classify(store.Id);
            foreach (LoadExpression load in KernelWalker.OwnExpressions(statement).SelectMany(KernelWalker.Expressions).OfType<LoadExpression>())
                classes[load.Display] = plan.Classify(load.Id);
        }
        return classes;
    }

    [Fact]
    public void A_constant_stride_other_than_one_is_a_gather()
    {
        var classes = Classes("""
            [Parallel]
            public static void Even(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[i * 2];
            """);
        Assert.Equal(AccessClass.Contiguous, classes["y[i]"]);
        Assert.Equal(AccessClass.Uniform, classes["x[i * 2]"]);
    }

    [Fact]
    public void A_stride_known_only_at_run_time_is_a_gather()
    {
        var classes = Classes("""
            [Parallel]
            public static void Column(int i, int n, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[n * i];
            """);
        Assert.Equal(AccessClass.Uniform, classes["x[n * i]"]);
    }

    [Fact]
    public void An_offset_by_the_variable_of_a_uniform_loop_is_contiguous()
    {
        var classes = Classes("""
            [Parallel]
            public static void Window(int i, int m, ReadOnlySpan<float> x, Span<float> y)
            {
                float sum = 0f;
                for (int k = 0; k < m; k++)
                    sum += x[i + k];
                y[i] = sum;
            }
            """);
        Assert.Equal(AccessClass.Contiguous, classes["x[i + k]"]);
    }

    [Fact]
    public void The_variable_of_a_varying_loop_is_a_gather_and_of_a_uniform_loop_a_broadcast()
    {
        var classes = Classes("""
            [Parallel]
            public static void Prefix(int i, int m, ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y)
            {
                float sum = 0f;
                for (int k = 0; k < i; k++)
                    sum += x[k];
                for (int j = 0; j < m; j++)
                    sum += w[j];
                y[i] = sum;
            }
            """);
        Assert.Equal(AccessClass.Uniform, classes["x[k]"]);
        Assert.Equal(AccessClass.Uniform, classes["w[j]"]);
        Assert.Equal(AccessClass.Contiguous, classes["y[i]"]);
    }

    [Fact]
    public void An_access_through_a_slice_is_contiguous_at_its_offset()
    {
        var classes = Classes("""
            [Parallel]
            public static void Shifted(int i, int o, ReadOnlySpan<float> x, Span<float> y)
            {
                ReadOnlySpan<float> tail = x.Slice(o);
                y[i] = tail[i];
            }
            """);
        Assert.Equal(AccessClass.Contiguous, Assert.Single(classes, c => c.Key.StartsWith("x[") || c.Key.StartsWith("tail[")).Value);
    }

    [Fact]
    public void A_narrowed_index_is_a_gather_though_its_form_has_stride_one()
    {
        // The form ignores the wrap-around of (byte)i; lane j is not lane 0 + j once i passes 255.
        var classes = Classes("""
            [Parallel]
            public static void Wrapped(int i, ReadOnlySpan<float> x, Span<float> y) => y[i] = x[(byte)i];
            """);
        Assert.Equal(AccessClass.Uniform, classes["x[(byte)i]"]);
    }

    [Fact]
    public void A_slower_index_keeps_the_access_contiguous()
    {
        var classes = Classes("""
            [Parallel(Dimensions = 2)]
            public static void Rows(int r, int c, int n, ReadOnlySpan<float> x, Span<float> y) => y[r * n + c] = x[r * n + c] + x[c * n + r];
            """);
        Assert.Equal(AccessClass.Contiguous, classes["y[r * n + c]"]);
        Assert.Equal(AccessClass.Contiguous, classes["x[r * n + c]"]);
        Assert.Equal(AccessClass.Uniform, classes["x[c * n + r]"]);
    }
}

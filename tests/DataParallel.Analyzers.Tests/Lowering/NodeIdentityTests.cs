using System.Collections.Generic;
using System.Linq;
using DataParallel.Analyzers.Tests.Harness;
using DataParallel.Compiler.Analysis;
using DataParallel.Compiler.Model;
using Xunit;

namespace DataParallel.Analyzers.Tests.Lowering;

/// <summary>
/// Every IR node the reader produces has an id of its own, given in reading order: the same kernel gets the same ids
/// (whatever its blank lines and comments), and the id is not part of a node's value.
/// </summary>
public sealed class NodeIdentityTests
{
    private const string Kernel = """
        [Parallel]
        public static void Mix(int i, int p, ReadOnlySpan<float> x, ReadOnlySpan<float> z, Span<float> y)
        {
            var s = x.Slice(1);
            if (x[i] > 0f)
                s = z;
            float sum = 0f;
            for (int k = 0; k < p; k++)
                sum += Twice(s[i]) + Twice(s[i]);
            foreach (float v in x[..2])
                sum += v;
            y[i] = sum + s[^1];
        }

        private static float Twice(float v) => v + v;
        """;

    /// <summary>Every node in the body, each instance once (an inlined helper's argument stands at several places).</summary>
    private static List<KernelNode> Nodes(KernelModel kernel)
    {
        var seen = new HashSet<KernelNode>(ReferenceEqualityComparer.Instance);
        return KernelWalker.Nodes(kernel.Body).Where(seen.Add).ToList();
    }

    [Fact]
    public void Every_node_has_an_id_of_its_own()
    {
        List<KernelNode> nodes = Nodes(CompiledKernel.From(Kernel).Model);
        Assert.DoesNotContain(nodes, node => node.Id == KernelNode.NoSource);
        Assert.Equal(nodes.Count, nodes.Select(node => node.Id).Distinct().Count());
    }

    [Fact]
    public void The_same_kernel_gets_the_same_ids_whatever_its_layout()
    {
        string spaced = Kernel.Replace("float sum = 0f;", "// the running sum\n\n    float sum = 0f;");
        var first = Nodes(CompiledKernel.From(Kernel).Model).Select(node => (node.GetType(), node.Id));
        var second = Nodes(CompiledKernel.From(spaced).Model).Select(node => (node.GetType(), node.Id));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Ids_are_not_part_of_a_nodes_value()
    {
        KernelModel kernel = CompiledKernel.From(Kernel).Model;
        LoadExpression load = KernelWalker.AllExpressions(kernel.Body).OfType<LoadExpression>().First();
        LoadExpression copy = load with { };
        copy.Id = load.Id + 1000;
        Assert.Equal(load, copy);
        Assert.Equal(load.GetHashCode(), copy.GetHashCode());
        Assert.DoesNotContain("Id", load.ToString());
        Assert.Equal(kernel, CompiledKernel.From(Kernel).Model);
    }
}

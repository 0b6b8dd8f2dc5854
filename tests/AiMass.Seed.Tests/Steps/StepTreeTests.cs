using AiMass.Seed.Protocol;
using AiMass.Seed.Steps;

namespace AiMass.Seed.Tests.Steps;

public sealed class StepTreeTests
{
    [Theory]
    [InlineData(1, 8)]
    [InlineData(7, 8)]
    [InlineData(64, 8)]
    [InlineData(130, 8)]
    [InlineData(20, 2)]
    [InlineData(5, 1)]
    public void Every_node_is_reached_once_and_no_node_talks_to_more_than_width_nodes(int count, int width)
    {
        var nodes = Nodes(count);

        var branches = StepTree.Build(nodes, width);

        Assert.InRange(branches.Count, 1, width);
        var reached = new List<string>();
        var partitions = new List<int>();
        Walk(branches, width, reached, partitions);
        Assert.Equal(nodes.Select(n => n.Address).Order(), reached.Order());
        Assert.Equal(Enumerable.Range(0, count * 2), partitions.Order());
    }

    [Fact]
    public void A_tree_of_width_eight_over_64_nodes_is_two_levels_deep()
    {
        var branches = StepTree.Build(Nodes(64), 8);

        Assert.Equal(8, branches.Count);
        Assert.All(branches, b => Assert.All(b.Subtree, n => Assert.Equal(-1, n.Parent)));
        Assert.Equal(56, branches.Sum(b => b.Subtree.Count));
    }

    [Fact]
    public void A_subtree_whose_parents_do_not_come_first_is_refused()
    {
        var e = Assert.Throws<InvalidDataException>(
            () => StepTree.Split([new SubtreeNode("a", 1, []), new SubtreeNode("b", -1, [])]));
        Assert.StartsWith("Step tree entry 0 names parent 1", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Splits each branch's subtree as its node would, checking the width at every level.</summary>
    private static void Walk(IReadOnlyList<StepBranch> branches, int width, List<string> reached, List<int> partitions)
    {
        foreach (var branch in branches)
        {
            reached.Add(branch.Address);
            partitions.AddRange(branch.Partitions.Select(a => a.Partition));
            var below = StepTree.Split(branch.Subtree);
            Assert.InRange(below.Count, 0, width);
            Walk(below, width, reached, partitions);
        }
    }

    private static (string Address, IReadOnlyList<PartitionAsk> Partitions)[] Nodes(int count) =>
        Enumerable.Range(0, count)
            .Select(i => ($"node-{i}", (IReadOnlyList<PartitionAsk>)[new PartitionAsk(2 * i, 1), new(2 * i + 1, 1)]))
            .ToArray();
}

using AiMass.Coordinator.Jobs;

namespace AiMass.Coordinator.Tests.Jobs;

/// <summary>Explicit, sticky placement of a job's partitions on worker nodes.</summary>
public sealed class PartitionPlacementTests
{
    [Theory]
    [InlineData(1024, 64)]
    [InlineData(1024, 128)]
    [InlineData(1000, 64)]
    [InlineData(6, 4)]
    public void Partitions_are_spread_evenly_and_every_node_gets_work_whatever_the_node_count(int partitions, int nodes)
    {
        var placement = new PartitionPlacement(partitions);

        placement.Assign(Nodes(nodes));

        var loads = placement.ByNode().Select(n => n.Partitions.Count).ToArray();
        Assert.Equal(Math.Min(nodes, partitions), loads.Length);
        Assert.InRange(loads.Max() - loads.Min(), 0, 1);
        Assert.Equal(partitions, loads.Sum());
    }

    [Fact]
    public void The_same_nodes_keep_their_partitions()
    {
        var placement = new PartitionPlacement(20);
        placement.Assign(Nodes(3));
        var before = Holders(placement);

        var moves = placement.Assign(Nodes(3).Reverse());

        Assert.Empty(moves!);
        Assert.Equal(before, Holders(placement));
    }

    [Fact]
    public void A_node_that_left_gives_its_partitions_to_the_least_loaded_and_no_other_partition_moves()
    {
        var placement = new PartitionPlacement(12);
        placement.Assign(Nodes(4));
        var before = Holders(placement);

        var moves = placement.Assign(Nodes(4).Where(n => n != "node-2"));

        Assert.Equal(Enumerable.Range(0, 12).Where(p => before[p] == "node-2"), moves!.Select(m => m.Partition));
        Assert.All(moves!, m => Assert.Equal("node-2", m.From));
        Assert.All(Enumerable.Range(0, 12).Where(p => before[p] != "node-2"),
            p => Assert.Equal(before[p], placement.HolderOf(p)));
        Assert.Equal([4, 4, 4], placement.ByNode().Select(n => n.Partitions.Count));
    }

    [Fact]
    public void A_node_new_to_the_job_takes_its_share_from_the_most_loaded()
    {
        var placement = new PartitionPlacement(12);
        placement.Assign(Nodes(2));

        var moves = placement.Assign(Nodes(3));

        Assert.Equal(4, moves!.Count);
        Assert.All(moves, m => Assert.Equal("node-2", placement.HolderOf(m.Partition)));
        Assert.Equal([4, 4, 4], placement.ByNode().Select(n => n.Partitions.Count));
    }

    [Fact]
    public void An_excluded_node_gets_nothing_and_when_every_node_is_excluded_there_is_no_placement()
    {
        var placement = new PartitionPlacement(6);
        placement.Assign(Nodes(2));

        placement.Exclude("node-0");
        placement.Assign(Nodes(2));

        Assert.All(Enumerable.Range(0, 6), p => Assert.Equal("node-1", placement.HolderOf(p)));
        placement.Exclude("node-1");
        Assert.Null(placement.Assign(Nodes(2)));
        Assert.Equal(["node-0", "node-1"], placement.Used.Order());
    }

    [Fact]
    public void A_partition_answered_first_elsewhere_moves_there()
    {
        var placement = new PartitionPlacement(4);
        placement.Assign(Nodes(2));

        placement.Move(0, "node-9");

        Assert.Equal("node-9", placement.HolderOf(0));
        Assert.Contains("node-9", placement.Used);
    }

    private static string[] Nodes(int count) => Enumerable.Range(0, count).Select(i => $"node-{i}").ToArray();

    private static string?[] Holders(PartitionPlacement placement) =>
        Enumerable.Range(0, placement.Partitions).Select(placement.HolderOf).ToArray();
}

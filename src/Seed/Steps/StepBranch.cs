using AiMass.Seed.Protocol;

namespace AiMass.Seed.Steps;

/// <summary>A node to send a step request to, with its own partitions and the nodes below it.</summary>
/// <param name="Address">The node's address.</param>
/// <param name="Partitions">Its own partitions.</param>
/// <param name="Subtree">The nodes it forwards the request to (parents as indices into this list).</param>
public sealed record StepBranch(
    string Address, IReadOnlyList<PartitionAsk> Partitions, IReadOnlyList<SubtreeNode> Subtree)
{
    /// <summary>Every partition of the branch: the node's and its subtree's.</summary>
    public IEnumerable<PartitionAsk> AllPartitions => Partitions.Concat(Subtree.SelectMany(n => n.Partitions));

    /// <summary>Every node of the branch: the node and its subtree.</summary>
    public IEnumerable<string> AllNodes => Subtree.Select(n => n.Address).Prepend(Address);
}

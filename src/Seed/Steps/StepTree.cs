using AiMass.Seed.Protocol;

namespace AiMass.Seed.Steps;

/// <summary>
/// The fan-out/fan-in tree of a step: the requester talks to at most <c>width</c> nodes, each of which forwards the
/// request to at most <c>width</c> more, and so on (a <c>width</c>-ary heap over the nodes in the given order).
/// Depth is ⌈log_width(nodes)⌉; each node sends one answer for its subtree. The tree's shape changes which sums
/// are merged where, never the result (<see cref="Kernels.Em.StatisticsSum"/>).
/// </summary>
public static class StepTree
{
    /// <summary>
    /// Lays out <paramref name="nodes"/> (each with its partitions) as a tree of fan-out
    /// <paramref name="width"/>: the requester's children are nodes 0 … width−1, node i's children are nodes
    /// width + i·width … width + i·width + width − 1. Returns the requester's direct children.
    /// </summary>
    public static IReadOnlyList<StepBranch> Build(
        IReadOnlyList<(string Address, IReadOnlyList<PartitionAsk> Partitions)> nodes, int width)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        var all = nodes.Select((n, i) => new SubtreeNode(n.Address, i < width ? -1 : (i - width) / width, n.Partitions))
            .ToArray();
        return Split(all);
    }

    /// <summary>
    /// Cuts a received <paramref name="subtree"/> into the recipient's direct children, each with its own subtree
    /// (parents re-indexed into that subtree).
    /// </summary>
    public static IReadOnlyList<StepBranch> Split(IReadOnlyList<SubtreeNode> subtree)
    {
        ArgumentNullException.ThrowIfNull(subtree);
        // The direct child each entry descends from; a parent always comes before its children.
        var root = new int[subtree.Count];
        for (var i = 0; i < subtree.Count; i++)
        {
            var parent = subtree[i].Parent;
            if (parent >= i || parent < -1)
            {
                throw new InvalidDataException($"Step tree entry {i} names parent {parent}; parents come first.");
            }

            root[i] = parent == -1 ? i : root[parent];
        }

        var branches = new List<StepBranch>();
        for (var c = 0; c < subtree.Count; c++)
        {
            if (subtree[c].Parent != -1)
            {
                continue;
            }

            var index = new Dictionary<int, int>();
            var below = new List<SubtreeNode>();
            for (var i = c + 1; i < subtree.Count; i++)
            {
                if (root[i] != c)
                {
                    continue;
                }

                var parent = subtree[i].Parent == c ? -1 : index[subtree[i].Parent];
                index[i] = below.Count;
                below.Add(subtree[i] with { Parent = parent });
            }

            branches.Add(new StepBranch(subtree[c].Address, subtree[c].Partitions, below));
        }

        return branches;
    }
}

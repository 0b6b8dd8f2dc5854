namespace AiMass.Coordinator.Jobs;

/// <summary>
/// Which worker node holds each partition of a job, decided by the job itself (explicit placement: every node gets
/// work, whatever the number of nodes, and the job knows whom to send each step). Placement is sticky — a partition
/// stays on its node, where its rows are loaded — and changes only between steps: partitions of a node that left or
/// was excluded go to the least loaded nodes, and a node new to the job takes partitions from the most loaded until
/// it has its even share. Nodes that cannot read the data are excluded for the job's life.
/// </summary>
public sealed class PartitionPlacement(int partitions)
{
    private readonly string?[] _holders = new string?[partitions];
    private readonly HashSet<string> _excluded = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>Number of partitions.</summary>
    public int Partitions => _holders.Length;

    /// <summary>Nodes excluded for this job (they cannot read its data).</summary>
    public IReadOnlySet<string> Excluded => _excluded;

    /// <summary>Every node that has held a partition of the job (to release them when it ends).</summary>
    public IReadOnlySet<string> Used => _used;

    /// <summary>The node holding <paramref name="partition"/>, or null before the first placement.</summary>
    public string? HolderOf(int partition) => _holders[partition];

    /// <summary>Leaves <paramref name="node"/> out of the job; its partitions are placed again by the next
    /// <see cref="Assign"/>.</summary>
    public void Exclude(string node) => _excluded.Add(node);

    /// <summary>Hands <paramref name="partition"/> to <paramref name="node"/> (it answered first).</summary>
    public void Move(int partition, string node)
    {
        _holders[partition] = node;
        _used.Add(node);
    }

    /// <summary>The partitions of each holding node, nodes in ordinal order, partitions ascending.</summary>
    public IReadOnlyList<(string Node, IReadOnlyList<int> Partitions)> ByNode() =>
        Enumerable.Range(0, Partitions).Where(p => _holders[p] is not null)
            .GroupBy(p => _holders[p]!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<int>)g.ToArray()))
            .ToArray();

    /// <summary>
    /// Places every partition on one of <paramref name="nodes"/> (those not excluded). Returns the partitions that
    /// changed node, with the node that held them (null when none did), or null when no node is available.
    /// </summary>
    public IReadOnlyList<(int Partition, string? From)>? Assign(IEnumerable<string> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var available = nodes.Where(n => !_excluded.Contains(n)).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToArray();
        if (available.Length == 0)
        {
            return null;
        }

        var load = available.ToDictionary(n => n, _ => 0, StringComparer.Ordinal);
        var moves = new List<(int, string?)>();
        for (var p = 0; p < Partitions; p++)
        {
            if (_holders[p] is { } holder && load.ContainsKey(holder))
            {
                load[holder]++;
            }
            else
            {
                moves.Add((p, _holders[p]));
                _holders[p] = null;
            }
        }

        foreach (var (p, _) in moves)
        {
            var target = available.MinBy(n => load[n])!;
            _holders[p] = target;
            load[target]++;
        }

        moves.AddRange(Rebalance(available, load));
        _used.UnionWith(_holders.Where(h => h is not null).Select(h => h!));
        return moves;
    }

    /// <summary>Moves partitions to nodes that never held any of this job, up to their even share.</summary>
    private List<(int, string?)> Rebalance(string[] available, Dictionary<string, int> load)
    {
        var moves = new List<(int, string?)>();
        var share = Partitions / available.Length;
        foreach (var node in available.Where(n => !_used.Contains(n) && load[n] < share))
        {
            while (load[node] < share)
            {
                var donor = available.MaxBy(n => load[n])!;
                if (load[donor] <= load[node] + 1)
                {
                    break;
                }

                var p = Array.FindLastIndex(_holders, h => h == donor);
                _holders[p] = node;
                load[donor]--;
                load[node]++;
                moves.Add((p, donor));
            }
        }

        return moves;
    }
}

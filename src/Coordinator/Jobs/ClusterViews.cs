using Akka.Cluster;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Jobs;

/// <summary>Builds the <c>aimass cluster</c> view: membership from Akka.Cluster, devices and partitions from the
/// workers' advertisements.</summary>
public static class ClusterViews
{
    /// <summary>The view of <paramref name="cluster"/> with the latest worker advertisements.</summary>
    public static ClusterQueries.ClusterView Build(
        Cluster cluster,
        IReadOnlyDictionary<string, (WorkerEvents.WorkerAdvertised Advert, DateTimeOffset Seen)> workers)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(workers);
        var state = cluster.State;
        var members = state.Members
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .Select(m =>
            {
                var address = m.Address.ToString();
                var reachable = state.Unreachable.Contains(m) ? "unreachable" : "reachable";
                workers.TryGetValue(address, out var advert);
                return new ClusterQueries.Member(
                    address, m.Roles.Order(StringComparer.Ordinal).ToArray(), $"{m.Status} ({reachable})",
                    advert.Advert?.Device, advert.Advert?.Partitions ?? []);
            })
            .ToArray();
        return new ClusterQueries.ClusterView(members, state.Leader?.ToString());
    }
}

namespace AiMass.Seed.Protocol;

/// <summary>The cluster as <c>aimass cluster</c> shows it.</summary>
public static class ClusterQueries
{
    /// <summary>Ask the job manager for the members; replied with <see cref="ClusterView"/>.</summary>
    public sealed record GetClusterView : IAimassMessage;

    /// <summary>One member of the cluster.</summary>
    /// <param name="Address">Node address.</param>
    /// <param name="Roles">Its roles (seed, coordinator, worker).</param>
    /// <param name="Status">Akka membership status (Up, Leaving, …) and reachability.</param>
    /// <param name="Device">For workers: the device they advertised.</param>
    /// <param name="Partitions">For workers: the partitions they hold.</param>
    public sealed record Member(
        string Address, IReadOnlyList<string> Roles, string Status, string? Device, IReadOnlyList<string> Partitions);

    /// <summary>All members.</summary>
    /// <param name="Members">Ordered by address.</param>
    /// <param name="Leader">The cluster leader's address.</param>
    public sealed record ClusterView(IReadOnlyList<Member> Members, string? Leader) : IAimassMessage;
}

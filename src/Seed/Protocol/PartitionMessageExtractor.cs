using Akka.Cluster.Sharding;

namespace AiMass.Seed.Protocol;

/// <summary>
/// Routes <see cref="IWithPartitionId"/> messages to the entity <c>"{job}/{partition}"</c>; shards by a stable
/// hash of the entity id. The shard count stays constant for the cluster's life (~10× the largest node count).
/// </summary>
public sealed class PartitionMessageExtractor(int maxShards = PartitionMessageExtractor.DefaultShards)
    : HashCodeMessageExtractor(maxShards)
{
    /// <summary>Default number of shards: room for about 10 workers per shard-count decade of nodes.</summary>
    public const int DefaultShards = 100;

    /// <summary>The entity id of a partition.</summary>
    public static string EntityIdOf(string jobId, int partition) => $"{jobId}/{partition}";

    /// <inheritdoc />
    public override string? EntityId(object message) => message switch
    {
        IWithPartitionId p => EntityIdOf(p.JobId, p.Partition),
        _ => null,
    };
}

namespace AiMass.Seed.Hosting;

/// <summary>Actor-registry key of the partition shard region (on workers) or its proxy (on coordinators).</summary>
public sealed class PartitionRegionKey;

/// <summary>Actor-registry key of the job manager singleton's proxy.</summary>
public sealed class JobManagerKey;

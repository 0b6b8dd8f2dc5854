using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Input;
using AiMass.Seed.Hosting;
using AiMass.Seed.Protocol;
using AiMass.Worker.Partitions;

namespace AiMass.Worker.Hosting;

/// <summary>The worker role: the partition shard region, and the advertiser of this node's device.</summary>
public static class WorkerRole
{
    /// <summary>Name of the partition shard region (the same on every node).</summary>
    public const string RegionName = "partition";

    /// <summary>Name of the job manager singleton.</summary>
    public const string JobManagerName = "job-manager";

    /// <summary>Adds the worker role, computing with <paramref name="backend"/> on files inside the settings' data
    /// roots.</summary>
    public static AkkaConfigurationBuilder WithWorkerRole(
        this AkkaConfigurationBuilder builder, NodeSettings settings, IEStepBackend backend)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(backend);
        var roots = DataRoots.Of(settings.DataRoots);
        return builder
            .WithShardRegion<PartitionRegionKey>(
                RegionName,
                (_, _) => entityId => PartitionEntity.Props(entityId, backend, roots, settings.DataAccess),
                new PartitionMessageExtractor(settings.Shards),
                ShardingOptions())
            .WithSingletonProxy<JobManagerKey>(JobManagerName, new ClusterSingletonOptions
            {
                Role = "coordinator",
                SingletonIdentificationFailurePeriod = TimeSpan.FromMinutes(1),
                LogSingletonIdentificationFailure = false,
            })
            .WithActors((system, registry) =>
            {
                var region = registry.Get<PartitionRegionKey>();
                var manager = registry.Get<JobManagerKey>();
                system.ActorOf(
                    WorkerAdvertiser.Props(region, manager, backend.Name, settings.AdvertiseInterval), "advertiser");
            });
    }

    /// <summary>Sharding as the design needs it: ddata state store, no remember-entities, no idle passivation
    /// (a job keeps its partitions until it ends and releases them), and a hand-off message that lets a moving
    /// partition answer its running step before it stops.</summary>
    public static ShardOptions ShardingOptions() => new()
    {
        Role = "worker",
        StateStoreMode = StateStoreMode.DData,
        RememberEntities = false,
        ShouldPassivateIdleEntities = false,
        HandOffStopMessage = PartitionEntity.HandOff.Instance,
    };
}

using Akka.Cluster.Hosting;
using Akka.Hosting;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Input;
using AiMass.Seed.Hosting;
using AiMass.Seed.Transfers;
using AiMass.Worker.Partitions;

namespace AiMass.Worker.Hosting;

/// <summary>
/// The worker role: the node's step server (<see cref="WorkerNodeActor"/>, which holds the partitions the
/// coordinator places on this node), and the advertiser of its device and partitions.
/// </summary>
public static class WorkerRole
{
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
            .WithSingletonProxy<JobManagerKey>(JobManagerName, new ClusterSingletonOptions
            {
                Role = "coordinator",
                SingletonIdentificationFailurePeriod = TimeSpan.FromMinutes(1),
                LogSingletonIdentificationFailure = false,
            })
            .WithActors((system, registry) =>
            {
                var node = system.ActorOf(
                    WorkerNodeActor.Props(
                        backend, TransferSettings.From(settings), roots, settings.DataAccess), WorkerNodeActor.Name);
                var manager = registry.Get<JobManagerKey>();
                system.ActorOf(
                    WorkerAdvertiser.Props(node, manager, backend.Name, settings.AdvertiseInterval), "advertiser");
            });
    }
}

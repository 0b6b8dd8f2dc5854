using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Event;
using AiMass.Seed.Protocol;

namespace AiMass.Worker.Hosting;

/// <summary>
/// Tells the job manager, every few seconds, which device this worker computes on and which partitions it holds
/// (read from the local shard region), so <c>aimass cluster</c> can show them.
/// </summary>
public sealed class WorkerAdvertiser : ReceiveActor, IWithTimers
{
    private readonly IActorRef _region;
    private readonly IActorRef _jobManager;
    private readonly string _device;
    private readonly string _address;

    /// <summary>Advertises to <paramref name="jobManager"/> every <paramref name="interval"/>.</summary>
    public WorkerAdvertiser(IActorRef region, IActorRef jobManager, string device, TimeSpan interval)
    {
        _region = region;
        _jobManager = jobManager;
        _device = device;
        _address = Cluster.Get(Context.System).SelfAddress.ToString();
        Context.GetLogger().Info($"worker {_address} computes on {device}");
        Timers!.StartPeriodicTimer("advertise", Tick.Instance, TimeSpan.FromMilliseconds(200), interval);
        Receive<Tick>(_ => _region.Tell(GetShardRegionState.Instance));
        Receive<CurrentShardRegionState>(state =>
        {
            var partitions = state.Shards.SelectMany(s => s.EntityIds).Order(StringComparer.Ordinal).ToArray();
            _jobManager.Tell(new WorkerEvents.WorkerAdvertised(_address, _device, partitions));
        });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props.</summary>
    public static Props Props(IActorRef region, IActorRef jobManager, string device, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new WorkerAdvertiser(region, jobManager, device, interval));

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}

using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using AiMass.Seed.Protocol;
using AiMass.Worker.Partitions;

namespace AiMass.Worker.Hosting;

/// <summary>
/// Tells the job manager, every few seconds, which device this worker computes on and which partitions it holds
/// (asked of the node's <see cref="WorkerNodeActor"/>), so <c>aimass cluster</c> can show them.
/// </summary>
public sealed class WorkerAdvertiser : ReceiveActor, IWithTimers
{
    private readonly IActorRef _node;
    private readonly IActorRef _jobManager;
    private readonly string _device;
    private readonly string _address;

    /// <summary>Advertises to <paramref name="jobManager"/> every <paramref name="interval"/>.</summary>
    public WorkerAdvertiser(IActorRef node, IActorRef jobManager, string device, TimeSpan interval)
    {
        _node = node;
        _jobManager = jobManager;
        _device = device;
        _address = Cluster.Get(Context.System).SelfAddress.ToString();
        Context.GetLogger().Info($"worker {_address} computes on {device}");
        Timers!.StartPeriodicTimer("advertise", Tick.Instance, TimeSpan.FromMilliseconds(200), interval);
        Receive<Tick>(_ => _node.Tell(WorkerNodeQueries.GetHeldPartitions.Instance));
        Receive<WorkerNodeQueries.HeldPartitions>(held =>
            _jobManager.Tell(new WorkerEvents.WorkerAdvertised(_address, _device, held.EntityIds)));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props.</summary>
    public static Props Props(IActorRef node, IActorRef jobManager, string device, TimeSpan interval) =>
        Akka.Actor.Props.Create(() => new WorkerAdvertiser(node, jobManager, device, interval));

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}

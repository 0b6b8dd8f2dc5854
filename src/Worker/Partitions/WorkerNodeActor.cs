using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using AiMass.Kernels.EStep;
using AiMass.Kernels.Input;
using AiMass.Seed.Data.Storage;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;
using AiMass.Seed.Transfers;

namespace AiMass.Worker.Partitions;

/// <summary>
/// A worker node's one step server (<c>/user/worker-node</c>). It holds the node's partitions of every job as
/// <see cref="PartitionEntity"/> children, takes one <see cref="NodeCommands.ComputeStep"/> per step (parameters
/// decoded and factorised once for all its partitions), forwards it to the subtree below it, sums its partitions'
/// and its children's statistics in one order-independent total, and sends one
/// <see cref="NodeEvents.StepComputed"/> back. Requests and answers travel as acknowledged chunks.
/// </summary>
public sealed partial class WorkerNodeActor : ReceiveActor
{
    /// <summary>The actor's name under <c>/user</c>.</summary>
    public const string Name = "worker-node";

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IEStepBackend _backend;
    private readonly TransferSettings _transfers;
    private readonly DataRoots? _roots;
    private readonly DataAccessSettings? _dataAccess;
    private readonly ChunkReceiver _chunks;
    private readonly string _address;
    private readonly Dictionary<(string Job, int Partition), IActorRef> _entities = [];
    private readonly Dictionary<long, NodeRequest> _requests = [];
    private readonly Dictionary<(string Job, int Partition, int Step), List<long>> _waiting = [];
    private readonly Dictionary<long, (long Request, string Address)> _children = [];
    private readonly Dictionary<Guid, long> _childTransfers = [];
    private readonly PartitionWorkScheduler _scheduler = new(Math.Max(2, Environment.ProcessorCount));
    private long _nextId;

    /// <summary>A node computing with <paramref name="backend"/> on files inside <paramref name="roots"/> (null: any
    /// folder), read with <paramref name="dataAccess"/> (default: as the environment configures it).</summary>
    public WorkerNodeActor(
        IEStepBackend backend, TransferSettings transfers, DataRoots? roots = null,
        DataAccessSettings? dataAccess = null)
    {
        _backend = backend;
        _transfers = transfers;
        _roots = roots;
        _dataAccess = dataAccess;
        _chunks = new ChunkReceiver(transfers.MaxPayloadBytes, TimeSpan.FromMinutes(10));
        _address = Cluster.Get(Context.System).SelfAddress.ToString();
        Receive<PayloadChunks.Chunk>(OnChunk);
        Receive<PartitionEvents.StatisticsComputed>(OnComputed);
        Receive<PartitionEvents.StatisticsFailed>(OnFailed);
        Receive<TransferOutcomes.Delivered>(d => _childTransfers.Remove(d.TransferId));
        Receive<TransferOutcomes.Failed>(OnTransferFailed);
        Receive<ClusterEvent.MemberRemoved>(OnMemberRemoved);
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<NodeCommands.ReleaseJob>(OnRelease);
        Receive<WorkerNodeQueries.GetHeldPartitions>(_ => Sender.Tell(new WorkerNodeQueries.HeldPartitions(
            _entities.Keys.OrderBy(k => k.Job, StringComparer.Ordinal).ThenBy(k => k.Partition)
                .Select(k => $"{k.Job}/{k.Partition}").ToArray())));
    }

    /// <summary>Props (see the constructor).</summary>
    public static Props Props(
        IEStepBackend backend, TransferSettings transfers, DataRoots? roots = null,
        DataAccessSettings? dataAccess = null) =>
        Akka.Actor.Props.Create(() => new WorkerNodeActor(backend, transfers, roots, dataAccess));

    /// <summary>The path of the node actor on the node at <paramref name="address"/>.</summary>
    public static string PathOn(string address) => $"{address}/user/{Name}";

    /// <inheritdoc />
    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(
            Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents, typeof(ClusterEvent.MemberRemoved));

    /// <inheritdoc />
    protected override void PostStop()
    {
        Cluster.Get(Context.System).Unsubscribe(Self);
        _scheduler.Dispose();
    }

    private void OnChunk(PayloadChunks.Chunk chunk)
    {
        var (ack, received) = _chunks.Accept(chunk);
        Sender.Tell(ack);
        if (received is not { } payload)
        {
            return;
        }

        switch (payload.Span[0])
        {
            case StepCodec.StepKind:
                var (step, parameters) = StepCodec.DecodeStep(payload);
                OnComputeStep(step, parameters);
                break;
            case StepCodec.ComputedKind:
                var (answer, sum) = StepCodec.DecodeComputed(payload);
                OnChildAnswered(answer, sum);
                break;
            default:
                _log.Warning("worker node got a payload of unknown kind {0}; ignored", payload.Span[0]);
                break;
        }
    }

    private void OnRelease(NodeCommands.ReleaseJob release)
    {
        var keys = _entities.Keys.Where(k => k.Job == release.JobId
            && (release.Partitions.Count == 0 || release.Partitions.Contains(k.Partition))).ToArray();
        foreach (var key in keys)
        {
            Context.Stop(_entities[key]);
            _entities.Remove(key);
        }

        if (release.Partitions.Count == 0)
        {
            foreach (var id in _requests.Where(r => r.Value.Step.JobId == release.JobId).Select(r => r.Key).ToArray())
            {
                Abandon(id);
            }
        }
    }

    private IActorRef EntityFor(string job, int partition)
    {
        if (!_entities.TryGetValue((job, partition), out var entity))
        {
            var entityId = $"{job}/{partition}";
            entity = Context.ActorOf(
                PartitionEntity.Props(entityId, _backend, _scheduler, _roots, _dataAccess),
                $"{Uri.EscapeDataString(job)}-{partition}");
            _entities[(job, partition)] = entity;
        }

        return entity;
    }
}

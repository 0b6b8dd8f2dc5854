using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;
using AiMass.Seed.Steps;
using AiMass.Seed.Transfers;
using AiMass.Worker.Partitions;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// How a <see cref="JobActor"/> asks for a step: it places the partitions on the worker nodes (sticky, see
/// <see cref="PartitionPlacement"/>), encodes the parameters once, and sends one request per node down a tree of
/// width <see cref="Seed.Hosting.NodeSettings.TreeWidth"/>, in acknowledged chunks. Re-asks go straight to the
/// partitions' nodes, one request per node, for exactly the partitions missing.
/// </summary>
public sealed partial class JobActor
{
    private PartitionPlacement? _placement;
    private ChunkReceiver? _receiver;
    private ReadOnlyMemory<byte> _parameters;
    private readonly Dictionary<Guid, long> _requestTransfers = [];
    private long _nextRequest = Random.Shared.NextInt64(1L << 40);
    private bool _waitingForWorkers;

    private TransferSettings Transfers => TransferSettings.From(_services.Settings);

    private ChunkReceiver Chunks => _receiver ??= new ChunkReceiver(
        _services.Settings.MaxPayloadBytes, TimeSpan.FromMinutes(10));

    private void StartStep()
    {
        _step++;
        _collector = new StepLedger(_step, Partitions);
        _stepStarted = Stopwatch.GetTimestamp();
        _placement ??= new PartitionPlacement(Partitions);
        _parameters = StepCodec.EncodeParameters(_fit!.ParametersToEvaluate);
        if (StepPayloads.TooLarge(_fit.ParametersToEvaluate, _parameters.Length, Partitions, _services.Settings) is
            { } tooLarge)
        {
            Fail(tooLarge, isInput: true);
            return;
        }

        ArmDeadline();
        SendStep();
        if (_state == JobState.Running && _services.Settings.SpeculationFactor > 0)
        {
            Timers.StartPeriodicTimer("speculate", SpeculationDue.Instance, SpeculationCheck);
        }

        Publish();
    }

    private void ArmDeadline()
    {
        var wait = _step == 1 ? _services.Settings.FirstStepDeadline : _services.Settings.StepDeadline;
        Timers.StartSingleTimer("deadline", new DeadlinePassed(_step), wait);
    }

    /// <summary>Places the partitions and sends the step down the tree; waits while no worker is up.</summary>
    private void SendStep()
    {
        if (!Place(_services.Settings.ResendInterval))
        {
            return;
        }

        var nodes = _placement!.ByNode()
            .Select(n => (n.Node, (IReadOnlyList<PartitionAsk>)n.Partitions.Select(Ask).ToArray()))
            .ToArray();
        foreach (var branch in StepTree.Build(nodes, _services.Settings.TreeWidth))
        {
            Send(branch);
        }
    }

    /// <summary>
    /// Places every partition on a live worker (moved partitions are released where they were); false when no
    /// worker is up (asks again after <paramref name="retry"/>) or none can read the data (the job fails).
    /// </summary>
    private bool Place(TimeSpan retry)
    {
        var live = LiveWorkers();
        var moves = _placement!.Assign(live);
        if (moves is null)
        {
            if (live.Count > 0)
            {
                Fail($"No worker node can read the data: {_unreadable ?? "every node failed to open it"}", true);
                return false;
            }

            if (!_waitingForWorkers)
            {
                _log.Warning($"job={_jobId} step {_step}: no worker node is up; waiting for one");
            }

            _waitingForWorkers = true;
            Timers.StartSingleTimer("place", PlacementDue.Instance, retry);
            return false;
        }

        _waitingForWorkers = false;
        foreach (var group in moves.Where(m => m.From is not null && live.Contains(m.From)).GroupBy(m => m.From!))
        {
            Release(group.Key, group.Select(m => m.Partition).ToArray());
        }

        return true;
    }

    /// <summary>Worker nodes that are up (not leaving), in ordinal order.</summary>
    private HashSet<string> LiveWorkers() =>
        Akka.Cluster.Cluster.Get(Context.System).State.Members
            .Where(m => m.HasRole("worker") && m.Status == MemberStatus.Up && !_removed.Contains(m.Address.ToString()))
            .Select(m => m.Address.ToString())
            .ToHashSet(StringComparer.Ordinal);

    private PartitionAsk Ask(int partition) => new(partition, _collector!.Attempt(partition));

    /// <summary>Sends one request to a branch's root node, covering the branch's partitions.</summary>
    private void Send(StepBranch branch)
    {
        var id = ++_nextRequest;
        var step = new NodeCommands.ComputeStep(
            _jobId, _step, id, Akka.Serialization.Serialization.SerializedActorPath(Self), _dataset!,
            _fit!.ParametersToEvaluate, branch.Partitions, branch.Subtree, _fit.PrecisionToEvaluate);
        _collector!.Asked(id, branch.Address, branch.AllPartitions.Select(a => a.Partition));
        var transfer = ChunkSenderActor.Start(
            Context, Context.ActorSelection(WorkerNodeActor.PathOn(branch.Address)),
            StepCodec.Encode(step, _parameters), Transfers);
        _requestTransfers[transfer] = id;
    }

    /// <summary>
    /// Asks <paramref name="partitions"/> again straight from their nodes (one request per node); with
    /// <paramref name="countAttempt"/> each counts as a new attempt (logged as a warning), and the job fails past
    /// <see cref="Seed.Hosting.NodeSettings.MaxAttempts"/>; without, it is routine (a node left, a faster copy).
    /// </summary>
    private void AskAgain(IReadOnlyCollection<int> partitions, bool countAttempt, string why)
    {
        if (partitions.Count == 0 || _state != JobState.Running)
        {
            return;
        }

        if (countAttempt)
        {
            var max = _services.Settings.MaxAttempts;
            if (partitions.FirstOrDefault(p => _collector!.Attempt(p) >= max, -1) is var spent and >= 0)
            {
                Fail($"Partition {spent} {why} in {max} attempts of step {_step}; check the workers.", false);
                return;
            }

            foreach (var p in partitions)
            {
                _collector!.NextAttempt(p);
            }
        }

        _log.Log(
            countAttempt ? LogLevel.WarningLevel : LogLevel.InfoLevel,
            $"job={_jobId} step {_step}: partitions [{string.Join(", ", partitions)}] {why}; asking again" +
            (countAttempt ? $" (attempt {_collector!.Attempt(partitions.First())})" : ""));
        foreach (var group in partitions.GroupBy(p => _placement!.HolderOf(p)!, StringComparer.Ordinal))
        {
            Send(new StepBranch(group.Key, group.Order().Select(Ask).ToArray(), []));
        }
    }

    /// <summary>Tells <paramref name="node"/> to free <paramref name="partitions"/> of the job (empty: all).</summary>
    private void Release(string node, IReadOnlyList<int> partitions) =>
        Context.ActorSelection(WorkerNodeActor.PathOn(node)).Tell(new NodeCommands.ReleaseJob(_jobId, partitions));

    /// <summary>
    /// Frees the job on every node that held a partition of it, and on every live worker (a job resumed by another
    /// coordinator does not know where its first life placed partitions).
    /// </summary>
    private void ReleaseWorkers()
    {
        foreach (var node in LiveWorkers().Union(_placement?.Used ?? new HashSet<string>()))
        {
            Release(node, []);
        }
    }

    /// <summary>Stops the transfers of the step's requests still under way (the step is complete).</summary>
    private void StopStepTransfers()
    {
        foreach (var id in _requestTransfers.Keys)
        {
            if (Context.Child($"transfer-{id:N}") is { } child && !child.IsNobody())
            {
                Context.Stop(child);
            }
        }

        _requestTransfers.Clear();
    }

    private sealed class PlacementDue
    {
        public static readonly PlacementDue Instance = new();
    }
}

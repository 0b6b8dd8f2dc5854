using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;
using AiMass.Seed.Steps;
using AiMass.Seed.Transfers;

namespace AiMass.Worker.Partitions;

/// <summary>How a <see cref="WorkerNodeActor"/> serves a step: fan out, compute, fan in, answer once.</summary>
public sealed partial class WorkerNodeActor
{
    private void OnComputeStep(NodeCommands.ComputeStep step, ReadOnlyMemory<byte> parameters)
    {
        // A newer step of the job supersedes what is still open for older ones: the requester moved on.
        foreach (var old in _requests.Where(r => r.Value.Step.JobId == step.JobId && r.Value.Step.Step < step.Step)
                     .Select(r => r.Key).ToArray())
        {
            Abandon(old);
        }

        var replyTo = ((ExtendedActorSystem)Context.System).Provider.ResolveActorRef(step.ReplyTo);
        var id = ++_nextId;
        var request = new NodeRequest(step, replyTo);
        _requests[id] = request;
        foreach (var branch in StepTree.Split(step.Subtree))
        {
            Forward(id, request, branch, parameters);
        }

        foreach (var ask in step.Partitions)
        {
            var key = (step.JobId, ask.Partition, step.Step);
            if (!_waiting.TryGetValue(key, out var waiting))
            {
                _waiting[key] = waiting = [];
            }

            waiting.Add(id);
            EntityFor(step.JobId, ask.Partition).Tell(new PartitionCommands.ComputeStatistics(
                step.JobId, ask.Partition, step.Step, ask.Attempt, step.Dataset, step.Parameters, step.Precision));
        }

        CompleteIfDone(id);
    }

    /// <summary>Sends the request on to one child, with the parameters' bytes as they arrived.</summary>
    private void Forward(long id, NodeRequest request, StepBranch branch, ReadOnlyMemory<byte> parameters)
    {
        var childRequest = ++_nextId;
        var child = request.Step with
        {
            RequestId = childRequest,
            ReplyTo = Akka.Serialization.Serialization.SerializedActorPath(Self),
            Partitions = branch.Partitions,
            Subtree = branch.Subtree,
        };
        request.PendingChildren[childRequest] = branch.AllNodes.ToArray();
        _children[childRequest] = (id, branch.Address);
        var transfer = ChunkSenderActor.Start(
            Context, Context.ActorSelection(PathOn(branch.Address)), StepCodec.Encode(child, parameters), _transfers);
        _childTransfers[transfer] = childRequest;
    }

    private void OnComputed(PartitionEvents.StatisticsComputed computed) =>
        Dispatch(computed.JobId, computed.Partition, computed.Step, r => r.Computed(computed));

    private void OnFailed(PartitionEvents.StatisticsFailed failed) =>
        Dispatch(failed.JobId, failed.Partition, failed.Step, r => r.Failed(failed));

    /// <summary>Gives a partition's answer to every open request waiting for it.</summary>
    private void Dispatch(string job, int partition, int step, Action<NodeRequest> apply)
    {
        if (!_waiting.Remove((job, partition, step), out var ids))
        {
            return;
        }

        foreach (var id in ids)
        {
            if (_requests.TryGetValue(id, out var request))
            {
                apply(request);
                CompleteIfDone(id);
            }
        }
    }

    private void OnChildAnswered(NodeEvents.StepComputed answer, ReadOnlyMemory<byte> sum)
    {
        if (_children.Remove(answer.RequestId, out var child) && _requests.TryGetValue(child.Request, out var request))
        {
            request.ChildAnswered(answer.RequestId, answer, sum);
            CompleteIfDone(child.Request);
        }
    }

    private void OnTransferFailed(TransferOutcomes.Failed failed)
    {
        if (!_childTransfers.Remove(failed.TransferId, out var childRequest))
        {
            _log.Warning("a step answer could not be delivered ({0}); the requester asks again", failed.Reason);
            return;
        }

        if (!_children.Remove(childRequest, out var child) || !_requests.TryGetValue(child.Request, out var request))
        {
            return;
        }

        _log.Warning("job={0} step {1}: the request to {2} failed: {3}", request.Step.JobId, request.Step.Step,
            child.Address, failed.Reason);
        if (failed.Refused)
        {
            var branch = StepTree.Split(request.Step.Subtree).Single(b => b.Address == child.Address);
            request.ChildRefused(childRequest, branch.AllPartitions, failed.Reason, child.Address);
        }
        else
        {
            request.ChildLost(childRequest);
        }

        CompleteIfDone(child.Request);
    }

    private void OnMemberRemoved(ClusterEvent.MemberRemoved removed)
    {
        var address = removed.Member.Address.ToString();
        foreach (var (childRequest, child) in _children.Where(c => c.Value.Address == address).ToArray())
        {
            _children.Remove(childRequest);
            if (_requests.TryGetValue(child.Request, out var request))
            {
                request.ChildLost(childRequest);
                CompleteIfDone(child.Request);
            }
        }
    }

    private void CompleteIfDone(long id)
    {
        if (!_requests.TryGetValue(id, out var request) || !request.IsComplete)
        {
            return;
        }

        _requests.Remove(id);
        var answer = request.Answer(_address);
        var bytes = StepCodec.Encode(answer);
        if (bytes.Length > _transfers.MaxPayloadBytes)
        {
            var reason = $"the summed statistics on worker {_address} are {ChunkReceiver.Megabytes(bytes.Length)}, " +
                $"above MaxPayloadBytes ({ChunkReceiver.Megabytes(_transfers.MaxPayloadBytes)}); raise " +
                "AiMass__MaxPayloadBytes on every node, or make the model smaller";
            bytes = StepCodec.Encode(request.Unsendable(_address, reason));
        }

        ChunkSenderActor.Start(Context, request.ReplyTo, new Payload(bytes), _transfers);
    }

    /// <summary>Drops an open request (superseded, or its job ended); late answers for it are ignored.</summary>
    private void Abandon(long id)
    {
        if (!_requests.Remove(id, out var request))
        {
            return;
        }

        foreach (var childRequest in request.PendingChildren.Keys)
        {
            _children.Remove(childRequest);
        }

        foreach (var ask in request.Step.Partitions)
        {
            var key = (request.Step.JobId, ask.Partition, request.Step.Step);
            if (_waiting.TryGetValue(key, out var ids) && ids.Remove(id) && ids.Count == 0)
            {
                _waiting.Remove(key);
            }
        }
    }
}

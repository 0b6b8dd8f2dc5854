using Akka.Actor;
using AiMass.Kernels.Em;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;

namespace AiMass.Worker.Partitions;

/// <summary>
/// One step request a worker node is serving: its own partitions still computing, the subtrees it forwarded the
/// request to, and the running, order-independent sum of everything answered so far (a <see cref="StatisticsSum"/>
/// folded in place: the node holds one total per request, whatever the number of partitions below it).
/// </summary>
internal sealed class NodeRequest(NodeCommands.ComputeStep step, IActorRef replyTo)
{
    private readonly List<PartitionDone> _done = [];
    private readonly List<PartitionFailure> _failed = [];
    private readonly List<string> _lost = [];
    private StatisticsSum? _sum;

    /// <summary>The request.</summary>
    public NodeCommands.ComputeStep Step { get; } = step;

    /// <summary>Where the answer goes.</summary>
    public IActorRef ReplyTo { get; } = replyTo;

    /// <summary>Own partitions not answered yet, with their attempts.</summary>
    public Dictionary<int, int> PendingPartitions { get; } =
        step.Partitions.ToDictionary(a => a.Partition, a => a.Attempt);

    /// <summary>Forwarded requests not answered yet: child request id → every node of that branch.</summary>
    public Dictionary<long, IReadOnlyList<string>> PendingChildren { get; } = [];

    /// <summary>True when every own partition and every branch has answered (or was given up).</summary>
    public bool IsComplete => PendingPartitions.Count == 0 && PendingChildren.Count == 0;

    /// <summary>A partition's statistics: added to the sum once.</summary>
    public void Computed(PartitionEvents.StatisticsComputed computed)
    {
        if (!PendingPartitions.Remove(computed.Partition, out var attempt))
        {
            return;
        }

        (_sum ??= new StatisticsSum(computed.Statistics.Layout)).Add(computed.Statistics);
        _done.Add(new PartitionDone(
            computed.Partition, attempt, computed.ComputeMilliseconds, computed.LoadMilliseconds, computed.Worker,
            computed.Device));
    }

    /// <summary>A partition could not compute.</summary>
    public void Failed(PartitionEvents.StatisticsFailed failed)
    {
        if (!PendingPartitions.Remove(failed.Partition, out var attempt))
        {
            return;
        }

        var kind = failed.IsDataUnreadable ? PartitionFailureKind.DataUnreadable
            : failed.IsInputError ? PartitionFailureKind.InputError
            : PartitionFailureKind.Transient;
        _failed.Add(new PartitionFailure(failed.Partition, attempt, kind, failed.Message, failed.Worker));
    }

    /// <summary>A branch answered: its lists join this answer, its sum is folded into this one.</summary>
    public void ChildAnswered(long childRequest, NodeEvents.StepComputed answer, ReadOnlyMemory<byte> sum)
    {
        if (!PendingChildren.Remove(childRequest))
        {
            return;
        }

        _done.AddRange(answer.Done);
        _failed.AddRange(answer.Failed);
        _lost.AddRange(answer.LostNodes);
        if (sum.Length > 0)
        {
            if (_sum is null)
            {
                _sum = StatisticsSumCodec.Decode(sum.Span);
            }
            else
            {
                StatisticsSumCodec.FoldInto(sum.Span, _sum);
            }
        }
    }

    /// <summary>A branch will not answer (its node left, or the request could not reach it).</summary>
    public void ChildLost(long childRequest)
    {
        if (PendingChildren.Remove(childRequest, out var nodes))
        {
            _lost.AddRange(nodes);
        }
    }

    /// <summary>A branch refused the request (too large for it): its partitions fail with the reason.</summary>
    public void ChildRefused(long childRequest, IEnumerable<PartitionAsk> partitions, string reason, string node)
    {
        if (PendingChildren.Remove(childRequest))
        {
            _failed.AddRange(partitions.Select(
                a => new PartitionFailure(a.Partition, a.Attempt, PartitionFailureKind.Unsendable, reason, node)));
        }
    }

    /// <summary>The answer for the whole subtree, from <paramref name="node"/>.</summary>
    public NodeEvents.StepComputed Answer(string node) =>
        new(Step.JobId, Step.Step, Step.RequestId, node, _done, _failed, _lost, _sum);

    /// <summary>
    /// The answer when its statistics are too large to send: every computed partition fails as unsendable.
    /// </summary>
    public NodeEvents.StepComputed Unsendable(string node, string reason) =>
        new(Step.JobId, Step.Step, Step.RequestId, node, [],
            _failed.Concat(_done.Select(d => new PartitionFailure(
                d.Partition, d.Attempt, PartitionFailureKind.Unsendable, reason, node))).ToArray(),
            _lost, null);
}

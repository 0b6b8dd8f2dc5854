using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;
using AiMass.Seed.Transfers;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// How a <see cref="JobActor"/> takes the nodes' answers: reassembles them from chunks, folds accepted ones into the
/// step's total, and acts on failures — bad input fails the job, a node that cannot read the data is left out and
/// its partitions go elsewhere, anything else is asked again.
/// </summary>
public sealed partial class JobActor
{
    private string? _unreadable;

    private void OnChunk(PayloadChunks.Chunk chunk)
    {
        var (ack, received) = Chunks.Accept(chunk);
        Sender.Tell(ack);
        if (received is not { } payload)
        {
            return;
        }

        if (payload.Span[0] != StepCodec.ComputedKind)
        {
            _log.Warning("job={0} got a payload of kind {1}, not a step answer; ignored", _jobId, payload.Span[0]);
            return;
        }

        var (answer, sum) = StepCodec.DecodeComputed(payload);
        OnAnswer(answer, sum);
    }

    private void OnAnswer(NodeEvents.StepComputed answer, ReadOnlyMemory<byte> sum)
    {
        var taken = _collector!.Answer(answer, sum);
        switch (taken.Kind)
        {
            case LedgerAnswerKind.Stale or LedgerAnswerKind.Duplicate:
                return;
            case LedgerAnswerKind.Overlap:
                ReleaseLosers(answer);
                AskAgain(taken.Remainder, countAttempt: false, $"were answered by {answer.Node} with partitions " +
                    "already counted (a re-ask or a speculative copy was faster)");
                break;
            case LedgerAnswerKind.Accepted:
                Counted(answer);
                break;
        }

        foreach (var failure in taken.Failures)
        {
            OnPartitionFailed(failure);
            if (_state != JobState.Running)
            {
                return;
            }
        }

        if (taken.Unanswered.Count > 0)
        {
            var lost = answer.LostNodes.Count > 0 ? string.Join(", ", answer.LostNodes) : "a node below it";
            AskAgain(taken.Unanswered, countAttempt: true, $"got no answer through {answer.Node} ({lost} lost)");
        }

        if (_state == JobState.Running && _collector.IsComplete)
        {
            Timers.Cancel("deadline");
            Timers.Cancel("speculate");
            StopStepTransfers();
            Become(Reducing);
            StartReduction();
        }
    }

    /// <summary>Counted partitions: recoveries are logged, and a partition answered first by another node than
    /// its holder (a speculative copy) moves there.</summary>
    private void Counted(NodeEvents.StepComputed answer)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var done in answer.Done)
        {
            foreach (var recovery in _losses.Answered(done.Partition, done.Worker, now))
            {
                LogRecovery(recovery);
            }

            if (_placement!.HolderOf(done.Partition) is { } holder && holder != done.Worker)
            {
                _log.Info($"job={_jobId} step {_step}: partition {done.Partition} answered first on {done.Worker} " +
                    $"(speculative copy); it moves there from {holder}");
                Release(holder, [done.Partition]);
                _placement.Move(done.Partition, done.Worker);
            }
        }

        Publish();
    }

    /// <summary>Frees partitions a node computed in vain (another copy was counted first), unless it holds
    /// them.</summary>
    private void ReleaseLosers(NodeEvents.StepComputed answer)
    {
        foreach (var group in answer.Done.Where(d => _placement!.HolderOf(d.Partition) != d.Worker)
                     .GroupBy(d => d.Worker))
        {
            Release(group.Key, group.Select(d => d.Partition).ToArray());
        }
    }

    private void OnPartitionFailed(PartitionFailure failure)
    {
        switch (failure.Kind)
        {
            case PartitionFailureKind.InputError or PartitionFailureKind.Unsendable:
                Fail(failure.Message, isInput: true);
                break;
            case PartitionFailureKind.DataUnreadable:
                Exclude(failure.Worker, failure.Message);
                break;
            default:
                AskAgain([failure.Partition], countAttempt: true, $"failed: {failure.Message}");
                break;
        }
    }

    /// <summary>
    /// Leaves out a node that cannot read the data: its partitions are placed on the others and asked there; the job
    /// fails only when no node is left.
    /// </summary>
    private void Exclude(string node, string message)
    {
        if (_placement!.Excluded.Contains(node))
        {
            return;
        }

        _unreadable ??= message;
        _placement.Exclude(node);
        Release(node, []);
        var orphans = Enumerable.Range(0, Partitions).Where(p => _placement.HolderOf(p) == node).ToArray();
        _log.Warning($"job={_jobId} worker {node} cannot read the data ({message}); leaving it out of the job and " +
            $"computing its partitions [{string.Join(", ", orphans)}] on the other workers");
        if (!Place(_services.Settings.ResendInterval))
        {
            return;
        }

        var missing = _collector!.Missing().ToHashSet();
        AskAgain(orphans.Where(missing.Contains).ToArray(), countAttempt: false, $"moved off {node}");
    }

    private void OnTransferFailed(TransferOutcomes.Failed failed)
    {
        if (!_requestTransfers.Remove(failed.TransferId, out var request))
        {
            return;
        }

        var node = _collector!.NodeOf(request);
        if (failed.Refused)
        {
            Fail($"Step {_step}'s request to worker {node} was refused: {failed.Reason}.", isInput: true);
            return;
        }

        AskAgain(_collector.Uncounted(request), countAttempt: true, $"could not be sent to {node} ({failed.Reason})");
    }

    private void OnDeadline(DeadlinePassed deadline)
    {
        if (deadline.Step != _collector!.Step)
        {
            return;
        }

        if (_waitingForWorkers)
        {
            ArmDeadline(); // nothing was asked yet: the step starts once a worker is up
            return;
        }

        AskAgain(_collector.Missing(), countAttempt: true, "did not answer before the deadline");
        if (_state == JobState.Running)
        {
            ArmDeadline();
        }
    }
}

using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// How a <see cref="JobActor"/> meets lost workers: it notes when they become unreachable, re-asks their partitions
/// when they are removed (and keeps asking until they answer), and logs the detection-to-recovery time.
/// </summary>
public sealed partial class JobActor
{
    private const string LossTimer = "lost-partitions";

    /// <summary>
    /// A worker left or was downed: its shards move to the surviving workers, so the partitions still missing this
    /// step are asked again now rather than at the deadline.
    /// </summary>
    private void OnMemberRemoved(ClusterEvent.MemberRemoved removed)
    {
        if (!removed.Member.HasRole("worker") || _collector is null || _collector.IsComplete)
        {
            return;
        }

        var missing = _collector.Missing();
        var loss = _losses.Removed(removed.Member.Address.ToString(), missing, Stopwatch.GetTimestamp());
        _log.Warning(
            $"job={_jobId} worker {loss.Worker} was removed from the cluster during step {_step}, " +
            $"{loss.ToRemoval.TotalSeconds:F1} s after it {loss.How}; asking partitions " +
            $"[{string.Join(", ", missing)}] again on the surviving workers");
        foreach (var partition in missing)
        {
            Reask(partition, $"is missing after worker {removed.Member.Address} was removed");
            if (_state != JobState.Running)
            {
                return;
            }
        }

        ArmDeadline();
        KeepAskingLostPartitions();
    }

    private void OnRemovedBetweenSteps(ClusterEvent.MemberRemoved removed)
    {
        if (!removed.Member.HasRole("worker"))
        {
            return;
        }

        var loss = _losses.Removed(removed.Member.Address.ToString(), [], Stopwatch.GetTimestamp());
        _log.Warning(
            $"job={_jobId} worker {loss.Worker} was removed from the cluster between steps, " +
            $"{loss.ToRemoval.TotalSeconds:F1} s after it {loss.How}; step {_step + 1} re-creates its partitions " +
            $"[{string.Join(", ", loss.Partitions)}] on the surviving workers");
        KeepAskingLostPartitions();
    }

    /// <summary>
    /// Until the lost partitions answer, asks them again every
    /// <see cref="Seed.Hosting.NodeSettings.LossReaskInterval"/> (same attempt: these asks cost nothing if the first
    /// arrived). Right after a removal sharding may still route
    /// to the removed node or to a shard coordinator that has not noticed yet, and such messages are dropped.
    /// </summary>
    private void KeepAskingLostPartitions()
    {
        if (_losses.Awaited().Count > 0 && !Timers.IsTimerActive(LossTimer))
        {
            Timers.StartPeriodicTimer(LossTimer, LostPartitionsDue.Instance, _services.Settings.LossReaskInterval);
        }
    }

    private void ReaskLostPartitions()
    {
        var awaited = _losses.Awaited();
        if (awaited.Count == 0)
        {
            Timers.Cancel(LossTimer);
            return;
        }

        var missing = _collector!.Missing().Intersect(awaited).ToArray();
        if (missing.Length > 0)
        {
            _log.Debug($"job={_jobId} step {_step}: asking lost partitions [{string.Join(", ", missing)}] again");
        }

        foreach (var partition in missing)
        {
            _services.Region.Tell(new PartitionCommands.ComputeStatistics(
                _jobId, partition, _step, _collector.Attempt(partition), _dataset!, _fit!.ParametersToEvaluate,
                _fit.PrecisionToEvaluate));
        }
    }

    private void TrackReachability()
    {
        Receive<ClusterEvent.UnreachableMember>(u =>
        {
            if (u.Member.HasRole("worker"))
            {
                _losses.Unreachable(u.Member.Address.ToString(), Stopwatch.GetTimestamp());
                _log.Warning($"job={_jobId} worker {u.Member.Address} is unreachable during step {_step}; its " +
                    "partitions are asked again once the cluster removes it (or at the step deadline)");
            }
        });
        Receive<ClusterEvent.ReachableMember>(r => _losses.Reachable(r.Member.Address.ToString()));
    }

    private void LogRecovery(WorkerLossTracker.Recovery recovery)
    {
        var loss = recovery.Loss;
        _log.Warning(
            $"job={_jobId} recovered from the loss of worker {loss.Worker}: partitions " +
            $"[{string.Join(", ", loss.Partitions)}] answered again at step {_step}; detection to recovery " +
            $"{recovery.Total.TotalSeconds:F1} s ({loss.How} → removed {loss.ToRemoval.TotalSeconds:F1} s, " +
            $"removed → answered {recovery.AfterRemoval.TotalSeconds:F1} s)");
    }

    private sealed class LostPartitionsDue
    {
        public static readonly LostPartitionsDue Instance = new();
    }
}

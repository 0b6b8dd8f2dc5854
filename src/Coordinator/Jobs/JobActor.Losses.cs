using System.Diagnostics;
using Akka.Cluster;
using Akka.Event;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// How a <see cref="JobActor"/> meets workers that leave: it notes when they become unreachable; when one is
/// removed, its partitions are placed on the surviving workers and only those (and any the step was routing
/// through it) are asked again. A graceful leave is routine (INFO); a crash is a warning. The detection-to-recovery
/// time is logged.
/// </summary>
public sealed partial class JobActor
{
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);

    /// <summary>
    /// A worker left or was downed: its partitions move to the surviving workers now, and those still missing this
    /// step are asked there; so are partitions of nodes below it in the step's tree (their answers went through it:
    /// their nodes answer again from their cache, without computing).
    /// </summary>
    private void OnMemberRemoved(ClusterEvent.MemberRemoved removed)
    {
        if (!removed.Member.HasRole("worker"))
        {
            return;
        }

        var node = removed.Member.Address.ToString();
        _removed.Add(node);
        if (_collector is null || _collector.IsComplete || _placement is null)
        {
            return;
        }

        var missing = _collector.Missing().ToHashSet();
        var held = missing.Where(p => _placement.HolderOf(p) == node).Order().ToArray();
        var routed = _collector.OpenRequests.Where(r => _collector.NodeOf(r) == node)
            .SelectMany(_collector.Uncounted).Where(p => _placement.HolderOf(p) != node).Distinct().Order().ToArray();
        var graceful = removed.PreviousStatus == MemberStatus.Exiting;
        var loss = _losses.Removed(node, held, Stopwatch.GetTimestamp(), graceful);
        var level = graceful ? LogLevel.InfoLevel : LogLevel.WarningLevel;
        _log.Log(level, graceful
            ? $"job={_jobId} worker {node} left the cluster during step {_step}; asking its partitions " +
              $"[{string.Join(", ", held)}] again on the other workers"
            : $"job={_jobId} worker {node} was removed from the cluster during step {_step}, " +
              $"{loss.ToRemoval.TotalSeconds:F1} s after it {loss.How}; asking partitions " +
              $"[{string.Join(", ", held)}] again on the surviving workers");
        if (!Place(_services.Settings.ResendInterval))
        {
            return;
        }

        AskAgain(held, countAttempt: false, $"were held by {node}, which left");
        if (routed.Length > 0)
        {
            _log.Info($"job={_jobId} step {_step}: partitions [{string.Join(", ", routed)}] were answering through " +
                $"{node}; asking their nodes directly (they answer from their cache)");
            AskAgain(routed, countAttempt: false, $"were answering through {node}");
        }
    }

    private void OnRemovedBetweenSteps(ClusterEvent.MemberRemoved removed)
    {
        if (!removed.Member.HasRole("worker"))
        {
            return;
        }

        var node = removed.Member.Address.ToString();
        _removed.Add(node);
        var graceful = removed.PreviousStatus == MemberStatus.Exiting;
        var loss = _losses.Removed(node, [], Stopwatch.GetTimestamp(), graceful);
        _log.Log(graceful ? LogLevel.InfoLevel : LogLevel.WarningLevel,
            $"job={_jobId} worker {node} {(graceful ? "left" : "was removed from")} the cluster between steps; step " +
            $"{_step + 1} places its partitions [{string.Join(", ", loss.Partitions)}] on the other workers");
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
        _log.Log(
            loss.Graceful ? LogLevel.InfoLevel : LogLevel.WarningLevel,
            $"job={_jobId} recovered from the loss of worker {loss.Worker}: partitions " +
            $"[{string.Join(", ", loss.Partitions)}] answered again at step {_step}; detection to recovery " +
            $"{recovery.Total.TotalSeconds:F1} s ({loss.How} → removed {loss.ToRemoval.TotalSeconds:F1} s, " +
            $"removed → answered {recovery.AfterRemoval.TotalSeconds:F1} s)");
    }
}

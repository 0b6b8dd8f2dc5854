using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using AiMass.Kernels;
using AiMass.Kernels.Em;
using AiMass.Kernels.Models;
using AiMass.Coordinator.Persistence;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;

namespace AiMass.Coordinator.Jobs;

/// <summary>The running states of <see cref="JobActor"/>: collecting a step, reducing it, finishing.</summary>
public sealed partial class JobActor
{
    private void Running()
    {
        TrackReachability();
        Receive<ClusterEvent.MemberRemoved>(OnMemberRemoved);
        Receive<PartitionEvents.StatisticsComputed>(OnStatistics);
        Receive<PartitionEvents.StatisticsFailed>(OnPartitionFailed);
        Receive<DeadlinePassed>(OnDeadline);
        Receive<LostPartitionsDue>(_ => ReaskLostPartitions());
        Receive<JobCommands.CancelJob>(_ => Cancel());
        WatchTheStore();
    }

    private void StartStep()
    {
        _step++;
        _collector = new StepCollector(_step, Partitions);
        _stepStarted = Stopwatch.GetTimestamp();
        var (parameters, precision) = (_fit!.ParametersToEvaluate, _fit.PrecisionToEvaluate);
        for (var p = 0; p < Partitions; p++)
        {
            _services.Region.Tell(
                new PartitionCommands.ComputeStatistics(_jobId, p, _step, 1, _dataset!, parameters, precision));
        }

        ArmDeadline();
        Publish();
    }

    private void ArmDeadline()
    {
        var wait = _step == 1 ? _services.Settings.FirstStepDeadline : _services.Settings.StepDeadline;
        Timers.StartSingleTimer("deadline", new DeadlinePassed(_step), wait);
    }

    private void OnStatistics(PartitionEvents.StatisticsComputed reply)
    {
        if (!_collector!.Accept(reply))
        {
            return; // stale or duplicate: requests are idempotent, so later copies carry nothing new
        }

        foreach (var recovery in _losses.Answered(reply.Partition, reply.Worker, Stopwatch.GetTimestamp()))
        {
            LogRecovery(recovery);
        }

        Context.Parent.Tell(new JobMessages.StatusChanged(Status()));
        if (!_collector.IsComplete)
        {
            return;
        }

        Timers.Cancel("deadline");
        Become(Reducing);
        StartReduction();
    }

    private void OnPartitionFailed(PartitionEvents.StatisticsFailed failed)
    {
        if (failed.Step != _collector!.Step)
        {
            return;
        }

        if (failed.IsInputError)
        {
            Fail(failed.Message, isInput: true);
            return;
        }

        Reask(failed.Partition, $"failed: {failed.Message}");
    }

    private void OnDeadline(DeadlinePassed deadline)
    {
        if (deadline.Step != _collector!.Step)
        {
            return;
        }

        foreach (var partition in _collector.Missing())
        {
            Reask(partition, "did not answer before the deadline");
            if (_state != JobState.Running)
            {
                return;
            }
        }

        ArmDeadline();
    }

    private void Reask(int partition, string why)
    {
        if (_collector!.Attempt(partition) >= _services.Settings.MaxAttempts)
        {
            Fail(
                $"Partition {partition} {why} in {_services.Settings.MaxAttempts} attempts of step {_step}; " +
                "check the workers.",
                false);
            return;
        }

        var attempt = _collector.NextAttempt(partition);
        _log.Warning(
            "job={0} step {1}: partition {2} {3}; asking again (attempt {4})", _jobId, _step, partition, why, attempt);
        _services.Region.Tell(new PartitionCommands.ComputeStatistics(
            _jobId, partition, _step, attempt, _dataset!, _fit!.ParametersToEvaluate, _fit.PrecisionToEvaluate));
    }

    /// <summary>Drops the progress entries of the iterations auto precision discarded (they are redone).</summary>
    private static void ForgetRolledBack(List<ProgressEntry> history, int init, PrecisionRollback rollback) =>
        history.RemoveAll(e => e.Init == init && e.Iteration >= rollback.RedoneFrom);

    private sealed record DeadlinePassed(int Step);
}

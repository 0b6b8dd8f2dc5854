using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using AiMass.Coordinator.Cli;
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
    }

    private void Reducing()
    {
        TrackReachability();
        Receive<ClusterEvent.MemberRemoved>(OnRemovedBetweenSteps); // the next step goes to live workers
        Receive<Reduced>(OnReduced);
        Receive<ReduceFailed>(f =>
        {
            var (message, isInput) = Describe(f.Error);
            Fail(message, isInput);
        });
        Receive<PartitionEvents.StatisticsComputed>(_ => { }); // late duplicates of the finished step
        Receive<PartitionEvents.StatisticsFailed>(_ => { });
        Receive<DeadlinePassed>(_ => { });
        Receive<LostPartitionsDue>(_ => { });
        Receive<JobCommands.CancelJob>(_ => Cancel());
    }

    private void StartStep()
    {
        _step++;
        _collector = new StepCollector(_step, Partitions);
        _stepStarted = Stopwatch.GetTimestamp();
        _meter.Started();
        var (parameters, precision) = (_fit!.ParametersToEvaluate, _fit.PrecisionToEvaluate);
        for (var p = 0; p < Partitions; p++)
        {
            var request = new PartitionCommands.ComputeStatistics(
                _jobId, p, _step, 1, _dataset!, parameters, precision);
            _services.Region.Tell(request);
            if (p == 0)
            {
                _meter.Sent(request, Partitions); // the requests differ only in the partition index
            }
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

        _meter.Received(reply);
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

    /// <summary>
    /// Adds the statistics in partition order, runs the M-step and saves the checkpoint on a long-running task,
    /// over copies of the actor's state; the outcome returns to the mailbox as <see cref="Reduced"/> or
    /// <see cref="ReduceFailed"/>.
    /// </summary>
    private void StartReduction()
    {
        var (fit, collector, step, store) = (_fit!, _collector!, _step, _services.Store);
        var (id, spec, history) = (_jobId, _spec, _history.ToList());
        var started = _stepStarted;
        var status = Status();
        Task.Factory.StartNew(
                () =>
                {
                    var init = fit.InitIndex;
                    var scoring = fit.Phase == EmPhase.Scoring;
                    var eStepMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    var sum = collector.SumInPartitionOrder();
                    var reduceMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds - eStepMs;
                    var record = fit.Submit(sum, eStepMs);
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    var phases = new StepPhases(eStepMs, reduceMs, ms - eStepMs - reduceMs);
                    var (slowPartition, slowMs, slowWorker) = collector.Slowest;
                    var entry = record is null
                        ? null
                        : new ProgressEntry(
                            init, record.Iteration, record.LowerBound,
                            double.IsFinite(record.Change) ? record.Change : null, ms, slowPartition, slowMs,
                            slowWorker);
                    if (entry is not null)
                    {
                        history.Add(entry);
                    }
                    else if (fit.LastRollback is { } rollback)
                    {
                        ForgetRolledBack(history, init, rollback);
                    }

                    if (fit.Phase == EmPhase.Done)
                    {
                        return new Reduced(
                            init, record, entry, scoring, ModelFile.Serialize(fit.Result), ms, phases,
                            fit.LastRollback);
                    }

                    // Checkpoint after every M-step: a restarted coordinator continues from here.
                    var saved = status with { History = history, IterationsTotal = history.Count };
                    store.Save(new JobCheckpoint(id, spec, saved, step, FitStateCodec.Encode(fit.Snapshot()), null));
                    return new Reduced(init, record, entry, scoring, null, ms, phases, fit.LastRollback);
                },
                TaskCreationOptions.LongRunning)
            .ContinueWith(
                t => t.IsCompletedSuccessfully ? t.Result : (object)new ReduceFailed(t.Exception!),
                TaskScheduler.Default)
            .PipeTo(Self);
    }

    private void OnReduced(Reduced reduced)
    {
        var (slowPartition, slowMs, slowWorker) = _collector!.Slowest;
        var phases = reduced.Phases;
        Context.Parent.Tell(new JobMessages.StepTimed(_meter.Reduced(
            _step, phases.EStepMs, phases.ReduceMs, phases.MStepMs, reduced.Record?.LowerBound)));
        if (reduced.Record is { } record)
        {
            _history.Add(reduced.Entry!);
            _log.Info(
                $"job={_jobId} iteration {record.Iteration} (init {reduced.Init + 1}/{_fit!.InitCount}) " +
                $"lower_bound {record.LowerBound:F8} change {ConsoleFitObserver.FormatChange(record.Change)} " +
                $"partitions {Partitions}/{Partitions} {reduced.Milliseconds:F1} ms, " +
                $"slowest partition {slowPartition} ({slowMs:F1} ms) on {slowWorker}");
        }
        else if (reduced.Rollback is { } rollback)
        {
            ForgetRolledBack(_history, reduced.Init, rollback);
            _log.Info(
                $"job={_jobId} iteration {rollback.Iteration} (init {reduced.Init + 1}/{_fit!.InitCount}): change " +
                $"{rollback.Change:E3} from float32 values is not above {rollback.Threshold:E1}; redoing from " +
                $"iteration {rollback.RedoneFrom} in float64");
        }
        else if (reduced.WasScoring)
        {
            _log.Info(
                $"job={_jobId} scored the final model over {Partitions} partitions in {reduced.Milliseconds:F1} ms");
        }

        if (reduced.ModelJson is { } model)
        {
            Succeed(model);
            return;
        }

        Become(Running);
        StartStep();
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
        var request = new PartitionCommands.ComputeStatistics(
            _jobId, partition, _step, attempt, _dataset!, _fit!.ParametersToEvaluate, _fit.PrecisionToEvaluate);
        _services.Region.Tell(request);
        _meter.Sent(request);
    }

    /// <summary>Drops the progress entries of the iterations auto precision discarded (they are redone).</summary>
    private static void ForgetRolledBack(List<ProgressEntry> history, int init, PrecisionRollback rollback) =>
        history.RemoveAll(e => e.Init == init && e.Iteration >= rollback.RedoneFrom);

    private sealed record DeadlinePassed(int Step);


    private sealed record Reduced(
        int Init, IterationRecord? Record, ProgressEntry? Entry, bool WasScoring, string? ModelJson,
        double Milliseconds, StepPhases Phases, PrecisionRollback? Rollback = null);

    /// <summary>An iteration's phases: E-step (requests out until all statistics in), reduction, M-step.</summary>
    private sealed record StepPhases(double EStepMs, double ReduceMs, double MStepMs);

    private sealed record ReduceFailed(Exception Error);
}

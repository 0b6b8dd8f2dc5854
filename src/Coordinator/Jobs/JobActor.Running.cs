using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using AiMass.Coordinator.Cli;
using AiMass.Kernels;
using AiMass.Kernels.Em;
using AiMass.Kernels.Models;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Jobs;

/// <summary>The running states of <see cref="JobActor"/>: collecting a step, reducing it, finishing.</summary>
public sealed partial class JobActor
{
    private void Running()
    {
        Receive<PartitionEvents.StatisticsComputed>(OnStatistics);
        Receive<PartitionEvents.StatisticsFailed>(OnPartitionFailed);
        Receive<DeadlinePassed>(OnDeadline);
        Receive<JobCommands.CancelJob>(_ => Cancel());
    }

    private void Reducing()
    {
        Receive<Reduced>(OnReduced);
        Receive<ReduceFailed>(f =>
        {
            var (message, isInput) = Describe(f.Error);
            Fail(message, isInput);
        });
        Receive<PartitionEvents.StatisticsComputed>(_ => { }); // late duplicates of the finished step
        Receive<PartitionEvents.StatisticsFailed>(_ => { });
        Receive<DeadlinePassed>(_ => { });
        Receive<JobCommands.CancelJob>(_ => Cancel());
    }

    private void StartStep()
    {
        _step++;
        _collector = new StepCollector(_step, Partitions);
        _stepStarted = Stopwatch.GetTimestamp();
        var parameters = _fit!.ParametersToEvaluate;
        for (var p = 0; p < Partitions; p++)
        {
            _region.Tell(new PartitionCommands.ComputeStatistics(_jobId, p, _step, 1, _dataset!, parameters));
        }

        ArmDeadline();
        Publish();
    }

    private void ArmDeadline()
    {
        var wait = _step == 1 ? _settings.FirstStepDeadline : _settings.StepDeadline;
        Timers.StartSingleTimer("deadline", new DeadlinePassed(_step), wait);
    }

    private void OnStatistics(PartitionEvents.StatisticsComputed reply)
    {
        if (!_collector!.Accept(reply))
        {
            return; // stale or duplicate: requests are idempotent, so later copies carry nothing new
        }

        Context.Parent.Tell(new JobMessages.StatusChanged(Status()));
        if (!_collector.IsComplete)
        {
            return;
        }

        Timers.Cancel("deadline");
        Become(Reducing);
        var fit = _fit!;
        var collector = _collector;
        var eStepMs = Stopwatch.GetElapsedTime(_stepStarted).TotalMilliseconds;
        Task.Factory.StartNew(
                () =>
                {
                    var init = fit.InitIndex;
                    var scoring = fit.Phase == EmPhase.Scoring;
                    var record = fit.Submit(collector.SumInPartitionOrder(), eStepMs);
                    var model = fit.Phase == EmPhase.Done ? ModelFile.Serialize(fit.Result) : null;
                    return new Reduced(init, record, scoring, model);
                },
                TaskCreationOptions.LongRunning)
            .ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : (object)new ReduceFailed(t.Exception!), TaskScheduler.Default)
            .PipeTo(Self);
    }

    private void OnReduced(Reduced reduced)
    {
        var (slowPartition, slowMs, slowWorker) = _collector!.Slowest;
        var ms = Stopwatch.GetElapsedTime(_stepStarted).TotalMilliseconds;
        if (reduced.Record is { } record)
        {
            _history.Add(new ProgressEntry(
                reduced.Init, record.Iteration, record.LowerBound, double.IsFinite(record.Change) ? record.Change : null,
                ms, slowPartition, slowMs, slowWorker));
            _log.Info(
                $"job={_jobId} iteration {record.Iteration} (init {reduced.Init + 1}/{_fit!.InitCount}) " +
                $"lower_bound {record.LowerBound:F8} change {ConsoleFitObserver.FormatChange(record.Change)} " +
                $"partitions {Partitions}/{Partitions} {ms:F1} ms, slowest partition {slowPartition} " +
                $"({slowMs:F1} ms) on {slowWorker}");
        }
        else if (reduced.WasScoring)
        {
            _log.Info("job={0} scored the final model over {1} partitions in {2:F1} ms", _jobId, Partitions, ms);
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
        if (_collector!.Attempt(partition) >= _settings.MaxAttempts)
        {
            Fail($"Partition {partition} {why} in {_settings.MaxAttempts} attempts of step {_step}; check the workers.", false);
            return;
        }

        var attempt = _collector.NextAttempt(partition);
        _log.Warning("job={0} step {1}: partition {2} {3}; asking again (attempt {4})", _jobId, _step, partition, why, attempt);
        _region.Tell(new PartitionCommands.ComputeStatistics(
            _jobId, partition, _step, attempt, _dataset!, _fit!.ParametersToEvaluate));
    }

    private sealed record DeadlinePassed(int Step);

    private sealed record Reduced(int Init, IterationRecord? Record, bool WasScoring, string? ModelJson);

    private sealed record ReduceFailed(Exception Error);
}

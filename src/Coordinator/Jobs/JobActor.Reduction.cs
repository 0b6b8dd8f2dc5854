using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using AiMass.Coordinator.Fitting;
using AiMass.Kernels.Em;
using AiMass.Kernels.Models;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// The reduction of <see cref="JobActor"/>: adding a step's statistics and the M-step, on a background task that
/// works on its own copy of the fit (restored from a snapshot of the actor's) and hands the advanced copy back; the
/// actor then logs the iteration, checkpoints through the writer, and starts the next step.
/// </summary>
public sealed partial class JobActor
{
    private void Reducing()
    {
        TrackReachability();
        Receive<ClusterEvent.MemberRemoved>(OnRemovedBetweenSteps); // the next step goes to live workers
        Receive<Reduced>(OnReduced);
        Receive<ReduceFailed>(f =>
        {
            _work = null;
            var (message, isInput) = Describe(f.Error);
            Fail(message, isInput);
        });
        IgnoreTheFinishedStep();
        Receive<JobCommands.CancelJob>(_ => Cancel());
        WatchTheStore();
    }

    /// <summary>
    /// Rounds the step's order-independent total to float64 statistics and runs the M-step on a long-running task.
    /// The task restores its own <see cref="EmFit"/> from a snapshot taken here (EmFit is mutable; the actor's is never touched off its thread),
    /// reads the collector (which the actor no longer changes in this state), and returns the advanced fit with its
    /// encoded state as <see cref="Reduced"/>, or <see cref="ReduceFailed"/>.
    /// </summary>
    private void StartReduction()
    {
        var (plan, snapshot, collector, started) = (_plan!, _fit!.Snapshot(), _collector!, _stepStarted);
        RunInBackground(() => Reduce(plan, snapshot, collector, started), r => r, e => new ReduceFailed(e));
    }

    private static Reduced Reduce(FitPlan plan, EmFitState snapshot, StepLedger collector, long started)
    {
        var fit = EmFit.Restore(plan.Model, plan.Initial, plan.InitCount, plan.Settings, snapshot);
        var init = fit.InitIndex;
        var scoring = fit.Phase == EmPhase.Scoring;
        var eStepMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var sum = collector.Sum();
        var reduceMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds - eStepMs;
        var record = fit.Submit(sum, eStepMs);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var phases = new StepPhases(eStepMs, reduceMs, ms - eStepMs - reduceMs);
        var (slowPartition, slowMs, slowWorker) = collector.Slowest;
        var entry = record is null
            ? null
            : new ProgressEntry(
                init, record.Iteration, record.LowerBound, double.IsFinite(record.Change) ? record.Change : null, ms,
                slowPartition, slowMs, slowWorker);
        return fit.Phase == EmPhase.Done
            ? new Reduced(
                fit, init, record, entry, scoring, ModelFile.Serialize(fit.Result), null, ms, phases, fit.LastRollback)
            : new Reduced(
                fit, init, record, entry, scoring, null, FitStateCodec.Encode(fit.Snapshot()), ms, phases,
                fit.LastRollback);
    }

    private void OnReduced(Reduced reduced)
    {
        _work = null;
        _fit = reduced.Fit;
        var (slowPartition, slowMs, slowWorker) = _collector!.Slowest;
        var phases = reduced.Phases;
        Context.Parent.Tell(new JobMessages.StepTimed(_meter.Reduced(
            _step, phases.EStepMs, phases.ReduceMs, phases.MStepMs, reduced.Record?.LowerBound)));
        if (reduced.Record is { } record)
        {
            _history.Add(reduced.Entry!);
            _log.Info(
                $"job={_jobId} iteration {record.Iteration} (init {reduced.Init + 1}/{_fit.InitCount}) " +
                $"lower_bound {record.LowerBound:F8} change {LowerBoundChange.Format(record.Change)} " +
                $"partitions {Partitions}/{Partitions} {reduced.Milliseconds:F1} ms, " +
                $"slowest partition {slowPartition} ({slowMs:F1} ms) on {slowWorker}");
        }
        else if (reduced.Rollback is { } rollback)
        {
            ForgetRolledBack(_history, reduced.Init, rollback);
            _log.Info(
                $"job={_jobId} iteration {rollback.Iteration} (init {reduced.Init + 1}/{_fit.InitCount}): change " +
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

        // Checkpoint after every M-step: a restarted coordinator continues from here. The manager hears of the
        // iteration now, so that a crash before the next step's first reply does not lose it from the job's record.
        Checkpoint(reduced.EncodedState);
        Publish();
        if (_storeFault is not null)
        {
            Become(Paused); // the next step waits until the store takes a write again
            return;
        }

        Become(Running);
        StartStep();
    }

    private sealed record Reduced(
        EmFit Fit, int Init, IterationRecord? Record, ProgressEntry? Entry, bool WasScoring, string? ModelJson,
        byte[]? EncodedState, double Milliseconds, StepPhases Phases, PrecisionRollback? Rollback);

    /// <summary>An iteration's phases: E-step (requests out until all statistics in), reduction, M-step.</summary>
    private sealed record StepPhases(double EStepMs, double ReduceMs, double MStepMs);

    private sealed record ReduceFailed(Exception Error);
}

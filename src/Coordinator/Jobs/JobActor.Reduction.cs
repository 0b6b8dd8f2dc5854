using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using AiMass.Coordinator.Cli;
using AiMass.Coordinator.Persistence;
using AiMass.Kernels.Em;
using AiMass.Kernels.Models;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;

namespace AiMass.Coordinator.Jobs;

/// <summary>The reduction of <see cref="JobActor"/>: adding a step's statistics, the M-step, the checkpoint.</summary>
public sealed partial class JobActor
{
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
                    var record = fit.Submit(collector.SumInPartitionOrder(), eStepMs);
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
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

                    if (fit.Phase == EmPhase.Done)
                    {
                        return new Reduced(init, record, entry, scoring, ModelFile.Serialize(fit.Result), ms);
                    }

                    // Checkpoint after every M-step: a restarted coordinator continues from here.
                    var saved = status with { History = history, IterationsTotal = history.Count };
                    store.Save(new JobCheckpoint(id, spec, saved, step, FitStateCodec.Encode(fit.Snapshot()), null));
                    return new Reduced(init, record, entry, scoring, null, ms);
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
        if (reduced.Record is { } record)
        {
            _history.Add(reduced.Entry!);
            _log.Info(
                $"job={_jobId} iteration {record.Iteration} (init {reduced.Init + 1}/{_fit!.InitCount}) " +
                $"lower_bound {record.LowerBound:F8} change {ConsoleFitObserver.FormatChange(record.Change)} " +
                $"partitions {Partitions}/{Partitions} {reduced.Milliseconds:F1} ms, " +
                $"slowest partition {slowPartition} ({slowMs:F1} ms) on {slowWorker}");
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

    private sealed record Reduced(
        int Init, IterationRecord? Record, ProgressEntry? Entry, bool WasScoring, string? ModelJson,
        double Milliseconds);

    private sealed record ReduceFailed(Exception Error);
}

using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using AiMass.Coordinator.Fitting;
using AiMass.Coordinator.Persistence;
using AiMass.Kernels.Em;
using AiMass.Kernels.Input;
using AiMass.Seed.Data.Storage;
using AiMass.Seed.Jobs;
using AiMass.Seed.Protocol;
using AiMass.Seed.Serialization;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// How a <see cref="JobActor"/> gets ready: first the check (open the dataset's header, validate the options and
/// <see cref="PlanLimits"/>; a new job is accepted or rejected on its outcome, at once), then the planning (sample
/// rows, k-means++ — the state <see cref="JobState.Planning"/>). Both run off the dispatcher and stop at a cancel.
/// </summary>
public sealed partial class JobActor
{
    private void Checking(JobCheckpoint? resume)
    {
        var (spec, suggested, token) = (_spec, _partitionsDefaulted && resume is null, _cancel.Token);
        var (rootFolders, access) = (_services.Settings.DataRoots, DataAccess.For(_services.Settings.DataAccess));
        RunInBackground(
            () => Check(spec, suggested, DataRoots.Of(rootFolders), access, token), c => c, e => new PlanningFailed(e));
        Receive<Checked>(c => OnChecked(c, resume));
        Receive<PlanningFailed>(f => OnPlanningFailed(f, resume));
        WhilePlanning();
    }

    private void OnChecked(Checked check, JobCheckpoint? resume)
    {
        _work = null;
        (_layout, _plan, _spec, _summary) = (check.Layout, check.Plan, check.Spec, check.Summary);
        _dataset = DatasetRef.From(_spec, Partitions) with { Fingerprint = check.Layout.Fingerprint };
        if (resume is null)
        {
            Context.Parent.Tell(new JobMessages.Accepted(_jobId, _replyTo));
            _replyTo = ActorRefs.Nobody;
            Checkpoint(null); // the job id the submitter now holds survives a coordinator restart
            _log.Info($"job={_jobId} accepted: {_summary}; planning");
        }

        Publish();
        var (plan, state, token) = (check.Plan, resume?.FitState, _cancel.Token);
        RunInBackground(() => Initialise(plan, state, token), i => i, e => new PlanningFailed(e));
        Become(() => Initialising(resume));
    }

    private void Initialising(JobCheckpoint? resume)
    {
        Receive<Initialised>(initialised =>
        {
            _work = null;
            _fit = initialised.Fit;
            _state = JobState.Running;
            _log.Info(resume?.FitState is null
                ? $"job={_jobId} planned; starting: {_summary}"
                : $"job={_jobId} resumed from its checkpoint after step {_step} ({_history.Count} iterations done): " +
                  $"{_summary}");
            if (initialised.EncodedState is { } encoded)
            {
                Checkpoint(encoded); // a restart continues from the initial model rather than planning again
            }

            if (_storeFault is not null)
            {
                Become(Paused); // the first step waits until the store takes a write again
                return;
            }

            Become(Running);
            StartStep();
        });
        Receive<PlanningFailed>(f => OnPlanningFailed(f, resume));
        WhilePlanning();
    }

    private void WhilePlanning()
    {
        Receive<JobCommands.CancelJob>(_ => Cancel());
        Receive<ClusterEvent.MemberRemoved>(_ => { }); // nothing was asked yet
        Receive<ClusterEvent.IReachabilityEvent>(_ => { });
        WatchTheStore();
    }

    private void OnPlanningFailed(PlanningFailed failed, JobCheckpoint? resume)
    {
        _work = null;
        var (message, isInput) = Describe(failed.Error);
        if (resume is null && !_replyTo.IsNobody())
        {
            // Refused before it was accepted: the submitter hears why, and nothing is stored.
            _log.Warning("job={0} rejected: {1}", _jobId, message);
            Context.Parent.Tell(new JobMessages.Rejected(_jobId, _replyTo, message, isInput));
            Context.Stop(Self);
            return;
        }

        Fail(message, isInput);
    }

    /// <summary>Opens the dataset's header and checks the options against it (a <paramref name="suggested"/>
    /// partition count is first fitted to the data). Reads no rows except a categorical HMM's symbol count. Its files
    /// must lie inside the coordinator's data <paramref name="roots"/>.</summary>
    private static Checked Check(
        FitSpec spec, bool suggested, DataRoots roots, DataAccess access, CancellationToken token)
    {
        if (suggested)
        {
            spec = spec with
            {
                Partitions = FitPlanner.DefaultPartitions(spec, spec.Partitions!.Value, roots, access),
            };
        }

        var layout = DatasetLayout.Open(spec, spec.Partitions!.Value, access, roots);
        try
        {
            var plan = FitPlanner.Create(spec, layout.Data, layout.Weights, token);
            var summary = $"{plan.Summary} on {layout.Data.Name} ({layout.Data.Rows} rows × {layout.Data.Features} " +
                $"features, {layout.Partitions.Count} partitions)";
            return new Checked(layout, plan, spec, summary);
        }
        catch
        {
            layout.Dispose();
            throw;
        }
    }

    /// <summary>Builds the first initial model (sampling and k-means++), or restores a checkpointed fit.</summary>
    private static Initialised Initialise(FitPlan plan, byte[]? state, CancellationToken token)
    {
        if (state is not null)
        {
            var restored = EmFit.Restore(
                plan.Model, plan.Initial, plan.InitCount, plan.Settings, FitStateCodec.Decode(state));
            return new Initialised(restored, null);
        }

        var fit = plan.StartFit();
        token.ThrowIfCancellationRequested();
        return new Initialised(fit, FitStateCodec.Encode(fit.Snapshot()));
    }

    private sealed record Checked(DatasetLayout Layout, FitPlan Plan, FitSpec Spec, string Summary);

    private sealed record Initialised(EmFit Fit, byte[]? EncodedState);

    private sealed record PlanningFailed(Exception Error);
}

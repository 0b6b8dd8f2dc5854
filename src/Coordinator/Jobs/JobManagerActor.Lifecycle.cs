using Akka.Actor;
using Akka.Event;
using AiMass.Coordinator.Persistence;
using AiMass.Seed.Protocol;
using static AiMass.Coordinator.Jobs.JobStoreWrites;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// The job manager's lifecycle: loading the store (retried with backoff while it fails), resuming stored jobs, one
/// writer per job, and what a crashed child means: the job fails with the exception's message, stored as final.
/// </summary>
public sealed partial class JobManagerActor
{
    private readonly Dictionary<IActorRef, Exception> _crashes = [];
    private TimeSpan _loadBackoff = TimeSpan.Zero;

    private void LoadStore() =>
        _services.Store.LoadAllAsync().PipeTo(Self, success: jobs => new Loaded(jobs), failure: e => new LoadFailed(e));

    private void Loading()
    {
        Receive<Loaded>(loaded =>
        {
            Restore(loaded.Jobs);
            Become(Ready);
            Stash.UnstashAll();
            StartRetention();
        });
        Receive<LoadFailed>(failed =>
        {
            _loadBackoff = _loadBackoff == TimeSpan.Zero
                ? _services.Settings.StoreRetryInitial
                : TimeSpan.FromTicks(Math.Min(_loadBackoff.Ticks * 2, _services.Settings.StoreRetryMax.Ticks));
            _log.Error(
                "the job store {0} cannot be read ({1}); no job is accepted until it can; trying again in {2:F0} s",
                _services.Store.Location, failed.Error.Message, _loadBackoff.TotalSeconds);
            Timers.StartSingleTimer("load", new LoadDue(), _loadBackoff);
        });
        Receive<LoadDue>(_ => LoadStore());
        HandleWorkers();
        ReceiveAny(_ => Stash.Stash());
    }

    /// <summary>Finished jobs come back for queries; running and planning ones resume from their row.</summary>
    private void Restore(IReadOnlyList<JobCheckpoint> stored)
    {
        _log.Info($"job store: {_services.Store.Location}, {stored.Count} job(s)");
        foreach (var checkpoint in stored)
        {
            var status = checkpoint.Status;
            if (status.IsFinal)
            {
                _jobs[checkpoint.JobId] = new JobRecord(
                    ActorRefs.Nobody, ActorRefs.Nobody, status, checkpoint.ModelJson, checkpoint.Spec,
                    ActorRefs.Nobody);
                continue;
            }

            var writer = StartWriter(checkpoint.JobId);
            var child = Context.Watch(Context.ActorOf(
                JobActor.Props(checkpoint.JobId, checkpoint.Spec, _services, writer, checkpoint, ActorRefs.Nobody),
                checkpoint.JobId));
            _jobs[checkpoint.JobId] = new JobRecord(child, writer, status, null, checkpoint.Spec, ActorRefs.Nobody);
            _log.Info(checkpoint.FitState is null
                ? $"job={checkpoint.JobId} found planning in the job store; planning it again"
                : $"job={checkpoint.JobId} found running in the job store; resuming after step {checkpoint.Step}");
        }
    }

    private IActorRef StartWriter(string jobId) => Context.Watch(Context.ActorOf(
        JobStoreWriterActor.Props(jobId, _services.Store, _services.Settings), WriterName(jobId)));

    private static string WriterName(string jobId) => $"store-{jobId}";

    /// <summary>Called by <see cref="JobCrashStrategy"/> on this actor's thread: the child is being stopped; the
    /// crash is handled once it has terminated (its dataset released).</summary>
    private void NoteCrash(IActorRef child, Exception cause) => _crashes[child] = cause;

    private void OnTerminated(Terminated terminated)
    {
        var child = terminated.ActorRef;
        var isWriter = child.Path.Name.StartsWith("store-", StringComparison.Ordinal);
        var id = isWriter ? child.Path.Name["store-".Length..] : child.Path.Name;
        _crashes.Remove(child, out var cause);
        if (!_jobs.TryGetValue(id, out var record))
        {
            return;
        }

        record = isWriter ? record with { Writer = ActorRefs.Nobody } : record with { Actor = ActorRefs.Nobody };
        _jobs[id] = record;
        if (cause is not null)
        {
            OnCrashed(id, isWriter ? "store writer" : "actor", cause);
        }

        DeleteWhenSettled(id);
    }

    /// <summary>A job's actor or writer threw: the job fails with the exception's message, stored as final.</summary>
    private void OnCrashed(string id, string what, Exception cause)
    {
        var record = _jobs[id];
        _log.Error(cause, "job={0}: its {1} failed", id, what);
        if (!record.Actor.IsNobody())
        {
            Context.Stop(record.Actor); // a job whose writer is gone cannot checkpoint
        }
        if (record.Status.IsFinal)
        {
            return; // it had ended already; its final state stands
        }

        var message = $"The job's {what} failed: {cause.GetType().Name}: {cause.Message} (a bug in AiMass; the " +
            "coordinator's log has the stack trace). Submit the job again.";
        if (!record.ReplyTo.IsNobody())
        {
            record.ReplyTo.Tell(new JobCommands.JobRejected(message, false)); // never accepted, so never stored
            if (!record.Writer.IsNobody())
            {
                Context.Stop(record.Writer);
            }

            _jobs.Remove(id);
            return;
        }

        // The job's partitions may be on any worker node (placement was the crashed actor's): every node frees them.
        foreach (var worker in Akka.Cluster.Cluster.Get(Context.System).State.Members.Where(m => m.HasRole("worker")))
        {
            Context.ActorSelection(Worker.Partitions.WorkerNodeActor.PathOn(worker.Address.ToString()))
                .Tell(new NodeCommands.ReleaseJob(id, []));
        }

        var status = record.Status with
        {
            State = JobState.Failed, Error = message, InputError = false, FinishedAt = DateTimeOffset.UtcNow,
        };
        var writer = record.Writer.IsNobody() ? StartWriter(id) : record.Writer;
        _jobs[id] = record with { Status = status, Writer = writer };
        writer.Tell(new Save(new JobCheckpoint(id, record.Spec, status, status.IterationsTotal, null, null)));
    }

    /// <summary>Replies to the final rows this manager writes for crashed jobs.</summary>
    private void HandleCrashWrites()
    {
        Receive<Saved>(_ => { });
        Receive<StoreFaulted>(_ => { }); // the writer logs it and retries
        Receive<SaveRefused>(refused =>
        {
            if (_jobs.TryGetValue(refused.JobId, out var record))
            {
                _jobs[refused.JobId] = record with { Status = refused.FinalInStore };
            }
        });
        Receive<SaveFailed>(f => _log.Error("job={0} its failure could not be stored: {1}", f.JobId, f.Reason));
    }

    private sealed record Loaded(IReadOnlyList<JobCheckpoint> Jobs);

    private sealed record LoadFailed(Exception Error);

    private sealed record LoadDue;
}

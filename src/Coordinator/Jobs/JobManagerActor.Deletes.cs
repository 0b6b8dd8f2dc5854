using Akka.Actor;
using Akka.Event;
using AiMass.Coordinator.Persistence;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// Deleting finished jobs: on request (<c>aimass jobs delete</c>; a job that has not ended must be cancelled first),
/// and by retention (<see cref="Seed.Hosting.NodeSettings.KeepJobs"/>,
/// <see cref="Seed.Hosting.NodeSettings.KeepDays"/>) at start and every
/// <see cref="Seed.Hosting.NodeSettings.RetentionInterval"/>. A delete waits until the job's actor and writer have
/// stopped, so that no write can follow it.
/// </summary>
public sealed partial class JobManagerActor
{
    private readonly Dictionary<string, List<IActorRef>> _deletes = [];
    private readonly HashSet<string> _deleting = [];

    private void HandleDeletes()
    {
        Receive<JobCommands.DeleteJob>(Delete);
        Receive<Deleted>(deleted =>
        {
            _deleting.Remove(deleted.JobId);
            _jobs.Remove(deleted.JobId);
            _log.Info("job={0} deleted", deleted.JobId);
            Answer(deleted.JobId, new JobCommands.JobDeleted(deleted.JobId));
        });
        Receive<DeleteFailed>(failed =>
        {
            _deleting.Remove(failed.JobId);
            var reason = failed.Error is JobStoreException ? failed.Error.Message : failed.Error.ToString();
            _log.Warning("job={0} could not be deleted: {1}", failed.JobId, reason);
            Answer(failed.JobId, new JobCommands.JobNotDeleted(
                failed.JobId, $"{reason}; the job is kept; try again once the job store works.", false));
        });
        Receive<RetentionDue>(_ => Prune());
        Receive<Pruned>(pruned =>
        {
            foreach (var id in pruned.JobIds.Where(id => _jobs.TryGetValue(id, out var r) && r.Status.IsFinal))
            {
                _jobs.Remove(id);
            }

            if (pruned.JobIds.Count > 0)
            {
                _log.Info(
                    "retention (keep {0} finished jobs, {1} days): deleted {2} finished job(s)",
                    _services.Settings.KeepJobs, _services.Settings.KeepDays, pruned.JobIds.Count);
            }
        });
        Receive<PruneFailed>(f => _log.Warning("retention not applied this time: {0}", f.Error.Message));
    }

    private void Delete(JobCommands.DeleteJob delete)
    {
        if (!_jobs.TryGetValue(delete.JobId, out var record))
        {
            Sender.Tell(new JobCommands.JobNotFound(delete.JobId));
            return;
        }

        if (!record.Status.IsFinal)
        {
            var state = record.Status.State.ToString().ToLowerInvariant();
            Sender.Tell(new JobCommands.JobNotDeleted(
                delete.JobId,
                $"Job {delete.JobId} is {state}; cancel it first ('aimass cancel {delete.JobId}'), then delete it.",
                true));
            return;
        }

        if (!_deletes.TryGetValue(delete.JobId, out var waiting))
        {
            _deletes[delete.JobId] = waiting = [];
        }

        waiting.Add(Sender);
        DeleteWhenSettled(delete.JobId);
    }

    /// <summary>Deletes a job whose deletion was asked once its actor and writer have stopped.</summary>
    private void DeleteWhenSettled(string id)
    {
        if (_deletes.ContainsKey(id) && _jobs.TryGetValue(id, out var record) && record.Settled
            && _deleting.Add(id))
        {
            _services.Store.DeleteAsync(id).PipeTo(
                Self, success: _ => new Deleted(id), failure: e => new DeleteFailed(id, e));
        }
    }

    private void Answer(string id, object reply)
    {
        if (_deletes.Remove(id, out var waiting))
        {
            waiting.ForEach(w => w.Tell(reply));
        }
    }

    private void StartRetention()
    {
        Prune();
        if (_services.Settings.RetentionInterval > TimeSpan.Zero)
        {
            Timers.StartPeriodicTimer("retention", new RetentionDue(), _services.Settings.RetentionInterval);
        }
    }

    private void Prune()
    {
        var retention = JobRetention.Of(
            _services.Settings.KeepJobs, _services.Settings.KeepDays, DateTimeOffset.UtcNow);
        _services.Store.PruneAsync(retention).PipeTo(
            Self, success: ids => new Pruned(ids), failure: e => new PruneFailed(e));
    }

    private sealed record Deleted(string JobId);

    private sealed record DeleteFailed(string JobId, Exception Error);

    private sealed record RetentionDue;

    private sealed record Pruned(IReadOnlyList<string> JobIds);

    private sealed record PruneFailed(Exception Error);
}

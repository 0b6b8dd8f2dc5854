using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using AiMass.Coordinator.Persistence;
using AiMass.Seed.Protocol;
using static AiMass.Coordinator.Jobs.JobStoreWrites;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// How a <see cref="JobActor"/> meets its job store: checkpoints go to the job's one writer; while the store fails,
/// the job shows <see cref="JobState.Paused"/> with the store's error and starts no new step until a write lands;
/// a store that already holds a final state for the job (another coordinator, a cancel) stops it without a write.
/// </summary>
public sealed partial class JobActor
{
    /// <summary>The store's error while its writes fail (the job shows as paused), else null.</summary>
    private string? _storeFault;

    /// <summary>Sends the job's row as it stands (with <paramref name="fitState"/>, the encoded EM state, if any)
    /// to the writer.</summary>
    private void Checkpoint(byte[]? fitState)
    {
        var status = Status() with { State = _state, Error = _error }; // stored as running, never as paused
        _writer.Tell(new Save(new JobCheckpoint(_jobId, _spec, status, _step, fitState, null)));
    }

    /// <summary>The store replies every running behaviour handles (the ending one has its own).</summary>
    private void WatchTheStore()
    {
        Receive<Saved>(_ => StoreRecovered());
        Receive<StoreFaulted>(OnStoreFaulted);
        Receive<SaveRefused>(StopAsStored);
        Receive<SaveFailed>(f => Fail($"The job's checkpoint could not be written ({f.Reason}).", false));
    }

    /// <summary>Between two steps while the store fails: the next step waits for a write to land.</summary>
    private void Paused()
    {
        TrackReachability();
        Receive<ClusterEvent.MemberRemoved>(OnRemovedBetweenSteps);
        Receive<Saved>(_ =>
        {
            StoreRecovered();
            Become(Running);
            StartStep();
        });
        Receive<StoreFaulted>(OnStoreFaulted);
        Receive<SaveRefused>(StopAsStored);
        Receive<SaveFailed>(f => Fail($"The job's checkpoint could not be written ({f.Reason}).", false));
        IgnoreTheFinishedStep();
        Receive<JobCommands.CancelJob>(_ => Cancel());
    }

    private void OnStoreFaulted(StoreFaulted fault)
    {
        var first = _storeFault is null;
        _storeFault = $"{fault.Reason}; retrying in {fault.RetryIn.TotalSeconds:F0} s (free space on the store's " +
            "disk or bring its database back, and the job continues)";
        Publish();
        if (first)
        {
            _log.Warning(
                "job={0} paused after step {1}: the job store failed ({2}); no new step starts until a checkpoint " +
                "is written", _jobId, _step, fault.Reason);
        }
    }

    private void StoreRecovered()
    {
        if (_storeFault is null)
        {
            return;
        }

        _storeFault = null;
        _log.Info("job={0} continues: the job store accepts its checkpoints again", _jobId);
        Publish();
    }

    /// <summary>
    /// The store holds a final state for this job already (written by another coordinator, or a crash report): that
    /// state stands; the job stops without writing.
    /// </summary>
    private void StopAsStored(SaveRefused refused)
    {
        _log.Warning(
            "job={0} is already {1} in the job store; stopping without overwriting it", _jobId,
            refused.FinalInStore.State.ToString().ToLowerInvariant());
        _state = refused.FinalInStore.State;
        Release();
        Context.Parent.Tell(new JobMessages.StatusChanged(refused.FinalInStore));
        _finalStored = true;
        Become(Ending);
        StopWhenSettled();
    }
}

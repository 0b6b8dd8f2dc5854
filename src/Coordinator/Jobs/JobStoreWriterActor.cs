using Akka.Actor;
using Akka.Event;
using AiMass.Coordinator.Persistence;
using AiMass.Seed.Hosting;
using static AiMass.Coordinator.Jobs.JobStoreWrites;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// The one writer of a job's row in the job store: checkpoints are written one at a time, in the order they
/// arrive, off the actor's thread (the store's task is piped back); a checkpoint that arrives while another is being
/// written waits, and a newer one replaces it (every checkpoint is the whole row). A write that fails with a store
/// error is retried with exponential backoff (<see cref="NodeSettings.StoreRetryInitial"/> doubling to
/// <see cref="NodeSettings.StoreRetryMax"/>) until it lands. The writer stops once a final state is stored.
/// Owned by the job manager, so that a job actor's crash does not lose the order of its writes.
/// </summary>
public sealed class JobStoreWriterActor : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _jobId;
    private readonly IJobStore _store;
    private readonly NodeSettings _settings;
    private Pending? _writing;
    private Pending? _waiting;
    private Task _inFlight = Task.CompletedTask;
    private TimeSpan _backoff = TimeSpan.Zero;

    /// <summary>The writer of job <paramref name="jobId"/>'s row in <paramref name="store"/>.</summary>
    public JobStoreWriterActor(string jobId, IJobStore store, NodeSettings settings)
    {
        (_jobId, _store, _settings) = (jobId, store, settings);
        Receive<Save>(save =>
        {
            _waiting = new Pending(save.Checkpoint, Sender);
            if (_writing is null)
            {
                WriteWaiting();
            }
        });
        Receive<Attempted>(OnAttempted);
        Receive<RetryDue>(_ => WriteWaiting());
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props.</summary>
    public static Props Props(string jobId, IJobStore store, NodeSettings settings) =>
        Akka.Actor.Props.Create(() => new JobStoreWriterActor(jobId, store, settings));

    private void WriteWaiting()
    {
        // After a failure the failed checkpoint is written again, unless a newer one arrived meanwhile.
        _writing = _waiting ?? _writing;
        _waiting = null;
        if (_writing is null)
        {
            return;
        }

        var write = _store.SaveAsync(_writing.Checkpoint);
        _inFlight = write;
        write.PipeTo(Self, success: r => new Attempted(r, null), failure: e => new Attempted(null, e));
    }

    /// <summary>
    /// Stopped with a checkpoint not yet stored (the coordinator stops right after a cancel, or during a store fault):
    /// the newest is written after the one in flight, in the background, as a last attempt; if the process ends
    /// first, a restart resumes the job from the row the store holds.
    /// </summary>
    protected override void PostStop()
    {
        if ((_waiting ?? _writing) is { } last)
        {
            var store = _store;
            _inFlight.ContinueWith(
                _ => store.SaveAsync(last.Checkpoint), CancellationToken.None, TaskContinuationOptions.None,
                TaskScheduler.Default);
        }
    }

    private void OnAttempted(Attempted attempt)
    {
        var pending = _writing!;
        var error = attempt.Error is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0]
            : attempt.Error;
        switch (attempt.Result, error)
        {
            case ({ Saved: true }, _):
                Settled(pending, new Saved(_jobId, pending.Checkpoint.Status.State, pending.Checkpoint.Step));
                break;
            case ({ FinalInStore: { } final }, _):
                Settled(pending, new SaveRefused(_jobId, final));
                break;
            case (_, JobStoreException fault):
                _backoff = _backoff == TimeSpan.Zero
                    ? _settings.StoreRetryInitial
                    : TimeSpan.FromTicks(Math.Min(_backoff.Ticks * 2, _settings.StoreRetryMax.Ticks));
                _log.Warning(
                    "job={0} checkpoint of step {1} not stored: {2}; the job waits, and the write is retried in " +
                    "{3:F0} s", _jobId, pending.Checkpoint.Step, fault.Message, _backoff.TotalSeconds);
                pending.ReplyTo.Tell(new StoreFaulted(_jobId, fault.Message, _backoff));
                Timers.StartSingleTimer("retry", new RetryDue(), _backoff);
                break;
            default:
                _log.Error(
                    error, "job={0} checkpoint of step {1} could not be written", _jobId, pending.Checkpoint.Step);
                Settled(pending, new SaveFailed(_jobId, $"{error?.GetType().Name}: {error?.Message}"));
                break;
        }
    }

    private void Settled(Pending pending, object reply)
    {
        if (_backoff != TimeSpan.Zero)
        {
            _log.Info("job={0} the job store {1} accepts writes again", _jobId, _store.Location);
        }

        _backoff = TimeSpan.Zero;
        _writing = null;
        pending.ReplyTo.Tell(reply);
        if (_waiting is not null)
        {
            WriteWaiting();
        }
        else if (pending.Checkpoint.Status.IsFinal || reply is SaveRefused)
        {
            Context.Stop(Self); // nothing can follow a final state
        }
    }
}

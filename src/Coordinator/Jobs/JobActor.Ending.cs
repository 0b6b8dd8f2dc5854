using Akka.Actor;
using Akka.Event;
using AiMass.Coordinator.Persistence;
using AiMass.Kernels;
using AiMass.Kernels.Input;
using AiMass.Seed.Protocol;
using static AiMass.Coordinator.Jobs.JobStoreWrites;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// How a <see cref="JobActor"/> ends (succeeded, failed, cancelled): it stops its background work, releases its
/// partitions, sends its final row to the writer, and stops once the row is stored (or refused) and no background
/// task still holds the dataset. A cancel is honoured in every state before the end.
/// </summary>
public sealed partial class JobActor
{
    private bool _finalStored;

    private void Succeed(string modelJson)
    {
        _state = JobState.Succeeded;
        var result = _fit!.Result;
        _log.Info(
            "job={0} succeeded: {1} after {2} iterations, lower_bound {3:F8}, log-likelihood {4:G10}",
            _jobId, result.Converged ? "converged" : "not converged", result.Iterations, result.LowerBound,
            result.LogLikelihood);
        End(modelJson);
    }

    private void Fail(string message, bool isInput)
    {
        _state = JobState.Failed;
        message = SecretValues.Redact(message);
        _error = message;
        _inputError = isInput;
        _log.Warning("job={0} failed: {1}", _jobId, message);
        End(null);
    }

    private void Cancel()
    {
        if (!_replyTo.IsNobody())
        {
            // Cancelled before the check answered: the submitter still gets the id (whose state says cancelled).
            Context.Parent.Tell(new JobMessages.Accepted(_jobId, _replyTo));
            _replyTo = ActorRefs.Nobody;
        }

        _state = JobState.Cancelled;
        _error = null;
        _log.Info("job={0} cancelled{1}", _jobId, _work is null ? "" : "; its background work stops");
        End(null);
    }

    private void End(string? modelJson)
    {
        _finished = DateTimeOffset.UtcNow;
        Release();
        var status = Status();
        _writer.Tell(new Save(new JobCheckpoint(_jobId, _spec, status, _step, null, modelJson)));
        Context.Parent.Tell(new JobMessages.StatusChanged(status, modelJson));
        Become(Ending);
    }

    /// <summary>
    /// Stops timers and background work and frees the job on the worker nodes — once any was asked (by this actor, or
    /// before a restart): <see cref="ReleaseWorkers"/> tells every live worker, since a resumed job does not know
    /// where its first life placed partitions.
    /// </summary>
    private void Release()
    {
        Timers.CancelAll();
        _cancel.Cancel();
        if (_dataset is not null && (_collector is not null || _step > 0))
        {
            ReleaseWorkers();
        }
    }

    /// <summary>Waiting for the final row to be stored and the background work to return.</summary>
    private void Ending()
    {
        Receive<Saved>(saved =>
        {
            _finalStored |= saved.State is JobState.Succeeded or JobState.Failed or JobState.Cancelled;
            StopWhenSettled();
        });
        Receive<SaveRefused>(refused =>
        {
            if (refused.FinalInStore.State != _state)
            {
                _log.Warning("job={0} ended {1}, but the job store already holds it as {2}, which stands", _jobId,
                    _state.ToString().ToLowerInvariant(), refused.FinalInStore.State.ToString().ToLowerInvariant());
                Context.Parent.Tell(new JobMessages.StatusChanged(refused.FinalInStore));
            }

            _finalStored = true;
            StopWhenSettled();
        });
        Receive<SaveFailed>(failed =>
        {
            _log.Error($"job={_jobId} could not store its final state ({failed.Reason}); after a coordinator " +
                "restart it resumes from its last checkpoint");
            _finalStored = true;
            StopWhenSettled();
        });
        Receive<StoreFaulted>(_ => { }); // the writer retries the final row until it lands
        Receive<Checked>(late =>
        {
            late.Layout.Dispose(); // cancelled while checking: the check's dataset was never handed over
            _work = null;
            StopWhenSettled();
        });
        Receive<Initialised>(_ => WorkReturned());
        Receive<PlanningFailed>(_ => WorkReturned());
        Receive<Reduced>(_ => WorkReturned());
        Receive<ReduceFailed>(_ => WorkReturned());
        ReceiveAny(_ => { }); // late statistics, deadlines, cluster events, a second cancel
    }

    private void WorkReturned()
    {
        _work = null;
        StopWhenSettled();
    }

    private void StopWhenSettled()
    {
        if (_finalStored && _work is null)
        {
            Context.Stop(Self);
        }
    }

    private void Publish() => Context.Parent.Tell(new JobMessages.StatusChanged(Status()));

    /// <summary>The job as queries show it: a running job whose store fails shows as paused, with the error.
    /// </summary>
    private JobStatus Status()
    {
        var paused = _state == JobState.Running && _storeFault is not null;
        return new JobStatus(
            _jobId, paused ? JobState.Paused : _state, _summary, _fit?.InitCount ?? _spec.NInit, Partitions,
            _collector?.Done ?? 0, paused ? _storeFault : _error, _inputError, _submitted, _finished,
            _state == JobState.Succeeded ? _fit!.Result.Converged : null, _history.ToArray(), _history.Count);
    }

    private static (string Message, bool IsInput) Describe(Exception error)
    {
        var cause = error is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : error;
        return cause is InvalidInputException
            ? (SecretValues.Redact(cause.Message), true)
            : (SecretValues.Redact($"{cause.GetType().Name}: {cause.Message}"), false);
    }
}

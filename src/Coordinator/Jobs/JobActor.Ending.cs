using Akka.Actor;
using Akka.Event;
using AiMass.Coordinator.Persistence;
using AiMass.Kernels;
using AiMass.Kernels.Input;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Jobs;

/// <summary>How a <see cref="JobActor"/> ends (succeeded, failed, cancelled) and reports its status.</summary>
public sealed partial class JobActor
{
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
        if (_state is JobState.Pending or JobState.Running)
        {
            _state = JobState.Cancelled;
            _log.Info("job={0} cancelled", _jobId);
            End(null);
        }
    }

    private void End(string? modelJson)
    {
        _finished = DateTimeOffset.UtcNow;
        _meter.Ended();
        Timers.CancelAll();
        if (_dataset is not null)
        {
            for (var p = 0; p < Partitions; p++)
            {
                _services.Region.Tell(new PartitionCommands.ReleasePartition(_jobId, p));
            }
        }

        var status = Status();
        try
        {
            _services.Store.Save(new JobCheckpoint(_jobId, _spec, status, _step, null, modelJson));
        }
        catch (Exception e) when (e is IOException or System.Data.Common.DbException)
        {
            _log.Error(e, $"job={_jobId} could not store its final state; it will not survive a coordinator restart");
        }

        Context.Parent.Tell(new JobMessages.StatusChanged(status, modelJson));
        Context.Stop(Self);
    }

    private void Publish() => Context.Parent.Tell(new JobMessages.StatusChanged(Status()));

    private JobStatus Status() => new(
        _jobId, _state, _summary, _fit?.InitCount ?? _spec.NInit, Partitions, _collector?.Done ?? 0, _error,
        _inputError, _submitted, _finished, _state == JobState.Succeeded ? _fit!.Result.Converged : null,
        _history.ToArray(), _history.Count);

    private static (string Message, bool IsInput) Describe(Exception error)
    {
        var cause = error is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : error;
        return cause is InvalidInputException
            ? (SecretValues.Redact(cause.Message), true)
            : (SecretValues.Redact($"{cause.GetType().Name}: {cause.Message}"), false);
    }
}

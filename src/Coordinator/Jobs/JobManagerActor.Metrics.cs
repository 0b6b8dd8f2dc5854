using Akka.Actor;
using AiMass.Seed.Metrics;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// The job manager's part in the metrics and the dashboard: <c>aimass_jobs</c> (jobs by state, counted again after
/// every message, so that no path that changes a job's state — submit, progress, cancel, crash, delete, retention —
/// can leave the gauge behind), and the per-partition timings of each job's last reduced step.
/// </summary>
public sealed partial class JobManagerActor
{
    private readonly AimassMetrics _metrics = AimassMetrics.For(Context.System);

    /// <inheritdoc />
    protected override bool AroundReceive(Receive receive, object message)
    {
        var handled = base.AroundReceive(receive, message);
        CountStates();
        return handled;
    }

    private void HandleTimings()
    {
        Receive<JobMessages.StepTimed>(timed =>
        {
            if (_jobs.TryGetValue(timed.Timings.JobId, out var record))
            {
                _jobs[timed.Timings.JobId] = record with { Timings = timed.Timings };
            }
        });
        Receive<TimingQueries.GetStepTimings>(get => Sender.Tell(_jobs.TryGetValue(get.JobId, out var record)
            ? record.Timings ?? new TimingQueries.StepTimings(get.JobId, 0, [])
            : new JobCommands.JobNotFound(get.JobId)));
    }

    /// <summary>Jobs by state for <c>aimass_jobs</c> (every state, 0 where none).</summary>
    private void CountStates()
    {
        var byState = Enum.GetValues<JobState>().ToDictionary(s => s, _ => 0);
        foreach (var record in _jobs.Values)
        {
            byState[record.Status.State]++;
        }

        _metrics.SetJobStates(byState.ToDictionary(p => p.Key.ToString().ToLowerInvariant(), p => p.Value));
    }
}

using Akka.Actor;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// Messages between the job manager and its job actors (local to the coordinator node, never serialized).
/// </summary>
public static class JobMessages
{
    /// <summary>The job planned successfully; the manager answers the submitter.</summary>
    /// <param name="JobId">Job id.</param>
    /// <param name="ReplyTo">The submitter.</param>
    public sealed record Planned(string JobId, IActorRef ReplyTo);

    /// <summary>Planning failed (bad input, usually); the manager rejects the submission.</summary>
    /// <param name="JobId">Job id.</param>
    /// <param name="ReplyTo">The submitter.</param>
    /// <param name="Message">For the user.</param>
    /// <param name="IsInputError">True for bad input.</param>
    public sealed record PlanFailed(string JobId, IActorRef ReplyTo, string Message, bool IsInputError);

    /// <summary>The job's status changed.</summary>
    /// <param name="Status">The new snapshot (with the whole history).</param>
    /// <param name="ModelJson">The model file, once the job succeeded.</param>
    public sealed record StatusChanged(JobStatus Status, string? ModelJson = null);

    /// <summary>A step was reduced: its per-partition timings, for the dashboard.</summary>
    /// <param name="Timings">The step's timings.</param>
    public sealed record StepTimed(TimingQueries.StepTimings Timings);
}

using Akka.Actor;
using AiMass.Seed.Protocol;

namespace AiMass.Coordinator.Jobs;

/// <summary>
/// Messages between the job manager and its job actors (local to the coordinator node, never serialized).
/// </summary>
public static class JobMessages
{
    /// <summary>
    /// The job's options passed the checks against the dataset's header; the manager answers the submitter with
    /// the job id while the job goes on planning.
    /// </summary>
    /// <param name="JobId">Job id.</param>
    /// <param name="ReplyTo">The submitter.</param>
    public sealed record Accepted(string JobId, IActorRef ReplyTo);

    /// <summary>
    /// The job was refused before it was accepted (bad input, usually): the manager rejects the submission and
    /// forgets the job, which was never stored.
    /// </summary>
    /// <param name="JobId">Job id.</param>
    /// <param name="ReplyTo">The submitter.</param>
    /// <param name="Message">For the user.</param>
    /// <param name="IsInputError">True for bad input.</param>
    public sealed record Rejected(string JobId, IActorRef ReplyTo, string Message, bool IsInputError);

    /// <summary>The job's status changed.</summary>
    /// <param name="Status">The new snapshot (with the whole history).</param>
    /// <param name="ModelJson">The model file, once the job succeeded.</param>
    public sealed record StatusChanged(JobStatus Status, string? ModelJson = null);
}

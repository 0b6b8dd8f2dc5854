using AiMass.Seed.Jobs;

namespace AiMass.Seed.Protocol;

/// <summary>Requests to the job manager (the coordinator singleton) and their replies.</summary>
public static class JobCommands
{
    /// <summary>Start a job; replied with <see cref="JobSubmitted"/> or <see cref="JobRejected"/>.</summary>
    /// <param name="Spec">The fit to run.</param>
    public sealed record SubmitJob(FitSpec Spec) : IAimassMessage;

    /// <summary>The job was accepted under <paramref name="JobId"/>.</summary>
    /// <param name="JobId">Job id.</param>
    public sealed record JobSubmitted(string JobId) : IAimassMessage;

    /// <summary>The job was refused; <paramref name="Message"/> names the bad input and the remedy.</summary>
    /// <param name="Message">For the user.</param>
    /// <param name="IsInputError">True for bad input (exit code 2), false for other failures.</param>
    public sealed record JobRejected(string Message, bool IsInputError) : IAimassMessage;

    /// <summary>Stop a job; replied with its <see cref="JobStatus"/> (or <see cref="JobNotFound"/>).</summary>
    /// <param name="JobId">Job id.</param>
    public sealed record CancelJob(string JobId) : IAimassMessage;

    /// <summary>No job has this id.</summary>
    /// <param name="JobId">The id asked for.</param>
    public sealed record JobNotFound(string JobId) : IAimassMessage;

    /// <summary>
    /// Remove a finished job from the job store and the list; replied with <see cref="JobDeleted"/>,
    /// <see cref="JobNotDeleted"/> or <see cref="JobNotFound"/>. A job that still runs is not deleted: cancel it
    /// first.
    /// </summary>
    /// <param name="JobId">Job id.</param>
    public sealed record DeleteJob(string JobId) : IAimassMessage;

    /// <summary>The job is gone from the store and the list.</summary>
    /// <param name="JobId">Job id.</param>
    public sealed record JobDeleted(string JobId) : IAimassMessage;

    /// <summary>The job was not deleted; <paramref name="Message"/> says why and what to do.</summary>
    /// <param name="JobId">Job id.</param>
    /// <param name="Message">For the user.</param>
    /// <param name="StillRunning">True when the job has not ended (HTTP 409); false when the store failed (503).
    /// </param>
    public sealed record JobNotDeleted(string JobId, string Message, bool StillRunning) : IAimassMessage;
}

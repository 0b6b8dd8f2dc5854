namespace AiMass.Seed.Protocol;

/// <summary>Queries to the job manager and their replies.</summary>
public static class JobQueries
{
    /// <summary>Every job, newest first; replied with <see cref="JobList"/>.</summary>
    public sealed record GetJobs : IAimassMessage;

    /// <summary>The jobs' statuses without history.</summary>
    /// <param name="Jobs">Newest first.</param>
    public sealed record JobList(IReadOnlyList<JobStatus> Jobs) : IAimassMessage;

    /// <summary>
    /// One job's status with the iterations from <paramref name="SinceIteration"/> on; replied with
    /// <see cref="JobStatus"/> wrapped in <see cref="JobStatusReply"/> or <see cref="JobCommands.JobNotFound"/>.
    /// </summary>
    /// <param name="JobId">Job id.</param>
    /// <param name="SinceIteration">Index into the job's history (0 for all).</param>
    public sealed record GetJob(string JobId, int SinceIteration = 0) : IAimassMessage;

    /// <summary>A job's status.</summary>
    /// <param name="Status">The status.</param>
    public sealed record JobStatusReply(JobStatus Status) : IAimassMessage;

    /// <summary>
    /// A finished job's model file; replied with <see cref="JobModel"/> or <see cref="JobCommands.JobNotFound"/>.
    /// </summary>
    /// <param name="JobId">Job id.</param>
    public sealed record GetJobModel(string JobId) : IAimassMessage;

    /// <summary>The model-file JSON, or the reason there is none yet.</summary>
    /// <param name="JobId">Job id.</param>
    /// <param name="ModelJson">The model file, when the job succeeded.</param>
    /// <param name="Problem">Why there is no model (still running, failed, cancelled).</param>
    public sealed record JobModel(string JobId, string? ModelJson, string? Problem) : IAimassMessage;
}

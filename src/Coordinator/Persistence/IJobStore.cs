namespace AiMass.Coordinator.Persistence;

/// <summary>
/// Durable job checkpoints; written after every M-step and at the end of a job. A final state (succeeded, failed,
/// cancelled) is final in the store itself: a save that would replace it is refused, whoever sends it. Failures of
/// the database or the disk surface as <see cref="JobStoreException"/>.
/// </summary>
public interface IJobStore
{
    /// <summary>Where the jobs are kept, for log lines (never credentials).</summary>
    string Location { get; }

    /// <summary>
    /// Inserts or replaces the checkpoint of <see cref="JobCheckpoint.JobId"/>, unless the stored row holds a final
    /// state: then nothing is written and the result carries that final status.
    /// </summary>
    Task<JobSaveResult> SaveAsync(JobCheckpoint checkpoint, CancellationToken cancellationToken = default);

    /// <summary>Every stored job, oldest first.</summary>
    Task<IReadOnlyList<JobCheckpoint>> LoadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Deletes the job if its stored state is final; false when no such finished job is stored.</summary>
    Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the finished jobs <paramref name="retention"/> does not keep; returns their ids.</summary>
    Task<IReadOnlyList<string>> PruneAsync(JobRetention retention, CancellationToken cancellationToken = default);
}

namespace AiMass.Coordinator.Persistence;

/// <summary>
/// Checkpoints kept in memory only (embedded clusters, tests): nothing survives the process. Keeps a final state
/// final and applies the retention like the database stores.
/// </summary>
public sealed class MemoryJobStore : IJobStore
{
    private readonly Dictionary<string, (JobCheckpoint Checkpoint, DateTimeOffset Updated)> _jobs = [];
    private readonly Lock _lock = new();

    /// <inheritdoc />
    public string Location => "memory (jobs do not survive this process)";

    /// <inheritdoc />
    public Task<JobSaveResult> SaveAsync(JobCheckpoint checkpoint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        lock (_lock)
        {
            if (_jobs.TryGetValue(checkpoint.JobId, out var stored) && stored.Checkpoint.Status.IsFinal)
            {
                return Task.FromResult(JobSaveResult.Refused(stored.Checkpoint.Status));
            }

            var kept = checkpoint.Status.IsFinal
                ? checkpoint with { Spec = JobRows.Slim(checkpoint.Spec) }
                : checkpoint;
            _jobs[checkpoint.JobId] = (kept, JobRows.Updated(checkpoint));
            return Task.FromResult(JobSaveResult.Written);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<JobCheckpoint>> LoadAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<JobCheckpoint>>(_jobs.Values.Select(j => j.Checkpoint)
                .OrderBy(j => j.Status.SubmittedAt).ThenBy(j => j.JobId, StringComparer.Ordinal).ToArray());
        }
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        lock (_lock)
        {
            return Task.FromResult(
                _jobs.TryGetValue(jobId, out var stored) && stored.Checkpoint.Status.IsFinal && _jobs.Remove(jobId));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> PruneAsync(
        JobRetention retention, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(retention);
        lock (_lock)
        {
            var finished = _jobs.Values.Where(j => j.Checkpoint.Status.IsFinal)
                .OrderByDescending(j => j.Updated).ThenByDescending(j => j.Checkpoint.JobId, StringComparer.Ordinal)
                .ToArray();
            var doomed = finished
                .Where((j, rank) => (retention.EndedAfter is { } cutoff && j.Updated < cutoff)
                    || (retention.KeepJobs > 0 && rank >= retention.KeepJobs))
                .Select(j => j.Checkpoint.JobId)
                .ToArray();
            foreach (var id in doomed)
            {
                _jobs.Remove(id);
            }

            return Task.FromResult<IReadOnlyList<string>>(doomed);
        }
    }
}

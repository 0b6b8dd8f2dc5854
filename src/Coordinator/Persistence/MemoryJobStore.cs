using System.Collections.Concurrent;

namespace AiMass.Coordinator.Persistence;

/// <summary>Checkpoints kept in memory only (embedded clusters, tests): nothing survives the process.</summary>
public sealed class MemoryJobStore : IJobStore
{
    private readonly ConcurrentDictionary<string, JobCheckpoint> _jobs = new();

    /// <inheritdoc />
    public string Location => "memory (jobs do not survive this process)";

    /// <inheritdoc />
    public void Save(JobCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        _jobs[checkpoint.JobId] = checkpoint;
    }

    /// <inheritdoc />
    public IReadOnlyList<JobCheckpoint> LoadAll() => _jobs.Values.OrderBy(j => j.Status.SubmittedAt).ToArray();
}
